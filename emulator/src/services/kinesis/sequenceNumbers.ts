/**
 * Sequence numbers shaped as AWS's: 56 decimal digits starting with 49. Ours are self-describing so that
 * AT/AFTER_SEQUENCE_NUMBER need no lookup: `49` + the stream's epoch (its creation time in ms, unique in
 * the store, 13 digits) + the shard's index (6 digits) + the record's ordinal in the shard (35 digits).
 * Within a shard they grow with the ordinal, as strings and as numbers. Ordinal 0 is the shard's
 * StartingSequenceNumber, before any record.
 */
export interface SequencePosition {
  readonly streamEpochMs: number;
  readonly shardIndex: number;
  readonly ordinal: number;
}

const PREFIX = "49";
const EPOCH_DIGITS = 13;
const SHARD_DIGITS = 6;
const ORDINAL_DIGITS = 35;
export const SEQUENCE_NUMBER_DIGITS = PREFIX.length + EPOCH_DIGITS + SHARD_DIGITS + ORDINAL_DIGITS;
/** The largest shard index a sequence number of ours can carry (SHARD_DIGITS digits). */
export const MAX_NUMBERED_SHARD_INDEX = 10 ** SHARD_DIGITS - 1;

/** The stream-and-shard part, computed once per shard: formatting a record's number is then one pad. */
export function sequencePrefix(streamEpochMs: number, shardIndex: number): string {
  return PREFIX + String(streamEpochMs).padStart(EPOCH_DIGITS, "0") + String(shardIndex).padStart(SHARD_DIGITS, "0");
}

export function formatSequenceNumber(prefix: string, ordinal: number): string {
  return prefix + String(ordinal).padStart(ORDINAL_DIGITS, "0");
}

/** Undefined for anything this emulator did not issue. */
export function parseSequenceNumber(text: string): SequencePosition | undefined {
  if (text.length !== SEQUENCE_NUMBER_DIGITS || !text.startsWith(PREFIX) || !/^\d+$/.test(text)) {
    return undefined;
  }
  const epochEnd = PREFIX.length + EPOCH_DIGITS;
  const shardEnd = epochEnd + SHARD_DIGITS;
  const ordinal = Number(text.slice(shardEnd));
  if (!Number.isSafeInteger(ordinal)) {
    return undefined;
  }
  return { streamEpochMs: Number(text.slice(PREFIX.length, epochEnd)), shardIndex: Number(text.slice(epochEnd, shardEnd)), ordinal };
}

/**
 * Turns formatSequenceNumber(prefix, 0), already in `target` as ASCII and ending before `end`, into
 * formatSequenceNumber(prefix, ordinal) in place: only the ordinal's own digits differ. For writers of many numbers
 * of one shard (GetRecords' JSON), which copy the zero number once per record and no string.
 */
export function writeOrdinalOverZero(target: Uint8Array, end: number, ordinal: number): void {
  let rest = ordinal;
  let at = end;
  while (rest > 0) {
    const digit = rest % 10;
    at -= 1;
    target[at] = 48 + digit;
    rest = (rest - digit) / 10;
  }
}
