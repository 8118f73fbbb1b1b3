import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
} from "@aws-sdk/client-athena";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { pollUntil } from "../wait/pollUntil";

export interface QueryOptions {
  readonly database: string;
  /** `s3://bucket/prefix/` where Athena writes the result CSV. */
  readonly outputLocation: string;
  readonly workGroup?: string;
  readonly timeoutMs?: number;
}

/** Runs one statement and waits for it; rejects with Athena's StateChangeReason when it fails. */
export async function runQuery(athena: AthenaClient, sql: string, options: QueryOptions): Promise<QueryExecution> {
  const { QueryExecutionId: id } = await athena.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      QueryExecutionContext: { Database: options.database },
      ResultConfiguration: { OutputLocation: options.outputLocation },
      ...(options.workGroup === undefined ? {} : { WorkGroup: options.workGroup }),
    }),
  );
  const timeoutMs = options.timeoutMs ?? 300_000;
  let state: string | undefined;
  return pollUntil(
    async () => {
      const { QueryExecution: execution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      state = execution?.Status?.State;
      if (state === "FAILED" || state === "CANCELLED") {
        throw new Error(`Athena query ${id} ${state}: ${execution?.Status?.StateChangeReason ?? "no reason given"}`);
      }
      return state === "SUCCEEDED" ? execution : undefined;
    },
    {
      timeoutMs,
      intervalMs: 100,
      maxIntervalMs: 2000,
      giveUp: { timeoutError: () => new Error(`Athena query ${id} still ${state} after ${Math.round(timeoutMs / 1000)} s`) },
    },
  );
}

/** Runs a SELECT and gives its rows as objects keyed by column name (all values as Athena's text). */
export async function runQueryToRows(athena: AthenaClient, sql: string, options: QueryOptions): Promise<Record<string, string | null>[]> {
  const execution = await runQuery(athena, sql, options);
  const rows: Record<string, string | null>[] = [];
  let columns: string[] | undefined;
  let token: string | undefined;
  do {
    const page = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: execution.QueryExecutionId, ...(token === undefined ? {} : { NextToken: token }) }));
    columns ??= (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((column) => column.Name ?? "");
    const pageRows = page.ResultSet?.Rows ?? [];
    // The first page of a SELECT starts with the header row.
    for (const row of token === undefined ? pageRows.slice(1) : pageRows) {
      rows.push(Object.fromEntries(columns.map((name, index) => [name, row.Data?.[index]?.VarCharValue ?? null])));
    }
    token = page.NextToken;
  } while (token !== undefined);
  return rows;
}

/** Runs a statement and downloads the CSV Athena wrote to the output location. */
export async function runQueryToCsv(athena: AthenaClient, s3: S3Client, sql: string, options: QueryOptions): Promise<string> {
  const execution = await runQuery(athena, sql, options);
  const location = execution.ResultConfiguration?.OutputLocation;
  const match = location === undefined ? null : /^s3:\/\/([^/]+)\/(.+)$/.exec(location);
  if (match === null) {
    throw new Error(`Athena query ${execution.QueryExecutionId} has no result file (${location ?? "no output location"})`);
  }
  const object = await s3.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
  return object.Body!.transformToString();
}
