import type { GetLogEventsRequest, GetLogEventsResponse } from "@aws-sdk/client-cloudwatch-logs";
import { operation } from "../../../server/JsonService";
import { boolean, structure } from "../../../server/shapes";
import type { LogGroupStore } from "../LogGroupStore";
import { offsetOf, requestedGroupName, tokenFor } from "../logsPaging";
import { epochMillis, eventsLimit, logGroupIdentifier, logGroupName, logStreamName, nextToken } from "../logsShapes";

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html
export const getLogEventsInput = structure(
  { logGroupName, logGroupIdentifier, logStreamName, startTime: epochMillis, endTime: epochMillis, nextToken, limit: eventsLimit, startFromHead: boolean(), unmask: boolean() },
  ["logStreamName"],
);

const DEFAULT_LIMIT = 10000;

/**
 * One page forwards or backwards from a position. As AWS documents, reaching the end answers the token that was
 * passed in as nextForwardToken (callers stop when it repeats). Without a token, startFromHead picks the oldest
 * events, else the newest.
 */
export function getLogEvents(store: LogGroupStore) {
  return operation<GetLogEventsRequest, GetLogEventsResponse, typeof getLogEventsInput>({
    input: getLogEventsInput,
    handle: (input) => {
      const stream = store.stream(requestedGroupName(input), input.logStreamName);
      const startTime = input.startTime ?? 0;
      const endTime = input.endTime ?? Number.MAX_SAFE_INTEGER;
      const matching = stream.events.filter((event) => event.timestamp >= startTime && event.timestamp < endTime);
      const limit = input.limit ?? DEFAULT_LIMIT;
      let start: number;
      let end: number;
      if (input.nextToken?.startsWith("b/") === true) {
        end = Math.min(offsetOf(input.nextToken, "b"), matching.length);
        start = Math.max(0, end - limit);
      } else if (input.nextToken !== undefined) {
        start = Math.min(offsetOf(input.nextToken, "f"), matching.length);
        end = Math.min(matching.length, start + limit);
      } else if (input.startFromHead === true) {
        start = 0;
        end = Math.min(matching.length, limit);
      } else {
        end = matching.length;
        start = Math.max(0, end - limit);
      }
      return {
        events: matching.slice(start, end).map((event) => ({ timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime })),
        nextForwardToken: tokenFor(end, "f"),
        nextBackwardToken: tokenFor(start, "b"),
      };
    },
  });
}
