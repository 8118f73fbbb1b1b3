import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  PutRecordBatchCommand,
  ResourceNotFoundException,
  type FirehoseClient,
} from "@aws-sdk/client-firehose";
import { abortableSleep } from "../abortableSleep";
import { roleArn, type PipelineNames } from "../pipelineNames";

/**
 * The sidebar of notebook 02: a small Direct PUT delivery stream into `names.sidebar.dataPrefix` WITHOUT the
 * newline delimiter, as the original exercise's was. Firehose then writes records back to back, and Athena,
 * which reads one record per line, sees one row per S3 object. Creates it unless it exists; waits until ACTIVE.
 */
export async function ensureUndelimitedDeliveryStream(firehose: FirehoseClient, names: PipelineNames, bufferIntervalSeconds = 60): Promise<{ created: boolean }> {
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
  for (let attempt = 0; ; attempt += 1) {
    const { DeliveryStreamDescription: description } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: names.sidebar.deliveryStream }));
    if (description?.DeliveryStreamStatus === "ACTIVE") {
      return { created };
    }
    if (attempt >= 150) {
      throw new Error(`delivery stream ${names.sidebar.deliveryStream} is still ${description?.DeliveryStreamStatus}`);
    }
    await abortableSleep(2000);
  }
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
