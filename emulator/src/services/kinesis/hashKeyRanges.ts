import * as crypto from "node:crypto";

/** Partition keys map to 128-bit unsigned integers; each open shard owns a contiguous range of them. */
export const HASH_KEY_LIMIT = 1n << 128n;

export interface HashKeyRange {
  readonly start: bigint;
  readonly end: bigint;
}

/** As AWS splits a new stream: equal ranges of floor(2^128 / n) keys, the last one taking the remainder. */
export function splitHashKeySpace(shardCount: number): HashKeyRange[] {
  const size = HASH_KEY_LIMIT / BigInt(shardCount);
  return Array.from({ length: shardCount }, (_, index) => ({
    start: size * BigInt(index),
    end: (index === shardCount - 1 ? HASH_KEY_LIMIT : size * BigInt(index + 1)) - 1n,
  }));
}

const md5: (text: string) => Buffer =
  typeof crypto.hash === "function"
    ? (text) => crypto.hash("md5", text, "buffer")
    : (text) => crypto.createHash("md5").update(text, "utf8").digest();

/** Producers reuse few partition keys (one per GPU, per device...): remembering their hashes saves an MD5 per record. */
const recentHashes = new Map<string, bigint>();
const RECENT_HASHES_LIMIT = 4096;

/** The MD5 of the partition key's UTF-8 bytes, read as a big-endian unsigned integer. */
export function partitionKeyHash(partitionKey: string): bigint {
  let hashKey = recentHashes.get(partitionKey);
  if (hashKey === undefined) {
    const digest = md5(partitionKey);
    hashKey = (digest.readBigUInt64BE(0) << 64n) | digest.readBigUInt64BE(8);
    if (recentHashes.size >= RECENT_HASHES_LIMIT) {
      recentHashes.clear();
    }
    recentHashes.set(partitionKey, hashKey);
  }
  return hashKey;
}

/** Undefined when the (pattern-checked) decimal is 2^128 or more. */
export function parseExplicitHashKey(decimal: string): bigint | undefined {
  const value = BigInt(decimal);
  return value < HASH_KEY_LIMIT ? value : undefined;
}

/** The index of the range holding `hashKey`, given the ranges' starts in ascending order, the first being 0. */
export function rangeIndexOf(starts: readonly bigint[], hashKey: bigint): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= hashKey) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}
