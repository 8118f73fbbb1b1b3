import type * as Athena from "@aws-sdk/client-athena";
import type { OperationTable } from "../../server/OperationTable";
import type { AthenaState } from "./state/AthenaState";
import { batchGetQueryExecution } from "./operations/batchGetQueryExecution";
import { createWorkGroup } from "./operations/createWorkGroup";
import { deleteWorkGroup } from "./operations/deleteWorkGroup";
import { getQueryExecution } from "./operations/getQueryExecution";
import { getQueryResults } from "./operations/getQueryResults";
import { getWorkGroup } from "./operations/getWorkGroup";
import { listQueryExecutions } from "./operations/listQueryExecutions";
import { listWorkGroups } from "./operations/listWorkGroups";
import { startQueryExecution } from "./operations/startQueryExecution";
import { stopQueryExecution } from "./operations/stopQueryExecution";

/** The operations the emulator answers, by the SDK's names: a misspelled name or output field is a compile error. */
export function athenaOperations(state: AthenaState) {
  return {
    BatchGetQueryExecution: batchGetQueryExecution(state),
    CreateWorkGroup: createWorkGroup(state),
    DeleteWorkGroup: deleteWorkGroup(state),
    GetQueryExecution: getQueryExecution(state),
    GetQueryResults: getQueryResults(state),
    GetWorkGroup: getWorkGroup(state),
    ListQueryExecutions: listQueryExecutions(state),
    ListWorkGroups: listWorkGroups(state),
    StartQueryExecution: startQueryExecution(state),
    StopQueryExecution: stopQueryExecution(state),
  } satisfies OperationTable<typeof Athena>;
}
