import type { FilterLogEventsRequest, FilterLogEventsResponse, FilteredLogEvent } from "@aws-sdk/client-cloudwatch-logs";
import { operation } from "../../../server/JsonService";
import { boolean, structure } from "../../../server/shapes";
import { eventMatcher } from "../filterPattern";
import type { LogGroupStore } from "../LogGroupStore";
import { invalidParameter } from "../logsErrors";
import { pageOf, requestedGroupName } from "../logsPaging";
import { epochMillis, eventsLimit, filterPattern, logGroupIdentifier, logGroupName, logStreamName, logStreamNames, nextToken } from "../logsShapes";

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
export const filterLogEventsInput = structure({
  logGroupName,
  logGroupIdentifier,
  logStreamNames,
  logStreamNamePrefix: logStreamName,
  startTime: epochMillis,
  endTime: epochMillis,
  filterPattern,
  nextToken,
  limit: eventsLimit,
  interleaved: boolean(),
  unmask: boolean(),
});

const DEFAULT_LIMIT = 10000;

/** Events of the chosen streams that match the pattern, oldest first, interleaved across streams. */
export function filterLogEvents(store: LogGroupStore) {
  return operation<FilterLogEventsRequest, FilterLogEventsResponse, typeof filterLogEventsInput>({
    input: filterLogEventsInput,
    handle: (input, context) => {
      if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
        throw invalidParameter("Cannot specify both logStreamNames and logStreamNamePrefix.");
      }
      const groupName = requestedGroupName(input);
      const group = store.group(groupName);
      const matches = eventMatcher(input.filterPattern);
      const startTime = input.startTime ?? 0;
      const endTime = input.endTime ?? Number.MAX_SAFE_INTEGER;
      const names = input.logStreamNames;
      const streams = group.streams.filter((stream) => (names === undefined ? stream.name.startsWith(input.logStreamNamePrefix ?? "") : names.includes(stream.name)));
      const found: FilteredLogEvent[] = streams.flatMap((stream, streamIndex) =>
        stream.events.flatMap((event, eventIndex) =>
          event.timestamp >= startTime && event.timestamp <= endTime && matches(event.message)
            ? [{ logStreamName: stream.name, timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime, eventId: `${event.timestamp}${String(streamIndex).padStart(4, "0")}${String(eventIndex).padStart(8, "0")}` }]
            : [],
        ),
      );
      found.sort((a, b) => a.timestamp! - b.timestamp!);
      const page = pageOf(["FilterLogEvents", groupName], found, input.nextToken, input.limit ?? DEFAULT_LIMIT, context.now());
      return {
        events: page.items,
        searchedLogStreams: streams.map((stream) => ({ logStreamName: stream.name, searchedCompletely: page.nextToken === undefined })),
        ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
      };
    },
  });
}
