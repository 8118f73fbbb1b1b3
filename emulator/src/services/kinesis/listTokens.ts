import { type PageTokenRead, PageTokens, type TokenSeal } from "../../server/PageTokens";
import { SHARD_FILTER_TYPES, type ShardSelection } from "./shardFilters";

/** ListShards' NextToken: which stream incarnation, the shards selected and the last shard returned. */
export interface ShardListPosition {
  readonly streamName: string;
  readonly streamEpochMs: number;
  readonly lastShardIndex: number;
  readonly selection: ShardSelection;
}

/**
 * AWS: ListShards' "NextToken has an expiration time of 300 seconds"
 * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html). AWS does not document a lifetime
 * for ListStreams' NextToken; the emulator gives it the same 300 seconds as ListShards' and ListStreamConsumers'.
 */
export const SHARD_LIST_TOKEN_LIFETIME_MS = 300_000;

export function kinesisPageTokens(seal: TokenSeal): PageTokens {
  return new PageTokens("kinesis", seal, SHARD_LIST_TOKEN_LIFETIME_MS);
}

const isSelection = (value: unknown): value is ShardSelection =>
  typeof value === "object" &&
  value !== null &&
  "type" in value &&
  SHARD_FILTER_TYPES.some((type) => type === value.type) &&
  (!("timestampMs" in value) || typeof value.timestampMs === "number");

const isShardListPosition = (value: unknown): value is ShardListPosition =>
  typeof value === "object" &&
  value !== null &&
  "streamName" in value &&
  typeof value.streamName === "string" &&
  "streamEpochMs" in value &&
  typeof value.streamEpochMs === "number" &&
  "lastShardIndex" in value &&
  typeof value.lastShardIndex === "number" &&
  "selection" in value &&
  isSelection(value.selection);

const isStreamName = (value: unknown): value is string => typeof value === "string" && value.length > 0;

export function issueShardListToken(tokens: PageTokens, position: ShardListPosition, nowMs: number): string {
  return tokens.issue(["ListShards"], position, nowMs);
}

export function readShardListToken(tokens: PageTokens, text: string, nowMs: number): PageTokenRead<ShardListPosition> {
  return tokens.read(text, ["ListShards"], nowMs, isShardListPosition);
}

/** ListStreams' NextToken: the last name returned. */
export function issueStreamListToken(tokens: PageTokens, lastStreamName: string, nowMs: number): string {
  return tokens.issue(["ListStreams"], lastStreamName, nowMs);
}

export function readStreamListToken(tokens: PageTokens, text: string, nowMs: number): PageTokenRead<string> {
  return tokens.read(text, ["ListStreams"], nowMs, isStreamName);
}
