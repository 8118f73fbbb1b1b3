/** `shardId-000000000000`, as AWS names shards. */
export function shardIdOf(index: number): string {
  return `shardId-${String(index).padStart(12, "0")}`;
}

/**
 * The index a shard ID names. AWS reads any `<prefix>-<digits>` or bare digits, leading zeros and all, as long as the
 * number fits a Java int (kinesalite test/getShardIterator.js: `a-00002147483647`, `-00002147483647` and
 * `<random name>-0` name shards; `2147483648`, `ABKLFD8` and `2.14E4` do not).
 */
export function shardIndexOf(shardId: string): number | undefined {
  const digits = /^(?:.*-)?(\d+)$/s.exec(shardId)?.[1];
  if (digits === undefined) {
    return undefined;
  }
  const index = Number(digits);
  return index <= 2 ** 31 - 1 ? index : undefined;
}
