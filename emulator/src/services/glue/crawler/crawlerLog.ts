import type { ActingRole } from "../../iam/RoleAuthority";
import type { LogGroupStore } from "../../logs/LogGroupStore";

export type CrawlLogLevel = "BENCHMARK" | "INFO" | "WARN" | "ERROR";

/** One line of the crawl's CloudWatch log. */
export type CrawlLog = (level: CrawlLogLevel, message: string) => void;

/** Glue's log group for every crawler; each crawler writes to the stream of its name (LastCrawlInfo.LogGroup/LogStream). */
export const CRAWLER_LOG_GROUP = "/aws-glue/crawlers";

export type CrawlLogSink = Pick<LogGroupStore, "groups" | "createGroup" | "createStream" | "putEvents">;

export interface CrawlLogTarget {
  readonly region: string;
  readonly accountId: string;
  readonly crawlerName: string;
  /** The crawl's LastCrawl.MessagePrefix, which starts each of its lines. */
  readonly messagePrefix: string;
  readonly now: () => number;
}

/**
 * The crawl's log, written as the crawler's role to CloudWatch Logs: the group and the stream created when missing,
 * each line `[<MessagePrefix>] LEVEL : message` as AWS's crawler logs read (MessagePrefix: "The prefix for a
 * CloudWatch message about this crawl", https://docs.aws.amazon.com/glue/latest/webapi/API_CrawlerHistory.html).
 * A role without logs:CreateLogGroup, logs:CreateLogStream or logs:PutLogEvents leaves the lines unwritten, silently,
 * and the log never fails the crawl. A log group's ARN ends in `:*` as IAM evaluates it
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html).
 */
export function crawlerLog(sink: CrawlLogSink | undefined, role: ActingRole, target: CrawlLogTarget): CrawlLog {
  const groupArn = `arn:aws:logs:${target.region}:${target.accountId}:log-group:${CRAWLER_LOG_GROUP}`;
  const allowed = (action: string, resource: string): boolean => role.decide(action, resource) === "allow";
  const group = (logs: CrawlLogSink) => logs.groups().find((candidate) => candidate.name === CRAWLER_LOG_GROUP);
  const streamReady = (logs: CrawlLogSink): boolean => {
    if (group(logs) === undefined) {
      if (!allowed("logs:CreateLogGroup", `${groupArn}:*`)) {
        return false;
      }
      logs.createGroup(CRAWLER_LOG_GROUP, {});
    }
    if (!group(logs)!.streams.some((stream) => stream.name === target.crawlerName)) {
      if (!allowed("logs:CreateLogStream", `${groupArn}:*`)) {
        return false;
      }
      logs.createStream(CRAWLER_LOG_GROUP, target.crawlerName);
    }
    return true;
  };
  return (level, message) => {
    if (sink === undefined) {
      return;
    }
    try {
      if (streamReady(sink) && allowed("logs:PutLogEvents", `${groupArn}:log-stream:${target.crawlerName}`)) {
        sink.putEvents(CRAWLER_LOG_GROUP, target.crawlerName, [{ timestamp: target.now(), message: `[${target.messagePrefix}] ${level} : ${message}` }]);
      }
    } catch {
      // A log group or stream deleted or made between the check and the write: the line is lost, the crawl goes on.
    }
  };
}
