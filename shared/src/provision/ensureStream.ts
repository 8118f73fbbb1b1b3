import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  ResourceInUseException,
  ResourceNotFoundException as KinesisResourceNotFound,
  type KinesisClient,
  type StreamDescriptionSummary,
} from "@aws-sdk/client-kinesis";
import { answerOr } from "../clients/answerOr";
import { pollUntil } from "../wait/pollUntil";
import type { EnsureResult } from "./EnsureResult";

// Its own file, importing no other client, so a producer notebook's imports reach the Kinesis client's declarations only.
export interface EnsureStreamOptions {
  /** PROVISIONED mode only (default 1). */
  readonly shardCount?: number;
  /**
   * PROVISIONED bills per shard-hour; ON_DEMAND per stream-hour plus per GB, and Kinesis picks the shards (so no
   * ShardCount may be sent). Unset: whatever CreateStream does with a ShardCount, which is PROVISIONED.
   */
  readonly streamMode?: "PROVISIONED" | "ON_DEMAND";
  /** How long to wait for ACTIVE, a deletion of the same name included; AWS takes up to a minute or so for each. */
  readonly timeoutMs?: number;
  /** A line when the wait is for a stream of that name still DELETING, for a notebook or script to print. */
  readonly onProgress?: (line: string) => void;
}

async function describeStreamSummary(kinesis: KinesisClient, streamName: string): Promise<StreamDescriptionSummary | undefined> {
  const answer = await answerOr(kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName })), KinesisResourceNotFound, undefined);
  return answer?.StreamDescriptionSummary;
}

/** CreateStream; false when the name is taken (ResourceInUseException: another creator, or still DELETING). */
async function createStream(kinesis: KinesisClient, streamName: string, options: EnsureStreamOptions): Promise<boolean> {
  const capacity =
    options.streamMode === "ON_DEMAND"
      ? { StreamModeDetails: { StreamMode: "ON_DEMAND" as const } }
      : { ShardCount: options.shardCount ?? 1, ...(options.streamMode === undefined ? {} : { StreamModeDetails: { StreamMode: options.streamMode } }) };
  const created = kinesis.send(new CreateStreamCommand({ StreamName: streamName, ...capacity })).then(() => true);
  return answerOr(created, ResourceInUseException, false);
}

/**
 * Creates the data stream unless it exists, and waits until it is ACTIVE. Returns its ARN. A stream of that name
 * still DELETING (StreamStatus, https://docs.aws.amazon.com/kinesis/latest/APIReference/API_StreamDescriptionSummary.html)
 * is waited out and then created again: CreateStream refuses the name until it is gone.
 */
export async function ensureStream(kinesis: KinesisClient, streamName: string, options: EnsureStreamOptions = {}): Promise<EnsureResult & { streamArn: string }> {
  let created = false;
  let sawDeleting = false;
  // Polled here rather than with waitUntilStreamExists, whose first retry comes 10 s after a CREATING answer.
  const streamArn = await pollUntil(
    async () => {
      let summary = await describeStreamSummary(kinesis, streamName);
      if (summary === undefined) {
        if (await createStream(kinesis, streamName, options)) {
          created = true;
          if (sawDeleting) {
            options.onProgress?.(`Kinesis stream '${streamName}': the old one is gone; created it again`);
          }
        }
        summary = await describeStreamSummary(kinesis, streamName);
      }
      if (summary?.StreamStatus === "DELETING" && !sawDeleting) {
        sawDeleting = true;
        options.onProgress?.(`Kinesis stream '${streamName}' is still being deleted (DELETING): waiting for it to go, then creating it again`);
      }
      return summary?.StreamStatus === "ACTIVE" || summary?.StreamStatus === "UPDATING" ? summary.StreamARN : undefined;
    },
    { timeoutMs: options.timeoutMs ?? 180_000, intervalMs: 1000, giveUp: { what: `Kinesis stream '${streamName}' did not become ready` } },
  );
  return { created, streamArn: streamArn! };
}
