import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  ResourceInUseException,
  ResourceNotFoundException as KinesisResourceNotFound,
  type KinesisClient,
} from "@aws-sdk/client-kinesis";
import { pollUntil } from "./aws/pollUntil";

// Apart from provisioning.ts so a producer notebook's imports reach the Kinesis client's declarations only.

/** Names the course uses. */
export const COURSE_NAMES = {
  stream: "gpucontrole",
  deliveryStream: "gpucontrole-to-s3",
} as const;

export interface EnsureResult {
  /** False when it already existed (every ensure* is idempotent: "Run all" twice works). */
  readonly created: boolean;
}

export interface EnsureStreamOptions {
  /** PROVISIONED mode only (default 1). */
  readonly shardCount?: number;
  /**
   * PROVISIONED bills per shard-hour; ON_DEMAND per stream-hour plus per GB, and Kinesis picks the shards (so no
   * ShardCount may be sent). Unset: whatever CreateStream does with a ShardCount, which is PROVISIONED.
   */
  readonly streamMode?: "PROVISIONED" | "ON_DEMAND";
  /** How long to wait for ACTIVE; AWS takes up to a minute or so. */
  readonly timeoutMs?: number;
}

/** Creates the data stream unless it exists, and waits until it is ACTIVE. Returns its ARN. */
export async function ensureStream(kinesis: KinesisClient, streamName: string, options: EnsureStreamOptions = {}): Promise<EnsureResult & { streamArn: string }> {
  let created = false;
  try {
    const capacity =
      options.streamMode === "ON_DEMAND"
        ? { StreamModeDetails: { StreamMode: "ON_DEMAND" as const } }
        : { ShardCount: options.shardCount ?? 1, ...(options.streamMode === undefined ? {} : { StreamModeDetails: { StreamMode: options.streamMode } }) };
    await kinesis.send(new CreateStreamCommand({ StreamName: streamName, ...capacity }));
    created = true;
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) {
      throw error;
    }
  }
  // Polled here rather than with waitUntilStreamExists, whose first retry comes 10 s after a CREATING answer.
  const streamArn = await pollUntil(
    `Kinesis stream '${streamName}' did not become ready`,
    async () => {
      try {
        const { StreamDescriptionSummary: summary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
        return summary?.StreamStatus === "ACTIVE" || summary?.StreamStatus === "UPDATING" ? summary.StreamARN : undefined;
      } catch (error) {
        if (error instanceof KinesisResourceNotFound) {
          return undefined;
        }
        throw error;
      }
    },
    { timeoutMs: options.timeoutMs ?? 180_000, intervalMs: 1000 },
  );
  return { created, streamArn: streamArn! };
}

