import type { ListQueryExecutionsInput, ListQueryExecutionsOutput } from "@aws-sdk/client-athena";
import { operation } from "../../../server/JsonService";
import { integer, structure } from "../../../server/shapes";
import { invalidRequest } from "../errors/athenaErrors";
import { nextToken, workGroupName } from "../athenaShapes";
import type { AthenaState } from "../state/AthenaState";
import { decodePageToken, encodePageToken } from "../pageTokens";

export const listQueryExecutionsInput = structure({ NextToken: nextToken, MaxResults: integer({ min: 0, max: 50 }), WorkGroup: workGroupName });

export function listQueryExecutions(state: AthenaState) {
  return operation<ListQueryExecutionsInput, ListQueryExecutionsOutput, typeof listQueryExecutionsInput>({
    input: listQueryExecutionsInput,
    handle: (input, context) => {
      const workGroup = input.WorkGroup ?? "primary";
      state.workGroups.get(workGroup);
      const ids = state.executions.list(workGroup).map((execution) => execution.id);
      const start = input.NextToken === undefined ? 0 : decodePageToken(input.NextToken, ["ListQueryExecutions", workGroup], context.now());
      if (start === undefined) {
        throw invalidRequest("Invalid NextToken");
      }
      const end = start + (input.MaxResults || 50);
      return { QueryExecutionIds: ids.slice(start, end), ...(end < ids.length ? { NextToken: encodePageToken(["ListQueryExecutions", workGroup], end, context.now()) } : {}) };
    },
  });
}
