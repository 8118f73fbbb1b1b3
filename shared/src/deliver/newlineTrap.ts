import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  PutRecordBatchCommand,
  ResourceNotFoundException,
  type FirehoseClient,
} from "@aws-sdk/client-firehose";
import { pollUntil } from "../wait/pollUntil";
import type { EnsureResult } from "../provision/EnsureResult";
import { roleArn, type PipelineNames } from "../provision/pipelineNames";

export interface UndelimitedDeliveryStreamOptions {
  /** Deliver at least this often (default 60 s). */
  readonly bufferIntervalSeconds?: number;
}

/**
 * The sidebar of notebook 02: a small Direct PUT delivery stream into `names.sidebar.dataPrefix` WITHOUT the
 * newline delimiter, as the original exercise's was. Firehose then writes records back to back, and Athena,
 * which reads one record per line, sees one row per S3 object. Creates it unless it exists; waits until ACTIVE.
 */
export async function ensureUndelimitedDeliveryStream(firehose: FirehoseClient, names: PipelineNames, options: UndelimitedDeliveryStreamOptions = {}): Promise<EnsureResult> {
  const bufferIntervalSeconds = options.bufferIntervalSeconds ?? 60;
  let created = false;
  try {
    await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: names.sidebar.deliveryStream }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) {
      throw error;
    }
    await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: names.sidebar.deliveryStream,
        DeliveryStreamType: "DirectPut",
        ExtendedS3DestinationConfiguration: {
          RoleARN: roleArn(names, names.firehoseRole),
          BucketARN: `arn:aws:s3:::${names.bucket}`,
          Prefix: names.sidebar.dataPrefix,
          ErrorOutputPrefix: `errors/${names.sidebar.dataPrefix}`,
          BufferingHints: { IntervalInSeconds: bufferIntervalSeconds, SizeInMBs: 1 },
        },
      }),
    );
    created = true;
  }
  const name = names.sidebar.deliveryStream;
  let status: string | undefined;
  await pollUntil(
    async () => {
      const { DeliveryStreamDescription: description } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
      status = description?.DeliveryStreamStatus;
      return status === "ACTIVE" ? true : undefined;
    },
    { timeoutMs: 300_000, intervalMs: 2000, giveUp: { timeoutError: () => new Error(`delivery stream ${name} is still ${status}`) } },
  );
  return { created };
}

/** Puts records straight into a Direct PUT delivery stream (PutRecordBatch, up to 500 per call), bytes as given. */
export async function putDirect(firehose: FirehoseClient, deliveryStream: string, records: readonly string[]): Promise<number> {
  let put = 0;
  for (let start = 0; start < records.length; start += 500) {
    const batch = records.slice(start, start + 500);
    const answer = await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: deliveryStream, Records: batch.map((record) => ({ Data: Buffer.from(record) })) }));
    if ((answer.FailedPutCount ?? 0) > 0) {
      throw new Error(`${answer.FailedPutCount} of ${batch.length} records were not put: ${answer.RequestResponses?.find((entry) => entry.ErrorCode)?.ErrorMessage ?? ""}`);
    }
    put += batch.length;
  }
  return put;
}
