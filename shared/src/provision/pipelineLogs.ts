import type { PipelineNames } from "./pipelineNames";
import { DELIVERY_LOG_STREAM, deliveryLogGroupName } from "../deliver/deliveryErrors";

/**
 * Where every Glue crawler of the account and region logs, one stream per crawler named after it: a crawler's
 * LastCrawl names this group and its stream (LogGroup, LogStream in
 * https://docs.aws.amazon.com/glue/latest/webapi/API_LastCrawlInfo.html). Not the pipeline's: only its streams are.
 */
export const CRAWLER_LOG_GROUP = "/aws-glue/crawlers";

export interface LogStreamRef {
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/** The delivery stream's error log: the group and stream the Firehose console makes when error logging is on. */
export function firehoseErrorLog(names: PipelineNames): LogStreamRef {
  return { logGroupName: deliveryLogGroupName(names.deliveryStream), logStreamName: DELIVERY_LOG_STREAM };
}

/** The streams the pipeline's crawlers (the main one and notebook 02's sidebar) write in CRAWLER_LOG_GROUP. */
export function crawlerLogStreams(names: PipelineNames): readonly LogStreamRef[] {
  return [names.crawler, names.sidebar.crawler].map((crawler) => ({ logGroupName: CRAWLER_LOG_GROUP, logStreamName: crawler }));
}

/** `arn:aws:logs:region:account:log-group:NAME:log-stream:STREAM`, the resource PutLogEvents is authorized on. */
export function logStreamArn(region: string, accountId: string, stream: LogStreamRef): string {
  return `arn:aws:logs:${region}:${accountId}:log-group:${stream.logGroupName}:log-stream:${stream.logStreamName}`;
}

/** `/aws-glue/crawlers/gpu-stream-crawler`: how a listing names one stream. */
export function logStreamPath(stream: LogStreamRef): string {
  return `${stream.logGroupName}/${stream.logStreamName}`;
}
