import type { Shard as ShardDescription } from "@aws-sdk/client-kinesis";
import type { Shard } from "./Stream";

/** A shard as DescribeStream and ListShards show it: every shard is open (no resharding). */
export function describeShard(shard: Shard): ShardDescription {
  return {
    ShardId: shard.id,
    HashKeyRange: { StartingHashKey: shard.hashKeyRange.start.toString(), EndingHashKey: shard.hashKeyRange.end.toString() },
    SequenceNumberRange: { StartingSequenceNumber: shard.startingSequenceNumber },
  };
}
