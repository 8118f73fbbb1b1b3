import type { ListShardsInput, ListShardsOutput } from "@aws-sdk/client-kinesis";
import { AwsError } from "../../../protocol/AwsError";
import { operation } from "../../../server/JsonService";
import { integer, string, structure, timestamp } from "../../../server/shapes";
import { describeShard } from "../describeShard";
import { invalidArgument, streamNotActive, streamNotFound } from "../kinesisErrors";
import { shardId, streamReference } from "../kinesisShapes";
import { issueShardListToken, readShardListToken, SHARD_LIST_TOKEN_LIFETIME_MS } from "../listTokens";
import { selectShards, type ShardSelection } from "../shardFilters";
import type { Stream } from "../Stream";
import type { StreamStore } from "../StreamStore";

export const listShardsInput = structure({
  ...streamReference,
  NextToken: string({ min: 1, max: 1048576 }),
  ExclusiveStartShardId: shardId,
  MaxResults: integer({ min: 1, max: 10000 }),
  StreamCreationTimestamp: timestamp(),
  ShardFilter: structure(
    {
      Type: string({ enum: ["AFTER_SHARD_ID", "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST", "AT_TIMESTAMP", "FROM_TIMESTAMP"] }),
      ShardId: shardId,
      Timestamp: timestamp(),
    },
    ["Type"],
  ),
});

const DEFAULT_MAX_RESULTS = 1000;

/** The stream, the shards selected and the shard id to list after, from a NextToken or from the stream and filters. */
function startingPoint(store: StreamStore, input: ListShardsInput): { stream: Stream; selection: ShardSelection; after: string | undefined } {
  if (input.NextToken !== undefined) {
    if (input.StreamName !== undefined || input.StreamARN !== undefined) {
      throw invalidArgument("NextToken and StreamName cannot be provided together.");
    }
    if (input.ExclusiveStartShardId !== undefined || input.ShardFilter !== undefined || input.StreamCreationTimestamp !== undefined) {
      throw invalidArgument("NextToken cannot be combined with ExclusiveStartShardId, ShardFilter or StreamCreationTimestamp.");
    }
    const read = readShardListToken(store.pageTokens, input.NextToken, store.now());
    if ("refused" in read && read.refused === "invalid") {
      throw invalidArgument(`Invalid NextToken: ${input.NextToken}`);
    }
    if ("refused" in read) {
      throw new AwsError("ExpiredNextTokenException", `The NextToken has expired: it is valid for ${SHARD_LIST_TOKEN_LIFETIME_MS / 1000} seconds.`);
    }
    const token = read.position;
    const stream = store.find(token.streamName);
    if (stream === undefined || stream.createdMs !== token.streamEpochMs) {
      throw streamNotFound(token.streamName, store.accountId);
    }
    return { stream, selection: token.selection, after: stream.shards[token.lastShardIndex]?.id };
  }
  if (input.StreamName === undefined && input.StreamARN === undefined) {
    throw invalidArgument("Either NextToken or StreamName should be provided.");
  }
  const stream = store.get(store.streamNameOf(input));
  const filter = input.ShardFilter;
  // https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ShardFilter.html: ShardId "can only be used if the
  // AFTER_SHARD_ID shard type is specified", Timestamp "only ... if FROM_TIMESTAMP or AT_TIMESTAMP".
  if (filter?.Type === "AFTER_SHARD_ID" && filter.ShardId === undefined) {
    throw invalidArgument("ShardId is required with a ShardFilter of type AFTER_SHARD_ID.");
  }
  if (filter !== undefined && filter.Type !== "AFTER_SHARD_ID" && filter.ShardId !== undefined) {
    throw invalidArgument(`ShardId can only be given with a ShardFilter of type AFTER_SHARD_ID, not ${filter.Type}.`);
  }
  const timed = filter?.Type === "AT_TIMESTAMP" || filter?.Type === "FROM_TIMESTAMP";
  if (timed && filter.Timestamp === undefined) {
    throw invalidArgument(`Timestamp is required with a ShardFilter of type ${filter.Type}.`);
  }
  if (filter !== undefined && !timed && filter.Timestamp !== undefined) {
    throw invalidArgument(`Timestamp can only be given with a ShardFilter of type AT_TIMESTAMP or FROM_TIMESTAMP, not ${filter.Type}.`);
  }
  const selection: ShardSelection =
    filter === undefined || filter.Type === "AFTER_SHARD_ID"
      ? { type: "FROM_TRIM_HORIZON" }
      : { type: filter.Type as ShardSelection["type"], ...(filter.Timestamp === undefined ? {} : { timestampMs: filter.Timestamp.getTime() }) };
  const afterIds = [input.ExclusiveStartShardId, filter?.Type === "AFTER_SHARD_ID" ? filter.ShardId : undefined].filter((id) => id !== undefined);
  return { stream, selection, after: afterIds.sort().pop() };
}

/**
 * https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html: open and closed shards, by default
 * those within the retention period (FROM_TRIM_HORIZON); answered while ACTIVE and while UPDATING, when consumers
 * need it most.
 */
export function listShards(store: StreamStore) {
  return operation<ListShardsInput, ListShardsOutput, typeof listShardsInput>({
    input: listShardsInput,
    handle: (input) => {
      const { stream, selection, after } = startingPoint(store, input);
      const now = store.now();
      const status = stream.visibleStatus(now);
      if (status !== "ACTIVE" && status !== "UPDATING") {
        throw streamNotActive(stream.name, store.accountId, status);
      }
      const shards = selectShards(stream, selection, now).filter((shard) => after === undefined || shard.id > after);
      const page = shards.slice(0, input.MaxResults ?? DEFAULT_MAX_RESULTS);
      const last = page[page.length - 1];
      const more = page.length < shards.length && last !== undefined;
      return {
        Shards: page.map(describeShard),
        NextToken: more
          ? issueShardListToken(store.pageTokens, { streamName: stream.name, streamEpochMs: stream.createdMs, lastShardIndex: last.index, selection }, now)
          : undefined,
      };
    },
  });
}
