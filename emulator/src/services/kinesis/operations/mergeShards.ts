import type { MergeShardsInput } from "@aws-sdk/client-kinesis";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import { streamNotActive } from "../kinesisErrors";
import { shardId, streamReference } from "../kinesisShapes";
import type { NoOutput } from "../../../server/OperationTable";
import { couldNotFindShard, onDemandStream, shardAlreadyResharded, shardsNotAdjacent } from "../reshardErrors";
import { reshardShardIndex } from "../reshardShardIndex";
import { shardIdOf } from "../shardIds";
import type { StreamStore } from "../StreamStore";

export const mergeShardsInput = structure(
  {
    ShardToMerge: shardId,
    AdjacentShardToMerge: shardId,
    ...streamReference,
  },
  ["ShardToMerge", "AdjacentShardToMerge"],
);

/**
 * https://docs.aws.amazon.com/kinesis/latest/APIReference/API_MergeShards.html. Checks in the order kinesalite's
 * mergeShards tests found on AWS: unreadable shard ids, the stream, its state, each shard, then adjacency
 * (ShardToMerge's range must end where AdjacentShardToMerge's begins; the other way round is refused).
 */
export function mergeShards(store: StreamStore) {
  return operation<MergeShardsInput, NoOutput, typeof mergeShardsInput>({
    input: mergeShardsInput,
    handle: (input) => {
      const name = store.streamNameOf(input);
      const arguments_ = [input.ShardToMerge, input.AdjacentShardToMerge];
      const indexes = arguments_.map((argument) => {
        const index = reshardShardIndex(argument);
        if (index === undefined) {
          throw couldNotFindShard(argument, name, store.accountId);
        }
        return index;
      });
      const stream = store.get(name);
      const status = stream.visibleStatus(store.now());
      if (status !== "ACTIVE") {
        throw streamNotActive(name, store.accountId, status);
      }
      const [shard, adjacent] = indexes.map((index) => {
        const found = stream.shards[index];
        if (found === undefined) {
          throw couldNotFindShard(shardIdOf(index), name, store.accountId);
        }
        return found;
      }) as [NonNullable<(typeof stream.shards)[number]>, NonNullable<(typeof stream.shards)[number]>];
      if (stream.mode === "ON_DEMAND") {
        throw onDemandStream("MergeShards", name, store.accountId);
      }
      for (const closed of [shard, adjacent].filter((candidate) => !candidate.isOpen)) {
        throw shardAlreadyResharded(closed.id, name, store.accountId);
      }
      if (shard.hashKeyRange.end + 1n !== adjacent.hashKeyRange.start) {
        throw shardsNotAdjacent(shard.id, adjacent.id, name, store.accountId);
      }
      store.reshard(stream, { kind: "merge", shardId: shard.id, adjacentShardId: adjacent.id });
      return {};
    },
  });
}
