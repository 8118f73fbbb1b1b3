import { AwsError } from "../../protocol/AwsError";

/**
 * SplitShard's and MergeShards' errors, worded as AWS words them: kinesalite's splitShard and mergeShards tests
 * (run against AWS) and AWS's answer quoted in kinesalite issue #109 for a shard already split or merged.
 */
export function couldNotFindShard(shardId: string, streamName: string, accountId: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Could not find shard ${shardId} in stream ${streamName} under account ${accountId}.`);
}

export function shardAlreadyResharded(shardId: string, streamName: string, accountId: string): AwsError {
  return new AwsError(
    "InvalidArgumentException",
    `Shard ${shardId} in stream ${streamName} under account ${accountId} has already been merged or split, and thus is not eligible for merging or splitting.`,
  );
}

export function shardLimitExceeded(accountId: string, region: string, openShards: number, limit: number, additional: number): AwsError {
  return new AwsError(
    "LimitExceededException",
    `This request would exceed the shard limit for the account ${accountId} in ${region}. Current shard count for the account: ${openShards}. ` +
      `Limit: ${limit}. Number of additional shards that would have resulted from this request: ${additional}. ` +
      "Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.",
  );
}

export function newStartingHashKeyOutOfRange(
  newStartingHashKey: string,
  shardId: string,
  streamName: string,
  accountId: string,
  range: { readonly start: bigint; readonly end: bigint },
): AwsError {
  return new AwsError(
    "InvalidArgumentException",
    `NewStartingHashKey ${newStartingHashKey} used in SplitShard() on shard ${shardId} in stream ${streamName} under account ${accountId} ` +
      `is not both greater than one plus the shard's StartingHashKey ${range.start} and less than the shard's EndingHashKey ${range.end}.`,
  );
}

export function shardsNotAdjacent(shardId: string, adjacentShardId: string, streamName: string, accountId: string): AwsError {
  return new AwsError(
    "InvalidArgumentException",
    `Shards ${shardId} and ${adjacentShardId} in stream ${streamName} under account ${accountId} are not an adjacent pair of shards eligible for merging`,
  );
}

/** Resharding a stream whose shards Kinesis manages; the wording is ours (AWS documents the rule, not the message). */
export function onDemandStream(operation: string, streamName: string, accountId: string): AwsError {
  return new AwsError(
    "ValidationException",
    `${operation} is not supported for stream ${streamName} under account ${accountId}: it is in ON_DEMAND capacity mode, whose shards Kinesis manages.`,
  );
}
