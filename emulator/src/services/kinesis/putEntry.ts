import { invalidArgument } from "./kinesisErrors";
import { parseExplicitHashKey, partitionKeyHash } from "./hashKeyRanges";
import { MAX_RECORD_BYTES } from "./recordLimits";
import type { PutEntry } from "./Stream";

/** A record to append, routed by its ExplicitHashKey or else the MD5 of its partition key; AWS's checks. */
export function putEntry(partitionKey: string, data: Uint8Array, explicitHashKey: string | undefined): PutEntry {
  let hashKey: bigint;
  if (explicitHashKey === undefined) {
    hashKey = partitionKeyHash(partitionKey);
  } else {
    const parsed = parseExplicitHashKey(explicitHashKey);
    if (parsed === undefined) {
      throw invalidArgument(`Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${explicitHashKey}`);
    }
    hashKey = parsed;
  }
  const keyBytes = Buffer.byteLength(partitionKey, "utf8");
  const size = keyBytes + data.length;
  if (size > MAX_RECORD_BYTES) {
    throw invalidArgument(
      `Record size of ${size} bytes (data and partition key) exceeds the maximum record size of ${MAX_RECORD_BYTES} bytes.`,
    );
  }
  return { partitionKey, data, keyBytes, hashKey, size };
}
