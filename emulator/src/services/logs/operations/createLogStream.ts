import type { CreateLogStreamRequest } from "@aws-sdk/client-cloudwatch-logs";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { LogGroupStore } from "../LogGroupStore";
import { logGroupName, logStreamName } from "../logsShapes";

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogStream.html
export const createLogStreamInput = structure({ logGroupName, logStreamName }, ["logGroupName", "logStreamName"]);

export function createLogStream(store: LogGroupStore) {
  return operation<CreateLogStreamRequest, Record<string, never>, typeof createLogStreamInput>({
    input: createLogStreamInput,
    handle: (input) => {
      store.createStream(input.logGroupName, input.logStreamName);
      return {};
    },
  });
}
