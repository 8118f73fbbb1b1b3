import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { PipelineNames } from "./pipelineNames";
import { ensureLogGroup, ensureLogStream, LOG_RETENTION_DAYS, setLogRetention } from "./logGroups";
import { firehoseErrorLog, logStreamPath, type LogStreamRef } from "./pipelineLogs";
import { StepLog, type ProvisionedResource } from "./stepLog";

export interface EnsuredErrorLog {
  /** What to give the delivery stream as CloudWatchLoggingOptions' LogGroupName and LogStreamName. */
  readonly errorLog: LogStreamRef;
  readonly resources: readonly ProvisionedResource[];
}

/**
 * The delivery stream's error log group (kept LOG_RETENTION_DAYS) and stream, unless they exist: what the Firehose
 * console makes when error logging is on ("Monitor Amazon Data Firehose Using CloudWatch Logs",
 * https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-logs.html). Idempotent.
 */
export interface EnsureFirehoseErrorLogOptions {
  /** One line per resource, created or found, for a notebook or script to print. */
  readonly onStep?: (line: string) => void;
}

export async function ensureFirehoseErrorLog(logs: CloudWatchLogsClient, names: PipelineNames, options: EnsureFirehoseErrorLogOptions = {}): Promise<EnsuredErrorLog> {
  const log = new StepLog(options.onStep ?? (() => undefined));
  const errorLog = firehoseErrorLog(names);
  log.record("logGroup", errorLog.logGroupName, (await ensureLogGroup(logs, errorLog.logGroupName)).created);
  await setLogRetention(logs, errorLog.logGroupName, LOG_RETENTION_DAYS);
  log.record("logStream", logStreamPath(errorLog), (await ensureLogStream(logs, errorLog.logStreamName, { logGroupName: errorLog.logGroupName })).created);
  return { errorLog, resources: log.resources };
}
