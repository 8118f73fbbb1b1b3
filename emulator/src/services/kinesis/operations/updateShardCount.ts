import type { UpdateShardCountInput, UpdateShardCountOutput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { integer, string, structure } from "../../../server/shapes";
import { limitExceeded, streamNotActive } from "../kinesisErrors";
import { streamReference } from "../kinesisShapes";
import { onDemandStream, shardLimitExceeded } from "../reshardErrors";
import type { StreamStore } from "../StreamStore";

export const updateShardCountInput = structure(
  {
    ...streamReference,
    TargetShardCount: integer({ min: 1, max: 100000 }),
    ScalingType: string({ enum: ["UNIFORM_SCALING"] }),
  },
  ["TargetShardCount", "ScalingType"],
);

const DAY_MS = 24 * 3_600_000;
/** The default limits of https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateShardCount.html. */
const SCALINGS_PER_DAY = 10;
const MAX_STREAM_SHARDS = 10000;

/**
 * https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateShardCount.html: "By default, you cannot":
 * scale more than ten times per rolling 24-hour period per stream, up to more than double or down below half
 * the current shard count, up to more than 10000 shards in a stream (or a stream of more down to 10000 or more),
 * up to more than the account's shard limit. AWS lists these as limits, so they answer LimitExceededException;
 * the wording is ours. Short-lived shards are not counted against the account limit here.
 */
export function updateShardCount(store: StreamStore) {
  return operation<UpdateShardCountInput, UpdateShardCountOutput, typeof updateShardCountInput>({
    input: updateShardCountInput,
    handle: (input) => {
      const name = store.streamNameOf(input);
      const stream = store.get(name);
      const now = store.now();
      const status = stream.visibleStatus(now);
      if (status !== "ACTIVE") {
        throw streamNotActive(name, store.accountId, status);
      }
      if (stream.mode === "ON_DEMAND") {
        throw onDemandStream("UpdateShardCount", name, store.accountId);
      }
      const current = stream.openShardCount();
      const target = input.TargetShardCount;
      const refuse = (why: string): Error =>
        limitExceeded(`UpdateShardCount of stream ${name} under account ${store.accountId} from ${current} to ${target} shards refused: ${why}.`);
      const recent = stream.shardCountUpdatesMs.filter((at) => at > now - DAY_MS);
      if (recent.length >= SCALINGS_PER_DAY) {
        throw refuse(`the stream was already scaled ${recent.length} times in the last 24 hours (limit ${SCALINGS_PER_DAY})`);
      }
      if (target > 2 * current) {
        throw refuse("a stream cannot scale up to more than double its current shard count");
      }
      if (2 * target < current) {
        throw refuse("a stream cannot scale down below half its current shard count");
      }
      if ((current <= MAX_STREAM_SHARDS && target > MAX_STREAM_SHARDS) || (current > MAX_STREAM_SHARDS && target >= MAX_STREAM_SHARDS)) {
        throw refuse(`a stream cannot scale up to more than ${MAX_STREAM_SHARDS} shards`);
      }
      const openShards = store.openShardCount();
      if (openShards - current + target > store.shardLimit) {
        throw shardLimitExceeded(store.accountId, store.region, openShards, store.shardLimit, target - current);
      }
      store.reshard(stream, { kind: "scale", targetShardCount: target }, [...recent, now]);
      return { StreamName: name, StreamARN: store.streamArn(name), CurrentShardCount: current, TargetShardCount: target };
    },
  });
}
