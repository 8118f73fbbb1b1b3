import type { SplitShardInput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { string, structure } from "../../../server/shapes";
import { streamNotActive } from "../kinesisErrors";
import { hashKey, shardId, streamReference } from "../kinesisShapes";
import type { NoOutput } from "../../../server/OperationTable";
import { couldNotFindShard, newStartingHashKeyOutOfRange, onDemandStream, shardAlreadyResharded, shardLimitExceeded } from "../reshardErrors";
import { reshardShardIndex } from "../reshardShardIndex";
import { shardIdOf } from "../shardIds";
import type { StreamStore } from "../StreamStore";

export const splitShardInput = structure(
  {
    NewStartingHashKey: string({ pattern: hashKey.pattern! }),
    ...streamReference,
    ShardToSplit: shardId,
  },
  ["ShardToSplit", "NewStartingHashKey"],
);

/**
 * https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SplitShard.html. The order of the checks, and
 * their wording, are those kinesalite's splitShard tests found on AWS: an unreadable shard id before the
 * stream, the stream's state, the shard, the account's shard limit, then NewStartingHashKey.
 */
export function splitShard(store: StreamStore) {
  return operation<SplitShardInput, NoOutput, typeof splitShardInput>({
    input: splitShardInput,
    handle: (input) => {
      const name = store.streamNameOf(input);
      const index = reshardShardIndex(input.ShardToSplit);
      if (index === undefined) {
        throw couldNotFindShard(input.ShardToSplit, name, store.accountId);
      }
      const stream = store.get(name);
      const status = stream.visibleStatus(store.now());
      if (status !== "ACTIVE") {
        throw streamNotActive(name, store.accountId, status);
      }
      const shard = stream.shards[index];
      if (shard === undefined) {
        throw couldNotFindShard(shardIdOf(index), name, store.accountId);
      }
      if (stream.mode === "ON_DEMAND") {
        throw onDemandStream("SplitShard", name, store.accountId);
      }
      if (!shard.isOpen) {
        throw shardAlreadyResharded(shard.id, name, store.accountId);
      }
      const openShards = store.openShardCount();
      if (openShards + 1 > store.shardLimit) {
        throw shardLimitExceeded(store.accountId, store.region, openShards, store.shardLimit, 1);
      }
      // "is not both greater than one plus the shard's StartingHashKey and less than the shard's EndingHashKey"
      const newStart = BigInt(input.NewStartingHashKey);
      if (newStart <= shard.hashKeyRange.start + 1n || newStart >= shard.hashKeyRange.end) {
        throw newStartingHashKeyOutOfRange(input.NewStartingHashKey, shard.id, name, store.accountId, shard.hashKeyRange);
      }
      store.reshard(stream, { kind: "split", shardId: shard.id, newStartingHashKey: newStart.toString() });
      return {};
    },
  });
}
