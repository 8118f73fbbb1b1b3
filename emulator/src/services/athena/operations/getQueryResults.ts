import type { ColumnInfo, GetQueryResultsInput, GetQueryResultsOutput, Row } from "@aws-sdk/client-athena";
import { operation } from "../../../server/JsonService";
import { integer, string, structure } from "../../../server/shapes";
import { invalidRequest } from "../errors/athenaErrors";
import { nextToken, queryExecutionId } from "../athenaShapes";
import type { AthenaState } from "../state/AthenaState";
import { decodePageToken, encodePageToken } from "../pageTokens";
import type { ResultColumn } from "../statements/StatementContext";

export const getQueryResultsInput = structure(
  { QueryExecutionId: queryExecutionId, NextToken: nextToken, MaxResults: integer({ min: 1, max: 1000 }), QueryResultType: string({ enum: ["DATA_MANIFEST", "DATA_ROWS"] }) },
  ["QueryExecutionId"],
);

function columnInfo(column: ResultColumn): ColumnInfo {
  return {
    CatalogName: "hive",
    SchemaName: "",
    TableName: "",
    Name: column.name,
    Label: column.name,
    Type: column.type,
    Precision: column.precision,
    Scale: column.scale,
    Nullable: "UNKNOWN",
    CaseSensitive: column.caseSensitive,
  };
}

/**
 * Rows page by page: the header row first where Athena gives one (queries and EXPLAIN; it counts toward
 * MaxResults), UpdateCount where Athena gives one (rows written by CTAS and INSERT, 0 for queries and SHOW).
 * A failed Hive DDL statement answers an empty result; any other unfinished or failed query an error.
 */
export function getQueryResults(state: AthenaState) {
  return operation<GetQueryResultsInput, GetQueryResultsOutput, typeof getQueryResultsInput>({
    input: getQueryResultsInput,
    handle: (input, context) => {
      const execution = state.executions.get(input.QueryExecutionId);
      if (execution.state === "QUEUED" || execution.state === "RUNNING") {
        throw invalidRequest(`Query has not yet finished. Current state: ${execution.state}`, "INVALID_QUERY_EXECUTION_STATE");
      }
      if (execution.state === "CANCELLED") throw invalidRequest("Could not find results", "RESULT_NOT_FOUND");
      if (execution.state === "FAILED" && execution.failure?.errorName === "FAILED") return { ResultSet: { Rows: [] } };
      if (execution.state !== "SUCCEEDED" || execution.result === undefined) {
        throw invalidRequest(`Query did not finish successfully. Final query state: ${execution.state}`, "INVALID_QUERY_EXECUTION_STATE");
      }
      const result = execution.result;
      const rows: Row[] = [
        ...(execution.kind.headerRow ? [{ Data: result.columns.map((column) => ({ VarCharValue: column.name })) }] : []),
        ...result.rows.map((row) => ({ Data: row.map((value) => (value === undefined ? {} : { VarCharValue: value })) })),
      ];
      const start = input.NextToken === undefined ? 0 : decodePageToken(input.NextToken, ["GetQueryResults", execution.id], context.now());
      if (start === undefined) throw invalidRequest("The token provided is invalid.");
      const end = start + (input.MaxResults ?? 1000);
      return {
        ...(result.updateCount === undefined ? {} : { UpdateCount: result.updateCount }),
        ResultSet: { Rows: rows.slice(start, end), ResultSetMetadata: { ColumnInfo: result.columns.map(columnInfo) } },
        ...(end < rows.length ? { NextToken: encodePageToken(["GetQueryResults", execution.id], end, context.now()) } : {}),
      };
    },
  });
}
