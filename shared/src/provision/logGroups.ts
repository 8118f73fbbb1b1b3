import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  PutRetentionPolicyCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  type CloudWatchLogsClient,
  type LogGroup,
  type LogStream,
} from "@aws-sdk/client-cloudwatch-logs";
import type { EnsureResult } from "./EnsureResult";
import { answerOr } from "../clients/answerOr";

/**
 * The shortest retention CloudWatch Logs accepts: PutRetentionPolicy takes 1, 3, 5, 7, 14, 30, 60, 90, ... days
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html). A group
 * left behind then keeps nothing older than a day, so it costs next to nothing.
 */
export const LOG_RETENTION_DAYS = 1;

/** CreateLogGroup unless it exists (ResourceAlreadyExistsException). */
export async function ensureLogGroup(logs: CloudWatchLogsClient, logGroupName: string): Promise<EnsureResult> {
  const created = logs.send(new CreateLogGroupCommand({ logGroupName })).then(() => true);
  return { created: await answerOr(created, ResourceAlreadyExistsException, false) };
}

/** PutRetentionPolicy: idempotent, so an existing group gets the retention too. */
export async function setLogRetention(logs: CloudWatchLogsClient, logGroupName: string, retentionInDays: number): Promise<void> {
  await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays }));
}

export interface EnsureLogStreamOptions {
  /** The group the stream is in (it must exist). */
  readonly logGroupName: string;
}

/** CreateLogStream unless it exists. */
export async function ensureLogStream(logs: CloudWatchLogsClient, logStreamName: string, options: EnsureLogStreamOptions): Promise<EnsureResult> {
  const { logGroupName } = options;
  const created = logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName })).then(() => true);
  return { created: await answerOr(created, ResourceAlreadyExistsException, false) };
}

/** Deletes the group and every stream in it. Answers whether it existed. */
export function deleteLogGroupIfExists(logs: CloudWatchLogsClient, logGroupName: string): Promise<boolean> {
  return answerOr(logs.send(new DeleteLogGroupCommand({ logGroupName })).then(() => true), ResourceNotFoundException, false);
}

/** Deletes one stream and its events, leaving the group and its other streams. Answers whether it existed. */
export function deleteLogStreamIfExists(logs: CloudWatchLogsClient, logGroupName: string, logStreamName: string): Promise<boolean> {
  return answerOr(logs.send(new DeleteLogStreamCommand({ logGroupName, logStreamName })).then(() => true), ResourceNotFoundException, false);
}

/** The group of exactly that name (DescribeLogGroups matches by prefix), or undefined. */
export async function findLogGroup(logs: CloudWatchLogsClient, logGroupName: string): Promise<LogGroup | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName, ...(nextToken === undefined ? {} : { nextToken }) }));
    const found = page.logGroups?.find((group) => group.logGroupName === logGroupName);
    if (found !== undefined) {
      return found;
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return undefined;
}

/** The stream of exactly that name in the group, or undefined (the group absent included). */
export async function findLogStream(logs: CloudWatchLogsClient, logGroupName: string, logStreamName: string): Promise<LogStream | undefined> {
  const page = await answerOr(logs.send(new DescribeLogStreamsCommand({ logGroupName, logStreamNamePrefix: logStreamName })), ResourceNotFoundException, undefined);
  return page?.logStreams?.find((stream) => stream.logStreamName === logStreamName);
}
