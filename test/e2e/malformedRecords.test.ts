import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { GetTableCommand, UpdateTableCommand, type Table, type TableInput } from "@aws-sdk/client-glue";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import {
  ensureBucket,
  ensureCrawler,
  ensureDatabase,
  ensureDeliveryStream,
  ensureStream,
  loadSql,
  METRICS,
  originalProfile,
  runCrawler,
  runQuery,
  runQueryToRows,
  serializeRecord,
  toRecord,
  uniformSamples,
  type AwsClients,
  type TelemetryRecord,
} from "@gpu-stream/shared";
import { useTestEmulator, type TestEmulator } from "../support/testEmulator";

const BUCKET = "telemetria";
const DATABASE = "gpu_stream";
const QUERY = { database: DATABASE, outputLocation: "s3://resultados/" };
const encoder = new TextEncoder();

/** Good records in the course's shape: four samples of the five metrics. */
const goodRecords: TelemetryRecord[] = (() => {
  const samples = uniformSamples({ profile: originalProfile(), seed: 7, startUs: Date.UTC(2026, 10, 28, 6, 29, 32) * 1000 });
  const records: TelemetryRecord[] = [];
  for (let sample = 0; sample < 4; sample++) {
    const next = samples.next().value;
    for (const metric of METRICS) records.push(toRecord(next, metric, records.length + 1));
  }
  return records;
})();

/** What a broken producer might put: every one of them reaches S3 as its bytes, as Firehose delivers bytes. */
const BAD_RECORDS: { readonly name: string; readonly data: Uint8Array }[] = [
  { name: "text that is not JSON", data: encoder.encode("not json") },
  { name: "a JSON array", data: encoder.encode("[1,2]") },
  { name: "an object of another shape", data: encoder.encode('{"other":"shape"}') },
  { name: "an object with other keys", data: encoder.encode('{"valor":"abc"}') },
  { name: "bytes that are not UTF-8", data: new Uint8Array([0xff, 0xfe, 0xfd]) },
  { name: "an empty record", data: new Uint8Array(0) },
  { name: "a record cut off", data: encoder.encode('{"idtemp":"99","dado":"3') },
  { name: "the course's shape with a value that is no number", data: encoder.encode(JSON.stringify({ idtemp: "98", dado: "abc", tipo: "energia", timestamp: "2026-11-28 06:29:40.000000" })) },
];

describe("malformed records through the pipeline: Kinesis -> Firehose -> S3 -> Glue -> Athena", () => {
  let emulator: TestEmulator;
  let clients: AwsClients;
  useTestEmulator((started) => {
    emulator = started;
    clients = started.clients;
  });

  /** Good and bad records interleaved, in the order they are put. */
  const sent: Uint8Array[] = [];
  goodRecords.forEach((record, index) => {
    sent.push(encoder.encode(serializeRecord(record)));
    if (index < BAD_RECORDS.length) sent.push(BAD_RECORDS[index]!.data);
  });

  async function table(): Promise<Table> {
    return (await clients.glue.send(new GetTableCommand({ DatabaseName: DATABASE, Name: BUCKET }))).Table!;
  }

  /** Glue's UpdateTable with `change` applied to the table as it stands: how a table's SerDe parameters change (Athena has no DDL for it). */
  async function updateTable(change: (input: TableInput) => TableInput): Promise<void> {
    const current = await table();
    const input: TableInput = { Name: current.Name, StorageDescriptor: current.StorageDescriptor, PartitionKeys: current.PartitionKeys, TableType: current.TableType, Parameters: current.Parameters };
    await clients.glue.send(new UpdateTableCommand({ DatabaseName: DATABASE, TableInput: change(input) }));
  }

  function withSerdeParameters(input: TableInput, parameters: Record<string, string>): TableInput {
    const serde = input.StorageDescriptor?.SerdeInfo ?? {};
    return { ...input, StorageDescriptor: { ...input.StorageDescriptor, SerdeInfo: { ...serde, Parameters: { ...serde.Parameters, ...parameters } } } };
  }

  async function failure(sql: string): Promise<string> {
    const error = await runQuery(clients.athena, sql, QUERY).then(
      () => assert.fail(`${sql} was expected to fail`),
      (error: unknown) => error as Error,
    );
    return error.message.replace(/^Athena query \S+ FAILED: /, "");
  }

  test("Firehose delivers every record's bytes exactly, malformed ones included, one per line", async () => {
    await ensureBucket(clients.s3, BUCKET);
    const { streamArn } = await ensureStream(clients.kinesis, "gpucontrole", { shardCount: 1 });
    await ensureDeliveryStream(clients.firehose, "para-s3", { sourceStreamArn: streamArn, bucket: BUCKET, roleArn: "arn:aws:iam::000000000000:role/firehose" });
    const put = await clients.kinesis.send(new PutRecordsCommand({ StreamName: "gpucontrole", Records: sent.map((data) => ({ Data: data, PartitionKey: "gpu-0" })) }));
    assert.equal(put.FailedRecordCount, 0, "Kinesis takes any bytes, the empty record included");
    await emulator.emulator.flushFirehose("para-s3");

    const keys = ((await clients.s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((object) => object.Key!).sort();
    const bodies = await Promise.all(keys.map(async (key) => Buffer.from(await (await clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray())));
    const expected = Buffer.concat(sent.flatMap((data) => [Buffer.from(data), Buffer.from("\n")]));
    assert.ok(Buffer.concat(bodies).equals(expected), `S3 holds ${Buffer.concat(bodies).length} bytes, ${expected.length} were put`);
  });

  test("the crawler still makes a JSON table of the course's columns, with the other shapes' keys as columns", async () => {
    await ensureDatabase(clients.glue, DATABASE);
    await ensureBucket(clients.s3, "resultados");
    await ensureCrawler(clients.glue, "crawler", { database: DATABASE, s3Path: `s3://${BUCKET}/`, roleArn: "arn:aws:iam::000000000000:role/glue" });
    await runCrawler(clients.glue, "crawler");
    const crawled = await table();
    assert.equal(crawled.Parameters?.["classification"], "json");
    const columns = (crawled.StorageDescriptor?.Columns ?? []).map((column) => `${column.Name} ${column.Type}`);
    for (const column of ["idtemp string", "dado string", "tipo string", "timestamp string", "other string", "valor string"]) {
      assert.ok(columns.includes(column), `${column} in ${columns.join(", ")}`);
    }
  });

  test("Athena fails the whole table on the record cut off, as Athena does, naming the problem", async () => {
    assert.equal(await failure(`select count(*) from "${BUCKET}"`), "HIVE_CURSOR_ERROR: Row is not a valid JSON Object - JSONException: Unterminated string at 25 [character 26 line 1]");
    // Athena has no ALTER TABLE SET SERDEPROPERTIES (docs: unsupported-ddl): its DDL engine refuses it, and the emulator too.
    assert.equal(await failure(`alter table \`${BUCKET}\` set serdeproperties ('ignore.malformed.json' = 'true')`), "Query type not supported by DDL engine.");
  });

  test("with ignore.malformed.json every good record is counted and each bad one reads as a row of NULLs beside them", async () => {
    await updateTable((input) => withSerdeParameters(input, { "ignore.malformed.json": "true" }));
    const [{ n }] = (await runQueryToRows(clients.athena, `select count(*) as n from "${BUCKET}"`, QUERY)) as [{ n: string }];
    assert.equal(Number(n), goodRecords.length + BAD_RECORDS.length, "one row per line: no record lost, none skipped");

    const perTipo = await runQueryToRows(clients.athena, `select tipo, count(*) as n from "${BUCKET}" group by tipo order by tipo`, QUERY);
    const expected = METRICS.slice()
      .sort()
      .map((tipo) => ({ tipo, n: String(goodRecords.filter((record) => record.tipo === tipo).length + (tipo === "energia" ? 1 : 0)) }));
    assert.deepEqual(
      perTipo.map(({ tipo, n }) => ({ tipo, n })),
      [...expected, { tipo: null, n: String(BAD_RECORDS.length - 1) }],
    );
    // The array's elements fill the columns by position: idtemp 1, dado 2. Every other bad line is NULLs.
    assert.deepEqual(await runQueryToRows(clients.athena, `select idtemp, dado from "${BUCKET}" where tipo is null and idtemp is not null`, QUERY), [{ idtemp: "1", dado: "2" }]);
  });

  test("the course's CTAS denormalizes the table with the bad rows in it, as Athena's would", async () => {
    await runQuery(clients.athena, loadSql("dados_tratados", { table: BUCKET }), QUERY);
    const [{ n, typed }] = (await runQueryToRows(clients.athena, `select count(*) as n, count(tipo) as typed from "dados_tratados"`, QUERY)) as [{ n: string; typed: string }];
    assert.equal(Number(n), goodRecords.length + BAD_RECORDS.length);
    assert.equal(Number(typed), goodRecords.length + 1);
  });

  test("with dado declared double, the value that is no number fails queries reading it with HIVE_BAD_DATA, unless use.null.for.invalid.data", async () => {
    await updateTable((input) => ({
      ...input,
      StorageDescriptor: { ...input.StorageDescriptor, Columns: input.StorageDescriptor?.Columns?.map((column) => (column.Name === "dado" ? { ...column, Type: "double" } : column)) },
    }));
    const field = (await table()).StorageDescriptor!.Columns!.findIndex((column) => column.Name === "dado");
    assert.equal(await failure(`select avg(dado) from "${BUCKET}"`), `HIVE_BAD_DATA: Error parsing field value 'abc' for field ${field}: For input string: "abc"`);
    const [{ n }] = (await runQueryToRows(clients.athena, `select count(*) as n from "${BUCKET}"`, QUERY)) as [{ n: string }];
    assert.equal(Number(n), goodRecords.length + BAD_RECORDS.length, "a query that does not read dado still runs");

    await updateTable((input) => withSerdeParameters(input, { "use.null.for.invalid.data": "true" }));
    const [{ average }] = (await runQueryToRows(clients.athena, `select avg(dado) as average from "${BUCKET}"`, QUERY)) as [{ average: string }];
    const numbers = [...goodRecords.map((record) => Number(record.dado)), 2];
    assert.ok(Math.abs(Number(average) - numbers.reduce((sum, value) => sum + value, 0) / numbers.length) < 1e-9, average);
  });
});
