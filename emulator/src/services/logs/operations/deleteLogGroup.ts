import type { DeleteLogGroupRequest } from "@aws-sdk/client-cloudwatch-logs";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { LogGroupStore } from "../LogGroupStore";
import { logGroupName } from "../logsShapes";

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteLogGroup.html
export const deleteLogGroupInput = structure({ logGroupName }, ["logGroupName"]);

export function deleteLogGroup(store: LogGroupStore) {
  return operation<DeleteLogGroupRequest, Record<string, never>, typeof deleteLogGroupInput>({
    input: deleteLogGroupInput,
    handle: (input) => {
      store.deleteGroup(input.logGroupName);
      return {};
    },
  });
}
