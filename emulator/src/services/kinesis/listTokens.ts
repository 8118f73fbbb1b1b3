import { SHARD_FILTER_TYPES, type ShardSelection } from "./shardFilters";
import type { TokenSigner } from "./TokenSigner";

/** ListShards' NextToken: which stream incarnation, the shards selected, the last shard returned, and when (it expires). */
export interface ShardListToken {
  readonly issuedMs: number;
  readonly streamName: string;
  readonly streamEpochMs: number;
  readonly lastShardIndex: number;
  readonly selection: ShardSelection;
}

/** ListStreams' NextToken: the last name returned. */
export interface StreamListToken {
  readonly lastStreamName: string;
}

/** AWS: ListShards' "NextToken has an expiration time of 300 seconds". */
export const SHARD_LIST_TOKEN_LIFETIME_MS = 300_000;

const SHARD_LIST = 4;
const STREAM_LIST = 3;
const SHARD_LIST_FIXED_BYTES = 1 + 8 + 8 + 4 + 1 + 8;

export function encodeShardListToken(signer: TokenSigner, token: ShardListToken): string {
  const name = Buffer.from(token.streamName, "utf8");
  const payload = Buffer.allocUnsafe(SHARD_LIST_FIXED_BYTES + name.length);
  payload.writeUInt8(SHARD_LIST, 0);
  payload.writeDoubleLE(token.issuedMs, 1);
  payload.writeDoubleLE(token.streamEpochMs, 9);
  payload.writeUInt32LE(token.lastShardIndex, 17);
  payload.writeUInt8(SHARD_FILTER_TYPES.indexOf(token.selection.type), 21);
  payload.writeDoubleLE(token.selection.timestampMs ?? Number.NaN, 22);
  name.copy(payload, SHARD_LIST_FIXED_BYTES);
  return signer.sign(payload);
}

export function decodeShardListToken(signer: TokenSigner, text: string): ShardListToken | undefined {
  const payload = signer.verify(text);
  if (payload === undefined || payload.length <= SHARD_LIST_FIXED_BYTES || payload.readUInt8(0) !== SHARD_LIST) {
    return undefined;
  }
  const type = SHARD_FILTER_TYPES[payload.readUInt8(21)];
  if (type === undefined) {
    return undefined;
  }
  const timestampMs = payload.readDoubleLE(22);
  return {
    issuedMs: payload.readDoubleLE(1),
    streamEpochMs: payload.readDoubleLE(9),
    lastShardIndex: payload.readUInt32LE(17),
    selection: Number.isNaN(timestampMs) ? { type } : { type, timestampMs },
    streamName: payload.toString("utf8", SHARD_LIST_FIXED_BYTES),
  };
}

export function encodeStreamListToken(signer: TokenSigner, token: StreamListToken): string {
  return signer.sign(Buffer.concat([Buffer.of(STREAM_LIST), Buffer.from(token.lastStreamName, "utf8")]));
}

export function decodeStreamListToken(signer: TokenSigner, text: string): StreamListToken | undefined {
  const payload = signer.verify(text);
  if (payload === undefined || payload.length <= 1 || payload.readUInt8(0) !== STREAM_LIST) {
    return undefined;
  }
  return { lastStreamName: payload.toString("utf8", 1) };
}
