import type { DescribeLogStreamsRequest, DescribeLogStreamsResponse } from "@aws-sdk/client-cloudwatch-logs";
import { operation } from "../../../server/JsonService";
import { boolean, string, structure } from "../../../server/shapes";
import type { LogGroupStore, StoredLogStream } from "../LogGroupStore";
import { invalidParameter } from "../logsErrors";
import { logGroupArn, pageOf, requestedGroupName } from "../logsPaging";
import { describeLimit, logGroupIdentifier, logGroupName, logStreamName, nextToken } from "../logsShapes";

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html
export const describeLogStreamsInput = structure({
  logGroupName,
  logGroupIdentifier,
  logStreamNamePrefix: logStreamName,
  orderBy: string({ enum: ["LogStreamName", "LastEventTime"] }),
  descending: boolean(),
  nextToken,
  limit: describeLimit,
});

const DEFAULT_LIMIT = 50;

function lastEventTime(stream: StoredLogStream): number {
  return stream.events.at(-1)?.timestamp ?? 0;
}

export function describeLogStreams(store: LogGroupStore) {
  return operation<DescribeLogStreamsRequest, DescribeLogStreamsResponse, typeof describeLogStreamsInput>({
    input: describeLogStreamsInput,
    handle: (input, context) => {
      const groupName = requestedGroupName(input);
      if (input.orderBy === "LastEventTime" && input.logStreamNamePrefix !== undefined) {
        throw invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
      }
      const prefix = input.logStreamNamePrefix ?? "";
      let streams = store.group(groupName).streams.filter((stream) => stream.name.startsWith(prefix));
      if (input.orderBy === "LastEventTime") {
        streams = [...streams].sort((a, b) => lastEventTime(a) - lastEventTime(b));
      }
      if (input.descending === true) {
        streams = [...streams].reverse();
      }
      const page = pageOf(["DescribeLogStreams", groupName], streams, input.nextToken, input.limit ?? DEFAULT_LIMIT, context.now());
      const groupArn = logGroupArn(context.region, context.accountId, groupName);
      return {
        logStreams: page.items.map((stream) => ({
          logStreamName: stream.name,
          creationTime: stream.creationTime,
          ...(stream.events.length === 0 ? {} : { firstEventTimestamp: stream.events[0]!.timestamp, lastEventTimestamp: lastEventTime(stream) }),
          ...(stream.lastIngestionTime === undefined ? {} : { lastIngestionTime: stream.lastIngestionTime }),
          arn: `${groupArn}:log-stream:${stream.name}`,
          storedBytes: 0,
        })),
        ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
      };
    },
  });
}
