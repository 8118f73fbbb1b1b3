import { createHash } from "node:crypto";

/** Kinesis maps a partition key to the shard whose hash-key range holds the MD5 of the key, read as a 128-bit integer. */
export function hashKeyOf(partitionKey: string): bigint {
  return BigInt(`0x${createHash("md5").update(partitionKey, "utf8").digest("hex")}`);
}

const BENCH_SHARDS = 4;
const KEYS_PER_SHARD = 4;

/**
 * Sixteen GPU ids, four landing in each shard of a 4-shard stream with the even hash-key split CreateStream makes,
 * so the load is spread evenly whatever key the record index picks.
 */
function choosePartitionKeys(): readonly string[] {
  const span = 2n ** 128n / BigInt(BENCH_SHARDS);
  const perShard: string[][] = Array.from({ length: BENCH_SHARDS }, () => []);
  for (let n = 0; perShard.some((keys) => keys.length < KEYS_PER_SHARD); n++) {
    const key = `gpu-${n}`;
    const keys = perShard[Number(hashKeyOf(key) / span)]!;
    if (keys.length < KEYS_PER_SHARD) {
      keys.push(key);
    }
  }
  // Interleaved, so that consecutive records go to different shards.
  return Array.from({ length: BENCH_SHARDS * KEYS_PER_SHARD }, (_, i) => perShard[i % BENCH_SHARDS]![Math.floor(i / BENCH_SHARDS)]!);
}

export const PARTITION_KEYS = choosePartitionKeys();
export const SHARD_COUNT = BENCH_SHARDS;
