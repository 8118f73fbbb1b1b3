import type { PutRetentionPolicyRequest } from "@aws-sdk/client-cloudwatch-logs";
import { operation } from "../../../server/JsonService";
import { integer, structure } from "../../../server/shapes";
import type { LogGroupStore } from "../LogGroupStore";
import { invalidParameter } from "../logsErrors";
import { logGroupName } from "../logsShapes";

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html: retentionInDays
// is one of these values. The emulator keeps the setting (DescribeLogGroups shows it) but expires no event.
export const RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const putRetentionPolicyInput = structure({ logGroupName, retentionInDays: integer() }, ["logGroupName", "retentionInDays"]);

export function putRetentionPolicy(store: LogGroupStore) {
  return operation<PutRetentionPolicyRequest, Record<string, never>, typeof putRetentionPolicyInput>({
    input: putRetentionPolicyInput,
    handle: (input) => {
      const days = input.retentionInDays;
      if (!RETENTION_DAYS.includes(days)) {
        throw invalidParameter(`1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(", ")}]`);
      }
      store.setRetention(input.logGroupName, days);
      return {};
    },
  });
}
