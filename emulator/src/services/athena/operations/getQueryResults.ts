import type { ColumnInfo, GetQueryResultsInput, GetQueryResultsOutput, Row } from "@aws-sdk/client-athena";
import { operation } from "../../../server/JsonService";
import { integer, string, structure } from "../../../server/shapes";
import { invalidRequest } from "../athenaErrors";
import { nextToken, queryExecutionId } from "../athenaShapes";
import type { AthenaState } from "../AthenaState";
import { decodePageToken, encodePageToken } from "../pageTokens";
import type { ResultColumn } from "../statements/StatementContext";

export const getQueryResultsInput = structure(
  { QueryExecutionId: queryExecutionId, NextToken: nextToken, MaxResults: integer({ min: 1, max: 1000 }), QueryResultType: string({ enum: ["DATA_MANIFEST", "DATA_ROWS"] }) },
  ["QueryExecutionId"],
);

/** Precision as Athena reports it per type (varchar's is its maximum length). */
const PRECISION: Readonly<Record<string, number>> = { varchar: 2147483647, bigint: 19, integer: 10, smallint: 5, tinyint: 3, double: 17, float: 7, timestamp: 3, decimal: 38 };

function columnInfo(column: ResultColumn): ColumnInfo {
  return {
    CatalogName: "hive",
    SchemaName: "",
    TableName: "",
    Name: column.name,
    Label: column.name,
    Type: column.type,
    Precision: PRECISION[column.type] ?? 0,
    Scale: 0,
    Nullable: "UNKNOWN",
    CaseSensitive: column.type === "varchar",
  };
}

/** Rows page by page, the header row first for a SELECT (it counts toward MaxResults, as in Athena). */
export function getQueryResults(state: AthenaState) {
  return operation<GetQueryResultsInput, GetQueryResultsOutput>({
    input: getQueryResultsInput,
    handle: (input) => {
      const execution = state.executions.get(input.QueryExecutionId!);
      if (execution.state === "QUEUED" || execution.state === "RUNNING") {
        throw invalidRequest(`Query has not yet finished. Current state: ${execution.state}`);
      }
      if (execution.state !== "SUCCEEDED" || execution.result === undefined) {
        throw invalidRequest(`Query did not finish successfully. Final query state: ${execution.state}`);
      }
      const result = execution.result;
      const rows: Row[] = [
        ...(result.headerRow ? [{ Data: result.columns.map((column) => ({ VarCharValue: column.name })) }] : []),
        ...result.rows.map((row) => ({ Data: row.map((value) => (value === undefined ? {} : { VarCharValue: value })) })),
      ];
      const start = input.NextToken === undefined ? 0 : decodePageToken(input.NextToken, execution.id);
      if (start === undefined) {
        throw invalidRequest("The token provided is invalid.");
      }
      const end = start + (input.MaxResults ?? 1000);
      return {
        UpdateCount: result.statementType === "DML" ? 0 : result.rows.length,
        ResultSet: { Rows: rows.slice(start, end), ResultSetMetadata: { ColumnInfo: result.columns.map(columnInfo) } },
        ...(end < rows.length ? { NextToken: encodePageToken(execution.id, end) } : {}),
      };
    },
  });
}
