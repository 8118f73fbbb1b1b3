import { AwsError } from "../../protocol/AwsError";

/** Kinesis's errors, worded as Kinesis words them. */
export function streamNotFound(streamName: string, accountId: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Stream ${streamName} under account ${accountId} not found.`);
}

export function streamAlreadyExists(streamName: string, accountId: string): AwsError {
  return new AwsError("ResourceInUseException", `Stream ${streamName} under account ${accountId} already exists.`);
}

export function streamNotActive(streamName: string, accountId: string, status: string): AwsError {
  return new AwsError("ResourceInUseException", `Stream ${streamName} under account ${accountId} not ACTIVE, instead in state ${status}`);
}

/** Not recorded from AWS: worded as streamNotFound is. `consumer` is its ARN, or its name when asked by name. */
export function consumerNotFound(consumer: string, accountId: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Consumer ${consumer} under account ${accountId} not found.`);
}

/** Not recorded from AWS: the emulator's wording. */
export function consumerAlreadyExists(consumerName: string, streamName: string, accountId: string): AwsError {
  return new AwsError("ResourceInUseException", `Consumer ${consumerName} under stream ${streamName} under account ${accountId} already exists.`);
}

/**
 * AWS's wording, spacing included, as a SubscribeToShard to a consumer still CREATING received it
 * (awslabs/kinesis-hot-shard-advisor#37: "Consumer khs-… with creation timestamp 1731291806 under stream: test2 ,
 * account … is not in ACTIVE status.").
 */
export function consumerNotActive(consumerName: string, creationSeconds: number, streamName: string, accountId: string): AwsError {
  return new AwsError("ResourceInUseException", `Consumer ${consumerName} with creation timestamp ${creationSeconds} under stream: ${streamName} , account ${accountId} is not in ACTIVE status.`);
}

/** Not recorded from AWS (LocalStack's test_resource_policy_crud, run against AWS, only expects an error): our wording. */
/** Not recorded from AWS: the emulator's wording, as for a stream's. */
export function consumerResourcePolicyNotFound(consumerArn: string, accountId: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Consumer ${consumerArn} under account ${accountId} has no resource policy.`);
}

export function resourcePolicyNotFound(streamName: string, accountId: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Stream ${streamName} under account ${accountId} has no resource policy.`);
}

export function shardNotFound(shardId: string, streamName: string, accountId: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Shard ${shardId} in stream ${streamName} under account ${accountId} does not exist`);
}

/** A shard ID with no `-<number>` a Java int holds (kinesalite test/getShardIterator.js "shard ID too big"). */
export function shardNotRead(shardId: string, streamName: string, accountId: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Could not find shard ${shardId} in stream ${streamName} under account ${accountId}.`);
}

export function invalidArgument(message: string): AwsError {
  return new AwsError("InvalidArgumentException", message);
}

export function limitExceeded(message: string): AwsError {
  return new AwsError("LimitExceededException", message);
}

export function throughputExceededMessage(shardId: string, streamName: string, accountId: string): string {
  return `Rate exceeded for shard ${shardId} in stream ${streamName} under account ${accountId}.`;
}

export function throughputExceeded(shardId: string, streamName: string, accountId: string): AwsError {
  return new AwsError("ProvisionedThroughputExceededException", throughputExceededMessage(shardId, streamName, accountId));
}
