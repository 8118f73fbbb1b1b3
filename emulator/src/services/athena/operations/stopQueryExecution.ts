import type { StopQueryExecutionInput, StopQueryExecutionOutput } from "@aws-sdk/client-athena";
import { operation } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import { queryExecutionId } from "../athenaShapes";
import type { AthenaState } from "../state/AthenaState";

export const stopQueryExecutionInput = structure({ QueryExecutionId: queryExecutionId }, ["QueryExecutionId"]);

/** Cancels a queued or running query; stopping a finished one changes nothing, as in Athena. */
export function stopQueryExecution(state: AthenaState) {
  return operation<StopQueryExecutionInput, StopQueryExecutionOutput, typeof stopQueryExecutionInput>({
    input: stopQueryExecutionInput,
    handle: (input) => {
      state.executions.stop(input.QueryExecutionId);
      return {};
    },
  });
}
