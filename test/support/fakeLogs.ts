import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  PutRetentionPolicyCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  type CloudWatchLogsClient,
} from "@aws-sdk/client-cloudwatch-logs";
import { mockClient } from "aws-sdk-client-mock";

export interface FakeLogGroup {
  retentionInDays?: number;
  readonly streams: Set<string>;
}

export interface FakeLogs {
  readonly groups: Map<string, FakeLogGroup>;
  /** Every command sent, as `Logs:<Operation> <group>[ <stream>]`, in order. */
  readonly calls: string[];
  restore(): void;
}

const metadata = { httpStatusCode: 400 };

/**
 * CloudWatch Logs in memory, on one client, answering as the service does
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/): ResourceAlreadyExists on a second
 * create, ResourceNotFound for an absent group or stream, DescribeLogGroups and DescribeLogStreams by prefix. For
 * the operations the emulator does not serve yet (PutRetentionPolicy, DeleteLogStream); events are not kept.
 */
export function fakeLogs(client: CloudWatchLogsClient): FakeLogs {
  const mock = mockClient(client);
  const groups = new Map<string, FakeLogGroup>();
  const calls: string[] = [];
  const group = (name: string | undefined): FakeLogGroup => {
    const found = groups.get(name ?? "");
    if (found === undefined) {
      throw new ResourceNotFoundException({ message: "The specified log group does not exist.", $metadata: metadata });
    }
    return found;
  };
  const record = (operation: string, ...names: (string | undefined)[]): void => {
    calls.push([`Logs:${operation}`, ...names.filter((name) => name !== undefined)].join(" "));
  };

  mock.on(CreateLogGroupCommand).callsFake(async (input: { logGroupName?: string }) => {
    record("CreateLogGroup", input.logGroupName);
    if (groups.has(input.logGroupName!)) {
      throw new ResourceAlreadyExistsException({ message: "The specified log group already exists", $metadata: metadata });
    }
    groups.set(input.logGroupName!, { streams: new Set() });
    return {};
  });
  mock.on(PutRetentionPolicyCommand).callsFake(async (input: { logGroupName?: string; retentionInDays?: number }) => {
    record("PutRetentionPolicy", input.logGroupName);
    group(input.logGroupName).retentionInDays = input.retentionInDays!;
    return {};
  });
  mock.on(CreateLogStreamCommand).callsFake(async (input: { logGroupName?: string; logStreamName?: string }) => {
    record("CreateLogStream", input.logGroupName, input.logStreamName);
    const streams = group(input.logGroupName).streams;
    if (streams.has(input.logStreamName!)) {
      throw new ResourceAlreadyExistsException({ message: "The specified log stream already exists", $metadata: metadata });
    }
    streams.add(input.logStreamName!);
    return {};
  });
  mock.on(DeleteLogGroupCommand).callsFake(async (input: { logGroupName?: string }) => {
    record("DeleteLogGroup", input.logGroupName);
    group(input.logGroupName);
    groups.delete(input.logGroupName!);
    return {};
  });
  mock.on(DeleteLogStreamCommand).callsFake(async (input: { logGroupName?: string; logStreamName?: string }) => {
    record("DeleteLogStream", input.logGroupName, input.logStreamName);
    if (!group(input.logGroupName).streams.delete(input.logStreamName!)) {
      throw new ResourceNotFoundException({ message: "The specified log stream does not exist.", $metadata: metadata });
    }
    return {};
  });
  mock.on(DescribeLogGroupsCommand).callsFake(async (input: { logGroupNamePrefix?: string }) => {
    record("DescribeLogGroups", input.logGroupNamePrefix);
    const matching = [...groups].filter(([name]) => name.startsWith(input.logGroupNamePrefix ?? ""));
    return { logGroups: matching.map(([name, found]) => ({ logGroupName: name, storedBytes: 0, ...(found.retentionInDays === undefined ? {} : { retentionInDays: found.retentionInDays }) })) };
  });
  mock.on(DescribeLogStreamsCommand).callsFake(async (input: { logGroupName?: string; logStreamNamePrefix?: string }) => {
    record("DescribeLogStreams", input.logGroupName, input.logStreamNamePrefix);
    const names = [...group(input.logGroupName).streams].filter((name) => name.startsWith(input.logStreamNamePrefix ?? ""));
    return { logStreams: names.map((logStreamName) => ({ logStreamName })) };
  });
  mock.on(FilterLogEventsCommand).callsFake(async (input: { logGroupName?: string }) => {
    record("FilterLogEvents", input.logGroupName);
    group(input.logGroupName);
    return { events: [] };
  });
  return { groups, calls, restore: () => mock.restore() };
}
