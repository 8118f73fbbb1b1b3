/** One record as the Kinesis service stores it. */
export interface StoredRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  readonly data: Uint8Array;
  /** ApproximateArrivalTimestamp, in epoch milliseconds. */
  readonly arrivalMs: number;
}

/** A shard with its parents; closed shards have an ending sequence number (their last record's, or their start's when empty). */
export interface ShardLineage {
  readonly shardId: string;
  readonly parentShardIds: readonly string[];
  readonly endingSequenceNumber?: string;
}

/**
 * The Kinesis service's in-process face for other services (Firehose reads streams through it, not through
 * our own HTTP). Errors are AwsErrors as the API would answer (ResourceNotFoundException, ...).
 */
export interface KinesisStreams {
  /** The stream's name from a name or an ARN. */
  resolveStreamName(nameOrArn: string): string;
  streamArn(streamName: string): string;
  /** The stream's open shards (those that can still receive records), in order. */
  shardIds(streamName: string): readonly string[];
  /** Every shard of the stream, open and closed, in index order (parents before their children). */
  shards(streamName: string): readonly ShardLineage[];
  /** The sequence number of the newest record in the shard, if it has any. */
  latestSequenceNumber(streamName: string, shardId: string): string | undefined;
  /** Up to `limit` records after `afterSequenceNumber` (exclusive), or from the oldest retained when undefined. */
  readAfter(streamName: string, shardId: string, afterSequenceNumber: string | undefined, limit: number): Promise<readonly StoredRecord[]>;
  /** Called (with the stream's name) after records are appended and on disk; returns an unsubscribe function. */
  onAppend(listener: (streamName: string) => void): () => void;
}
