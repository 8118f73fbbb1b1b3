import assert from "node:assert/strict";
import { after, before } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { AthenaClient, GetQueryExecutionCommand, InvalidRequestException, GetQueryResultsCommand, StartQueryExecutionCommand, type QueryExecution, type Row } from "@aws-sdk/client-athena";
import { BatchCreatePartitionCommand, CreateDatabaseCommand, CreateTableCommand, GlueClient, type TableInput } from "@aws-sdk/client-glue";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { clientConfig, startTestEmulator, type TestEmulator } from "./testEmulator";

export { rejectsWith } from "./awsAssertions";

export interface AthenaTestEmulator extends TestEmulator {
  readonly athena: AthenaClient;
  readonly glue: GlueClient;
  /** Where query results go: `s3://results/athena/`. */
  readonly outputLocation: string;
}

export const RESULTS_BUCKET = "results";

/** The real emulator with Athena and Glue clients, and a results bucket. */
export async function startAthenaEmulator(): Promise<AthenaTestEmulator> {
  const base = await startTestEmulator();
  const athena = new AthenaClient(clientConfig(base.emulator.url));
  const glue = new GlueClient(clientConfig(base.emulator.url));
  await base.s3.send(new CreateBucketCommand({ Bucket: RESULTS_BUCKET }));
  return {
    ...base,
    athena,
    glue,
    outputLocation: `s3://${RESULTS_BUCKET}/athena/`,
    close: async () => {
      athena.destroy();
      glue.destroy();
      await base.close();
    },
  };
}

/**
 * Starts an Athena test emulator before the enclosing suite's tests and closes it after them, as useTestEmulator
 * does; `onStarted` receives it first, to keep it and to create what the suite's tests share.
 */
export function useAthenaEmulator(onStarted: (emulator: AthenaTestEmulator) => void | Promise<void>): void {
  let emulator: AthenaTestEmulator | undefined;
  before(async () => {
    emulator = await startAthenaEmulator();
    await onStarted(emulator);
  });
  after(() => emulator?.close());
}

let uniqueCounter = 0;
export function uniqueName(stem: string): string {
  uniqueCounter += 1;
  return `${stem}_${uniqueCounter}`;
}

export interface QueryOptions {
  readonly database?: string;
  readonly outputLocation?: string;
  readonly workGroup?: string;
}

export async function startQuery(emulator: AthenaTestEmulator, sql: string, options: QueryOptions = {}): Promise<string> {
  const { QueryExecutionId } = await emulator.athena.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      ...(options.database === undefined ? {} : { QueryExecutionContext: { Database: options.database } }),
      ...(options.workGroup === undefined ? {} : { WorkGroup: options.workGroup }),
      ...(options.outputLocation === null ? {} : { ResultConfiguration: { OutputLocation: options.outputLocation ?? emulator.outputLocation } }),
    }),
  );
  assert.ok(QueryExecutionId);
  return QueryExecutionId;
}

/** Polls GetQueryExecution until the query leaves QUEUED/RUNNING (a bounded number of polls, no timing assertion). */
export async function waitForQuery(athena: AthenaClient, queryExecutionId: string): Promise<QueryExecution> {
  for (let poll = 0; poll < 2000; poll++) {
    const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: queryExecutionId }));
    const state = QueryExecution?.Status?.State;
    if (state !== "QUEUED" && state !== "RUNNING") {
      return QueryExecution!;
    }
    await sleep(5);
  }
  assert.fail(`query ${queryExecutionId} did not finish after 2000 polls`);
}

/** Runs a statement and answers its finished QueryExecution, whatever its state. */
export async function runQuery(emulator: AthenaTestEmulator, sql: string, options: QueryOptions = {}): Promise<QueryExecution> {
  return waitForQuery(emulator.athena, await startQuery(emulator, sql, options));
}

/** Runs a statement that must succeed. */
export async function runSucceeding(emulator: AthenaTestEmulator, sql: string, options: QueryOptions = {}): Promise<QueryExecution> {
  const execution = await runQuery(emulator, sql, options);
  assert.equal(execution.Status?.State, "SUCCEEDED", `${sql}\nfailed: ${execution.Status?.StateChangeReason}`);
  return execution;
}

/** Runs a statement that must fail; answers its StateChangeReason. */
export async function runFailing(emulator: AthenaTestEmulator, sql: string, options: QueryOptions = {}): Promise<string> {
  const execution = await runQuery(emulator, sql, options);
  assert.equal(execution.Status?.State, "FAILED", `${sql}\nwas expected to fail`);
  return execution.Status?.StateChangeReason ?? "";
}

/** Starts a statement that StartQueryExecution must refuse (as Athena refuses a syntax error); answers the error's message and AthenaErrorCode. */
export async function startRefused(emulator: AthenaTestEmulator, sql: string, options: QueryOptions = {}): Promise<{ message: string; athenaErrorCode: string | undefined }> {
  try {
    await startQuery(emulator, sql, options);
  } catch (error) {
    assert.ok(error instanceof InvalidRequestException, `${sql}\nwas refused with ${String(error)}`);
    return { message: error.message, athenaErrorCode: error.AthenaErrorCode };
  }
  assert.fail(`${sql}\nwas expected to be refused by StartQueryExecution`);
}

/** Every row of a result, page by page (the header row included for SELECT). */
export async function allRows(athena: AthenaClient, queryExecutionId: string, maxResults?: number): Promise<{ rows: (string | undefined)[][]; pages: number }> {
  const rows: (string | undefined)[][] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: queryExecutionId, NextToken: nextToken, MaxResults: maxResults }));
    pages += 1;
    rows.push(...(page.ResultSet?.Rows ?? []).map((row: Row) => (row.Data ?? []).map((datum) => datum.VarCharValue)));
    nextToken = page.NextToken;
  } while (nextToken !== undefined && pages < 10_000);
  return { rows, pages };
}

/** Runs a SELECT and answers its data rows (header dropped) and header. */
export async function selectRows(emulator: AthenaTestEmulator, sql: string, options: QueryOptions = {}): Promise<{ header: (string | undefined)[]; rows: (string | undefined)[][] }> {
  const execution = await runSucceeding(emulator, sql, options);
  const { rows } = await allRows(emulator.athena, execution.QueryExecutionId!);
  return { header: rows[0] ?? [], rows: rows.slice(1) };
}

export async function readS3Text(emulator: TestEmulator, uri: string): Promise<string> {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri)!;
  const { Body } = await emulator.s3.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
  return Body!.transformToString();
}

export async function readS3Bytes(emulator: TestEmulator, uri: string): Promise<Uint8Array> {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri)!;
  const { Body } = await emulator.s3.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
  return Body!.transformToByteArray();
}

export async function putText(emulator: TestEmulator, bucket: string, key: string, body: string): Promise<void> {
  await emulator.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

export async function createBucket(emulator: TestEmulator, bucket: string): Promise<void> {
  await emulator.s3.send(new CreateBucketCommand({ Bucket: bucket }));
}

export async function createDatabase(glue: GlueClient, name: string): Promise<void> {
  await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: name } }));
}

/** The record of the exercise, as a producer writes it. */
export function telemetryRecord(index: number, tipo = "energia"): { idtemp: string; dado: string; tipo: string; timestamp: string } {
  const second = String(index % 60).padStart(2, "0");
  const minute = String(Math.floor(index / 60) % 60).padStart(2, "0");
  return { idtemp: String(index), dado: (30 + (index % 17) / 10).toFixed(1), tipo, timestamp: `2026-11-28 06:${minute}:${second}.${String(index).padStart(6, "0")}` };
}

/** A JSON table as the Glue crawler makes one over Firehose's output: four strings, partition_0..3. */
export function firehoseTableInput(name: string, location: string): TableInput {
  return {
    Name: name,
    TableType: "EXTERNAL_TABLE",
    Parameters: { classification: "json" },
    PartitionKeys: ["partition_0", "partition_1", "partition_2", "partition_3"].map((key) => ({ Name: key, Type: "string" })),
    StorageDescriptor: {
      Columns: ["idtemp", "dado", "tipo", "timestamp"].map((column) => ({ Name: column, Type: "string" })),
      Location: location,
      InputFormat: "org.apache.hadoop.mapred.TextInputFormat",
      OutputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
      SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe", Parameters: { paths: "dado,idtemp,timestamp,tipo" } },
    },
  };
}

/**
 * A bucket laid out as Firehose writes it (`YYYY/MM/DD/HH/<object>`), objects of `recordsPerObject` records
 * each, newline-delimited or back to back; the table and its partitions registered in Glue as the crawler would.
 */
export async function createFirehoseTable(
  emulator: AthenaTestEmulator,
  options: { database: string; table: string; bucket: string; objects: readonly { hour: string; records: readonly object[] }[]; backToBack: boolean },
): Promise<void> {
  await createBucket(emulator, options.bucket);
  const hours = new Set<string>();
  for (const [index, object] of options.objects.entries()) {
    const body = object.records.map((record) => JSON.stringify(record)).join(options.backToBack ? "" : "\n") + (options.backToBack ? "" : "\n");
    await putText(emulator, options.bucket, `2026/11/28/${object.hour}/gpu-stream-1-2026-11-28-${object.hour}-00-0${index}-${index}`, body);
    hours.add(object.hour);
  }
  const location = `s3://${options.bucket}/`;
  await emulator.glue.send(new CreateTableCommand({ DatabaseName: options.database, TableInput: firehoseTableInput(options.table, location) }));
  const input = firehoseTableInput(options.table, location);
  await emulator.glue.send(
    new BatchCreatePartitionCommand({
      DatabaseName: options.database,
      TableName: options.table,
      PartitionInputList: [...hours].map((hour) => ({
        Values: ["2026", "11", "28", hour],
        StorageDescriptor: { ...input.StorageDescriptor, Location: `${location}2026/11/28/${hour}/` },
      })),
    }),
  );
}
