// Source: nextToken paging as https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html documents it.
import { isOffset, PageTokens, processSeal } from "../../server/PageTokens";
import { invalidParameter } from "./logsErrors";

/**
 * GetLogEvents' tokens: "The token expires after 24 hours"
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html); the emulator gives
 * the other operations' nextTokens the same lifetime.
 */
const LOGS_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

const tokens = new PageTokens("logs", processSeal(), LOGS_TOKEN_LIFETIME_MS);

/** A token for `scope` (the operation and what it lists: `["DescribeLogStreams", group]`) holding `position`. */
export function issueToken(scope: readonly string[], position: unknown, nowMs: number): string {
  return tokens.issue(scope, position, nowMs);
}

/** The position a token holds; a token that is not one of ours for `scope`, or too old, is refused. */
export function readToken<Position>(scope: readonly string[], token: string, nowMs: number, isPosition: (value: unknown) => value is Position): Position {
  const read = tokens.read(token, scope, nowMs, isPosition);
  if ("refused" in read) {
    throw invalidParameter("The specified nextToken is invalid.");
  }
  return read.position;
}

/** Opaque nextTokens holding the offset of the next item. */
export function pageOf<T>(scope: readonly string[], items: readonly T[], nextToken: string | undefined, limit: number, nowMs: number): { items: T[]; nextToken?: string } {
  const start = nextToken === undefined ? 0 : readToken(scope, nextToken, nowMs, isOffset);
  const end = start + limit;
  return end < items.length ? { items: items.slice(start, end), nextToken: issueToken(scope, end, nowMs) } : { items: items.slice(start) };
}

/** The log group a request names, by logGroupName or logGroupIdentifier (a name or an ARN), never both. */
export function requestedGroupName(input: { logGroupName?: string | undefined; logGroupIdentifier?: string | undefined }): string {
  if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined) {
    throw invalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  }
  const identifier = input.logGroupName ?? input.logGroupIdentifier;
  if (identifier === undefined) {
    throw invalidParameter("Should provide either name or ARN of the log group.");
  }
  // arn:aws:logs:<region>:<account>:log-group:<name>[:*]
  const arnName = /^arn:[^:]+:logs:[^:]*:\d{12}:log-group:([^:]+)(:\*)?$/.exec(identifier);
  return arnName?.[1] ?? identifier;
}

export function logGroupArn(region: string, accountId: string, name: string): string {
  return `arn:aws:logs:${region}:${accountId}:log-group:${name}`;
}
