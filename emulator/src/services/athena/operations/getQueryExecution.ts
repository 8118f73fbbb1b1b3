import type { GetQueryExecutionInput, GetQueryExecutionOutput } from "@aws-sdk/client-athena";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import { queryExecutionId } from "../athenaShapes";
import type { AthenaState } from "../state/AthenaState";

export const getQueryExecutionInput = structure({ QueryExecutionId: queryExecutionId }, ["QueryExecutionId"]);

export function getQueryExecution(state: AthenaState) {
  return operation<GetQueryExecutionInput, GetQueryExecutionOutput, typeof getQueryExecutionInput>({
    input: getQueryExecutionInput,
    handle: (input) => ({ QueryExecution: state.executions.describe(state.executions.get(input.QueryExecutionId)) }),
  });
}
