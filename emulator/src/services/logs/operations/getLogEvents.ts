import type { GetLogEventsRequest, GetLogEventsResponse } from "@aws-sdk/client-cloudwatch-logs";
import { operation } from "../../../server/JsonService";
import { boolean, structure } from "../../../server/shapes";
import type { LogGroupStore } from "../LogGroupStore";
import { issueToken, readToken, requestedGroupName } from "../logsPaging";
import { epochMillis, eventsLimit, logGroupIdentifier, logGroupName, logStreamName, nextToken } from "../logsShapes";

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html
export const getLogEventsInput = structure(
  { logGroupName, logGroupIdentifier, logStreamName, startTime: epochMillis, endTime: epochMillis, nextToken, limit: eventsLimit, startFromHead: boolean(), unmask: boolean() },
  ["logStreamName"],
);

const DEFAULT_LIMIT = 10000;

/** Where a GetLogEvents token points: forwards (`f`) from, or backwards (`b`) up to, an index among the matching events. */
interface EventsPosition {
  readonly direction: "f" | "b";
  readonly offset: number;
}

const isEventsPosition = (value: unknown): value is EventsPosition =>
  typeof value === "object" &&
  value !== null &&
  "direction" in value &&
  (value.direction === "f" || value.direction === "b") &&
  "offset" in value &&
  typeof value.offset === "number" &&
  Number.isSafeInteger(value.offset) &&
  value.offset >= 0;

/**
 * One page forwards or backwards from a position. As AWS documents, reaching the end answers the token that was
 * passed in as nextForwardToken (callers stop when it repeats). Without a token, startFromHead picks the oldest
 * events, else the newest.
 */
export function getLogEvents(store: LogGroupStore) {
  return operation<GetLogEventsRequest, GetLogEventsResponse, typeof getLogEventsInput>({
    input: getLogEventsInput,
    handle: (input, context) => {
      const groupName = requestedGroupName(input);
      const stream = store.stream(groupName, input.logStreamName);
      const scope = ["GetLogEvents", groupName, input.logStreamName];
      const now = context.now();
      const startTime = input.startTime ?? 0;
      const endTime = input.endTime ?? Number.MAX_SAFE_INTEGER;
      const matching = stream.events.filter((event) => event.timestamp >= startTime && event.timestamp < endTime);
      const limit = input.limit ?? DEFAULT_LIMIT;
      const passed = input.nextToken === undefined ? undefined : readToken(scope, input.nextToken, now, isEventsPosition);
      let start: number;
      let end: number;
      if (passed?.direction === "b") {
        end = Math.min(passed.offset, matching.length);
        start = Math.max(0, end - limit);
      } else if (passed !== undefined) {
        start = Math.min(passed.offset, matching.length);
        end = Math.min(matching.length, start + limit);
      } else if (input.startFromHead === true) {
        start = 0;
        end = Math.min(matching.length, limit);
      } else {
        end = matching.length;
        start = Math.max(0, end - limit);
      }
      /** The token passed in when it points where this one would, so that a caller at the end sees it repeat. */
      const tokenFor = (position: EventsPosition): string =>
        input.nextToken !== undefined && passed?.direction === position.direction && passed.offset === position.offset
          ? input.nextToken
          : issueToken(scope, position, now);
      return {
        events: matching.slice(start, end).map((event) => ({ timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime })),
        nextForwardToken: tokenFor({ direction: "f", offset: end }),
        nextBackwardToken: tokenFor({ direction: "b", offset: start }),
      };
    },
  });
}
