import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ResourceInUseException as FirehoseResourceInUse,
  ResourceNotFoundException as FirehoseResourceNotFound,
  type DeliveryStreamDescription,
  type FirehoseClient,
} from "@aws-sdk/client-firehose";
import { answerOr } from "../clients/answerOr";
import { pollUntil } from "../wait/pollUntil";
import { DeliveryStreamFailedError } from "./DeliveryStreamFailedError";
import type { EnsureResult } from "./EnsureResult";
import type { LogStreamRef } from "./pipelineLogs";

export interface EnsureDeliveryStreamOptions {
  readonly sourceStreamArn: string;
  readonly bucket: string;
  /** The IAM role Firehose assumes to read the stream and write the bucket (the emulator does not check it). */
  readonly roleArn: string;
  readonly prefix?: string;
  readonly errorOutputPrefix?: string;
  /** Deliver at least this often (0-900 s); small for a class. */
  readonly bufferIntervalSeconds?: number;
  readonly bufferSizeMB?: number;
  /**
   * End each record with a newline (the AppendDelimiterToRecord processor). Default true: Athena's JSON SerDe
   * reads one record per line, so without it a table sees one record per object.
   */
  readonly newlineDelimited?: boolean;
  /**
   * Where Firehose logs what it fails to deliver (CloudWatchLoggingOptions on the S3 destination,
   * https://docs.aws.amazon.com/firehose/latest/APIReference/API_CloudWatchLoggingOptions.html). The group and
   * stream must exist; the role must allow logs:PutLogEvents on the stream. Absent: no error log.
   */
  readonly errorLog?: LogStreamRef;
  /** How long to wait for ACTIVE, a deletion of the same name included (default 5 minutes). */
  readonly timeoutMs?: number;
  /** A line when the wait is for a delivery stream of that name still DELETING, for a notebook or script to print. */
  readonly onProgress?: (line: string) => void;
}

async function describeDeliveryStream(firehose: FirehoseClient, name: string): Promise<DeliveryStreamDescription | undefined> {
  const answer = await answerOr(firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name })), FirehoseResourceNotFound, undefined);
  return answer?.DeliveryStreamDescription;
}

/** CreateDeliveryStream; false when the name is taken (ResourceInUseException: another creator, or still DELETING). */
async function createDeliveryStream(firehose: FirehoseClient, name: string, options: EnsureDeliveryStreamOptions): Promise<boolean> {
  const created = firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      DeliveryStreamType: "KinesisStreamAsSource",
      KinesisStreamSourceConfiguration: { KinesisStreamARN: options.sourceStreamArn, RoleARN: options.roleArn },
      ExtendedS3DestinationConfiguration: {
        RoleARN: options.roleArn,
        BucketARN: `arn:aws:s3:::${options.bucket}`,
        ...(options.prefix === undefined ? {} : { Prefix: options.prefix }),
        ...(options.errorOutputPrefix === undefined ? {} : { ErrorOutputPrefix: options.errorOutputPrefix }),
        BufferingHints: { IntervalInSeconds: options.bufferIntervalSeconds ?? 60, SizeInMBs: options.bufferSizeMB ?? 1 },
        ProcessingConfiguration:
          options.newlineDelimited === false ? { Enabled: false } : { Enabled: true, Processors: [{ Type: "AppendDelimiterToRecord" }] },
        ...(options.errorLog === undefined
          ? {}
          : { CloudWatchLoggingOptions: { Enabled: true, LogGroupName: options.errorLog.logGroupName, LogStreamName: options.errorLog.logStreamName } }),
      },
    }),
  ).then(() => true);
  return answerOr(created, FirehoseResourceInUse, false);
}

export interface EnsuredDeliveryStream extends EnsureResult {
  /** Whether the delivery stream (an existing one too) logs its delivery errors to CloudWatch Logs. */
  readonly logsErrors: boolean;
}

function logsErrors(description: DeliveryStreamDescription | undefined): boolean {
  return description?.Destinations?.[0]?.ExtendedS3DestinationDescription?.CloudWatchLoggingOptions?.Enabled === true;
}

/**
 * Creates the Firehose delivery stream from the data stream to the bucket unless it exists, and waits until it is
 * ACTIVE. An existing one is left as it is, with or without error logging (`logsErrors` says which). One of that name still DELETING is waited out and then created again. CREATING_FAILED and
 * DELETING_FAILED never change by themselves (DeliveryStreamStatus,
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeliveryStreamDescription.html): the wait ends there
 * with a DeliveryStreamFailedError carrying Firehose's FailureDescription.
 */
export async function ensureDeliveryStream(firehose: FirehoseClient, name: string, options: EnsureDeliveryStreamOptions): Promise<EnsuredDeliveryStream> {
  let created = false;
  let active: DeliveryStreamDescription | undefined;
  let sawDeleting = false;
  await pollUntil(
    async () => {
      let description = await describeDeliveryStream(firehose, name);
      if (description === undefined) {
        if (await createDeliveryStream(firehose, name, options)) {
          created = true;
          if (sawDeleting) {
            options.onProgress?.(`Firehose delivery stream '${name}': the old one is gone; created it again`);
          }
        }
        description = await describeDeliveryStream(firehose, name);
      }
      const status = description?.DeliveryStreamStatus;
      if (status === "CREATING_FAILED" || status === "DELETING_FAILED") {
        throw new DeliveryStreamFailedError(name, status, description?.FailureDescription);
      }
      if (status === "DELETING" && !sawDeleting) {
        sawDeleting = true;
        options.onProgress?.(`Firehose delivery stream '${name}' is still being deleted (DELETING): waiting for it to go, then creating it again`);
      }
      active = description;
      return status === "ACTIVE" ? true : undefined;
    },
    { timeoutMs: options.timeoutMs ?? 300_000, intervalMs: 2000, giveUp: { what: `Firehose delivery stream '${name}' did not become ready` } },
  );
  return { created, logsErrors: logsErrors(active) };
}
