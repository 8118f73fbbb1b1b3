import type { CreateLogGroupRequest } from "@aws-sdk/client-cloudwatch-logs";
import { operation } from "../../../server/JsonService";
import { string, structure } from "../../../server/shapes";
import type { LogGroupStore } from "../LogGroupStore";
import { logGroupName, tags } from "../logsShapes";

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
export const createLogGroupInput = structure(
  { logGroupName, kmsKeyId: string({ max: 256 }), tags, logGroupClass: string({ enum: ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"] }), deletionProtectionEnabled: { type: "boolean" } },
  ["logGroupName"],
);

export function createLogGroup(store: LogGroupStore) {
  return operation<CreateLogGroupRequest, Record<string, never>, typeof createLogGroupInput>({
    input: createLogGroupInput,
    handle: (input) => {
      store.createGroup(input.logGroupName, input.tags ?? {});
      return {};
    },
  });
}
