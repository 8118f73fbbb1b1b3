// Source: nextToken paging as https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html documents it.
import { invalidParameter } from "./logsErrors";

/** Opaque nextTokens holding the offset of the next item; a token that is not one of ours is refused. */
export function pageOf<T>(items: readonly T[], nextToken: string | undefined, limit: number): { items: T[]; nextToken?: string } {
  const start = nextToken === undefined ? 0 : offsetOf(nextToken);
  const end = start + limit;
  return end < items.length ? { items: items.slice(start, end), nextToken: tokenFor(end) } : { items: items.slice(start) };
}

export function tokenFor(offset: number, direction = "n"): string {
  return `${direction}/${Buffer.from(`offset:${offset}`, "utf8").toString("base64")}`;
}

export function offsetOf(token: string, direction = "n"): number {
  const [prefix, encoded] = token.split("/", 2);
  const text = Buffer.from(encoded ?? "", "base64").toString("utf8");
  const offset = Number(text.slice("offset:".length));
  if (prefix !== direction || !text.startsWith("offset:") || !Number.isInteger(offset) || offset < 0) {
    throw invalidParameter("The specified nextToken is invalid.");
  }
  return offset;
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
