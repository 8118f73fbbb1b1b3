/** `shardId-000000000000`, as AWS names shards. */
export function shardIdOf(index: number): string {
  return `shardId-${String(index).padStart(12, "0")}`;
}

/** A shard index from `shardId-000000000001`, `shardId-1` or `1` (AWS accepts all three); undefined otherwise. */
export function shardIndexOf(shardId: string): number | undefined {
  const digits = shardId.startsWith("shardId-") ? shardId.slice("shardId-".length) : shardId;
  if (!/^\d{1,12}$/.test(digits)) {
    return undefined;
  }
  return Number(digits);
}
