import { BatchGetQueryExecutionCommand, ListQueryExecutionsCommand, type AthenaClient } from "@aws-sdk/client-athena";
import type { AthenaState, QuerySummary, Section } from "./page/dashboardWire";
import { objectHref } from "./objectHref";
import type { QueryRowCounts } from "./QueryRowCounts";
import { stateSection } from "./stateSection";

const QUERIES_SHOWN = 8;
const SQL_SHOWN = 160;

/** The recent query executions of the work group: ListQueryExecutions, BatchGetQueryExecution, and their rows. */
export function athenaSection(athena: AthenaClient, rows: QueryRowCounts, bucket: string, workGroup = "primary"): Promise<Section<AthenaState>> {
  return stateSection(`work group ${workGroup} does not exist`, async () => {
    const { QueryExecutionIds: ids = [] } = await athena.send(new ListQueryExecutionsCommand({ WorkGroup: workGroup, MaxResults: QUERIES_SHOWN }));
    if (ids.length === 0) {
      return { workGroup, queries: [] };
    }
    // Athena lists the newest first.
    const { QueryExecutions: executions = [] } = await athena.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: ids }));
    const newest = [...executions].sort((a, b) => (b.Status?.SubmissionDateTime?.getTime() ?? 0) - (a.Status?.SubmissionDateTime?.getTime() ?? 0));
    const queries = await Promise.all(
      newest.map(async (execution): Promise<QuerySummary> => {
        const sql = (execution.Query ?? "").replace(/\s+/g, " ").trim();
        const count = await rows.rowsOf(execution);
        const location = execution.ResultConfiguration?.OutputLocation;
        const resultKey = location?.startsWith(`s3://${bucket}/`) === true && location.endsWith(".csv") && execution.Status?.State === "SUCCEEDED" ? location.slice(`s3://${bucket}/`.length) : undefined;
        return {
          id: execution.QueryExecutionId ?? "?",
          state: execution.Status?.State ?? "UNKNOWN",
          ...(execution.StatementType === undefined ? {} : { statementType: execution.StatementType }),
          query: sql.length > SQL_SHOWN ? `${sql.slice(0, SQL_SHOWN - 1)}…` : sql,
          ...(execution.Status?.SubmissionDateTime === undefined ? {} : { submitted: execution.Status.SubmissionDateTime.toISOString() }),
          ...(execution.Statistics?.TotalExecutionTimeInMillis === undefined ? {} : { runtimeMs: execution.Statistics.TotalExecutionTimeInMillis }),
          ...(execution.Statistics?.DataScannedInBytes === undefined ? {} : { dataScannedBytes: execution.Statistics.DataScannedInBytes }),
          ...(count === undefined ? {} : { rows: count }),
          ...(execution.Status?.StateChangeReason === undefined ? {} : { error: execution.Status.StateChangeReason }),
          ...(resultKey === undefined ? {} : { resultHref: objectHref(resultKey) }),
        };
      }),
    );
    return { workGroup, queries };
  });
}
