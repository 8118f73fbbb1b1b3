import type { ChildShard, Shard as ShardDescription } from "@aws-sdk/client-kinesis";
import type { Shard, Stream } from "./Stream";

/**
 * A shard as DescribeStream and ListShards show it: a closed shard has an EndingSequenceNumber, a child its
 * ParentShardId (and, from a merge, AdjacentParentShardId)
 * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_Shard.html).
 */
export function describeShard(shard: Shard): ShardDescription {
  return {
    ShardId: shard.id,
    ...(shard.parentShardId === undefined ? {} : { ParentShardId: shard.parentShardId }),
    ...(shard.adjacentParentShardId === undefined ? {} : { AdjacentParentShardId: shard.adjacentParentShardId }),
    HashKeyRange: { StartingHashKey: shard.hashKeyRange.start.toString(), EndingHashKey: shard.hashKeyRange.end.toString() },
    SequenceNumberRange: {
      StartingSequenceNumber: shard.startingSequenceNumber,
      ...(shard.endingSequenceNumber === undefined ? {} : { EndingSequenceNumber: shard.endingSequenceNumber }),
    },
  };
}

/** GetRecords' ChildShards at the end of a closed shard (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ChildShard.html). */
export function childShardsOf(stream: Stream, shard: Shard): ChildShard[] {
  return stream.shards
    .filter((child) => child.parentShardId === shard.id || child.adjacentParentShardId === shard.id)
    .map((child) => ({
      ShardId: child.id,
      ParentShards: child.parentShardIds,
      HashKeyRange: { StartingHashKey: child.hashKeyRange.start.toString(), EndingHashKey: child.hashKeyRange.end.toString() },
    }));
}
