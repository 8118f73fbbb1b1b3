import type { DescribeLogGroupsRequest, DescribeLogGroupsResponse } from "@aws-sdk/client-cloudwatch-logs";
import { operation } from "../../../server/JsonService";
import { boolean, list, string, structure } from "../../../server/shapes";
import type { LogGroupStore } from "../LogGroupStore";
import { invalidParameter } from "../logsErrors";
import { logGroupArn, pageOf } from "../logsPaging";
import { describeLimit, logGroupName, nextToken } from "../logsShapes";

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html
export const describeLogGroupsInput = structure({
  accountIdentifiers: list(string({ min: 12, max: 12, pattern: "^\\d{12}$" }), { max: 20 }),
  logGroupNamePrefix: logGroupName,
  logGroupNamePattern: string({ max: 512, pattern: "[\\.\\-_/#A-Za-z0-9]*" }),
  nextToken,
  limit: describeLimit,
  includeLinkedAccounts: boolean(),
  logGroupClass: string({ enum: ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"] }),
  logGroupIdentifiers: list(string({ min: 1, max: 2048 }), { min: 1, max: 50 }),
});

const DEFAULT_LIMIT = 50;

export function describeLogGroups(store: LogGroupStore) {
  return operation<DescribeLogGroupsRequest, DescribeLogGroupsResponse, typeof describeLogGroupsInput>({
    input: describeLogGroupsInput,
    handle: (input, context) => {
      if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
        throw invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
      }
      const prefix = input.logGroupNamePrefix ?? "";
      const pattern = input.logGroupNamePattern ?? "";
      const matching = store.groups().filter((group) => group.name.startsWith(prefix) && group.name.includes(pattern));
      const page = pageOf(["DescribeLogGroups"], matching, input.nextToken, input.limit ?? DEFAULT_LIMIT, context.now());
      return {
        logGroups: page.items.map((group) => {
          const arn = logGroupArn(context.region, context.accountId, group.name);
          return { logGroupName: group.name, creationTime: group.creationTime, metricFilterCount: 0, arn: `${arn}:*`, logGroupArn: arn, storedBytes: 0, logGroupClass: "STANDARD", ...(group.retentionInDays === undefined ? {} : { retentionInDays: group.retentionInDays }) };
        }),
        ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
      };
    },
  });
}
