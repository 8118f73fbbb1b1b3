import type { PutLogEventsRequest, PutLogEventsResponse } from "@aws-sdk/client-cloudwatch-logs";
import { operation } from "../../../server/JsonService";
import { string, structure } from "../../../server/shapes";
import type { LogGroupStore } from "../LogGroupStore";
import { inputLogEvents, logGroupName, logStreamName } from "../logsShapes";

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
// The sequenceToken is ignored, as AWS has ignored it since January 2023 (and never answers
// InvalidSequenceTokenException or DataAlreadyAcceptedException any more).
export const putLogEventsInput = structure(
  { logGroupName, logStreamName, logEvents: inputLogEvents, sequenceToken: string({ min: 1 }), entity: structure({}) },
  ["logGroupName", "logStreamName", "logEvents"],
);

export function putLogEvents(store: LogGroupStore) {
  return operation<PutLogEventsRequest, PutLogEventsResponse, typeof putLogEventsInput>({
    input: putLogEventsInput,
    handle: (input) => {
      const events = input.logEvents.map((event) => ({ timestamp: event.timestamp!, message: event.message! }));
      const rejected = store.putEvents(input.logGroupName, input.logStreamName, events);
      return rejected === undefined ? {} : { rejectedLogEventsInfo: rejected };
    },
  });
}
