import type { BatchGetQueryExecutionInput, BatchGetQueryExecutionOutput } from "@aws-sdk/client-athena";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import { queryExecutionIds } from "../athenaShapes";
import type { AthenaState } from "../state/AthenaState";

export const batchGetQueryExecutionInput = structure({ QueryExecutionIds: queryExecutionIds }, ["QueryExecutionIds"]);

export function batchGetQueryExecution(state: AthenaState) {
  return operation<BatchGetQueryExecutionInput, BatchGetQueryExecutionOutput, typeof batchGetQueryExecutionInput>({
    input: batchGetQueryExecutionInput,
    handle: (input) => {
      const ids = input.QueryExecutionIds;
      const found = ids.flatMap((id) => {
        const execution = state.executions.find(id);
        return execution === undefined ? [] : [state.executions.describe(execution)];
      });
      const missing = ids.filter((id) => state.executions.find(id) === undefined);
      return {
        QueryExecutions: found,
        UnprocessedQueryExecutionIds: missing.map((id) => ({ QueryExecutionId: id, ErrorCode: "INVALID_INPUT", ErrorMessage: `QueryExecution ${id} was not found` })),
      };
    },
  });
}
