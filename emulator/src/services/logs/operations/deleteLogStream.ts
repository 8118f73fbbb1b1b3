import type { DeleteLogStreamRequest } from "@aws-sdk/client-cloudwatch-logs";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { LogGroupStore } from "../LogGroupStore";
import { logGroupName, logStreamName } from "../logsShapes";

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteLogStream.html: the stream and its
// events; a missing group or stream is ResourceNotFoundException.
export const deleteLogStreamInput = structure({ logGroupName, logStreamName }, ["logGroupName", "logStreamName"]);

export function deleteLogStream(store: LogGroupStore) {
  return operation<DeleteLogStreamRequest, Record<string, never>, typeof deleteLogStreamInput>({
    input: deleteLogStreamInput,
    handle: (input) => {
      store.deleteStream(input.logGroupName, input.logStreamName);
      return {};
    },
  });
}
