import type { TokenSigner } from "./TokenSigner";

/** What a shard iterator says: where to read next, in which incarnation of which stream, since when. */
export interface ShardIterator {
  readonly issuedMs: number;
  readonly streamName: string;
  readonly streamEpochMs: number;
  readonly shardIndex: number;
  /** The ordinal of the next record to read (1 is the shard's first record). */
  readonly position: number;
}

/** AWS: "A shard iterator expires 5 minutes after it is returned to the requester." */
export const ITERATOR_LIFETIME_MS = 300_000;

const KIND = 1;
const FIXED_BYTES = 1 + 8 + 8 + 4 + 8;

export function encodeShardIterator(signer: TokenSigner, iterator: ShardIterator): string {
  const name = Buffer.from(iterator.streamName, "utf8");
  const payload = Buffer.allocUnsafe(FIXED_BYTES + name.length);
  payload.writeUInt8(KIND, 0);
  payload.writeDoubleLE(iterator.issuedMs, 1);
  payload.writeDoubleLE(iterator.streamEpochMs, 9);
  payload.writeUInt32LE(iterator.shardIndex, 17);
  payload.writeDoubleLE(iterator.position, 21);
  name.copy(payload, FIXED_BYTES);
  return signer.sign(payload);
}

/** Undefined when the token was not made by `encodeShardIterator` with this signer. */
export function decodeShardIterator(signer: TokenSigner, token: string): ShardIterator | undefined {
  const payload = signer.verify(token);
  if (payload === undefined || payload.length <= FIXED_BYTES || payload.readUInt8(0) !== KIND) {
    return undefined;
  }
  return {
    issuedMs: payload.readDoubleLE(1),
    streamEpochMs: payload.readDoubleLE(9),
    shardIndex: payload.readUInt32LE(17),
    position: payload.readDoubleLE(21),
    streamName: payload.toString("utf8", FIXED_BYTES),
  };
}

/** AWS's wording of a time in this message: `Thu Jan 22 01:22:02 UTC 2015`. */
function amazonUtc(ms: number): string {
  const [weekday, day, month, year, time] = new Date(ms).toUTCString().replace(",", "").split(" ");
  return `${weekday} ${month} ${day} ${time} UTC ${year}`;
}

export function expiredIteratorMessage(issuedMs: number, nowMs: number): string {
  return (
    `Iterator expired. The iterator was created at time ${amazonUtc(issuedMs)} while right now it is ${amazonUtc(nowMs)} ` +
    `which is further in the future than the tolerated delay of ${ITERATOR_LIFETIME_MS} milliseconds.`
  );
}
