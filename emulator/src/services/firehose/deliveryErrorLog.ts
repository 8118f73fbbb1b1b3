import type { CloudWatchLoggingOptions } from "@aws-sdk/client-firehose";
import type { DeliveryFailure } from "./DeliveryStreamWorker";

/** Where Firehose writes log events in-process: CloudWatch Logs' store. Throws when the group or stream is missing. */
export interface LogEventSink {
  putEvents(groupName: string, streamName: string, events: readonly { timestamp: number; message: string }[]): unknown;
}

/** Writes one failed delivery attempt to CloudWatch Logs; never throws. */
export type DeliveryErrorReporter = (failure: DeliveryFailure) => void;

/**
 * A delivery stream's error logging, when its destination's CloudWatchLoggingOptions enable it. Each event is shaped
 * as Firehose's documented error records ("Monitor Amazon Data Firehose Using CloudWatch Logs",
 * https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-logs.html): a JSON object with
 * deliveryStreamARN, destination, deliveryStreamVersionId, message and errorCode (S3.NoSuchBucket, S3.AccessDenied,
 * ...). As on AWS, Firehose does not create the group or the stream: when they are missing, the error is not logged
 * (the emulator says so once in its own log). Logging failing never stops or loses a delivery.
 */
export function deliveryErrorReporter(
  options: CloudWatchLoggingOptions | undefined,
  stream: { readonly arn: string; readonly versionId: string; readonly bucket: string },
  environment: { readonly sink: LogEventSink | undefined; readonly now: () => number; readonly log: (message: string) => void },
): DeliveryErrorReporter | undefined {
  const groupName = options?.LogGroupName;
  const streamName = options?.LogStreamName;
  if (options?.Enabled !== true || groupName === undefined || groupName === "" || streamName === undefined || streamName === "" || environment.sink === undefined) {
    return undefined;
  }
  const sink = environment.sink;
  let warned = false;
  return (failure) => {
    const message = JSON.stringify({
      deliveryStreamARN: stream.arn,
      destination: `arn:aws:s3:::${stream.bucket}`,
      deliveryStreamVersionId: Number(stream.versionId),
      message: failure.message,
      errorCode: failure.code,
    });
    try {
      sink.putEvents(groupName, streamName, [{ timestamp: environment.now(), message }]);
      warned = false;
    } catch (error) {
      if (!warned) {
        environment.log(`firehose: cannot log a delivery error to CloudWatch Logs ${groupName}/${streamName}: ${error instanceof Error ? error.message : String(error)}`);
        warned = true;
      }
    }
  };
}
