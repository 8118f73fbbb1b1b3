import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { GetQueryResultsCommand } from "@aws-sdk/client-athena";
import { GetPartitionsCommand, GetTableCommand } from "@aws-sdk/client-glue";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { createBucket, createDatabase, createFirehoseTable, readS3Bytes, runFailing, runQuery, runSucceeding, selectRows, telemetryRecord, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

describe("Athena CREATE TABLE AS SELECT", () => {
  let emulator: AthenaTestEmulator;
  const database = "ctas";
  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
    await createBucket(emulator, "ctas-out");
    const records = [0, 1, 2, 3, 4, 5].map((i) => telemetryRecord(i, i < 3 ? "energia" : "Uso"));
    await createFirehoseTable(emulator, { database, table: "origem", bucket: "ctas-origem", objects: [{ hour: "06", records }], backToBack: false });
  });

  async function keysUnder(bucket: string, prefix: string): Promise<string[]> {
    const { Contents } = await emulator.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    return (Contents ?? []).map((object) => object.Key!);
  }

  describe("errors", () => {
    test("fails when the table already exists", async () => {
      await runSucceeding(emulator, "create table existe as select 1 as a", { database });
      assert.equal(await runFailing(emulator, "create table existe as select 1 as a", { database }), "TABLE_ALREADY_EXISTS: line 1:14: Destination table 'awsdatacatalog.ctas.existe' already exists");
    });

    test("fails the second of two concurrent statements creating one table with TABLE_ALREADY_EXISTS", async () => {
      const sql = "create table ao_mesmo_tempo as select 1 as a";
      const outcomes = await Promise.all([runQuery(emulator, sql, { database }), runQuery(emulator, sql, { database })]);
      assert.deepEqual(outcomes.map((execution) => execution.Status?.State).sort(), ["FAILED", "SUCCEEDED"]);
      const failed = outcomes.find((execution) => execution.Status?.State === "FAILED")!;
      assert.equal(failed.Status?.StateChangeReason, "TABLE_ALREADY_EXISTS: line 1:14: Destination table 'awsdatacatalog.ctas.ao_mesmo_tempo' already exists");
    });

    // Wording: dbt-labs/dbt-athena#58 (a real Athena answer); the clean-up location is the query's own tables/<id> folder.
    test("fails when the external location already holds objects", async () => {
      await runSucceeding(emulator, "create table primeiro with (external_location = 's3://ctas-out/ocupado/') as select 1 as a", { database });
      assert.match(await runFailing(emulator, "create table segundo with (external_location = 's3://ctas-out/ocupado/') as select 1 as a", { database }), /^HIVE_PATH_ALREADY_EXISTS: Target directory for table 'ctas.segundo' already exists: s3:\/\/ctas-out\/ocupado\. You may need to manually clean the data at location 's3:\/\/results\/athena\/tables\/[0-9a-f-]{36}' before retrying\. Athena will not delete data in your account\.$/);
    });
  });

  describe("behaviour", () => {
    test("writes Parquet to a managed location under the output location and registers the table", async () => {
      const execution = await runSucceeding(emulator, `create table tratados as select idtemp, cast(dado as double) as dado, cast("timestamp" as timestamp) as ts from origem`, { database });
      assert.equal(execution.StatementType, "DDL");
      assert.equal(execution.SubstatementType, "CREATE_TABLE_AS_SELECT");
      assert.ok((execution.Statistics?.DataScannedInBytes ?? 0) > 0);
      const { Table } = await emulator.glue.send(new GetTableCommand({ DatabaseName: database, Name: "tratados" }));
      assert.equal(Table?.StorageDescriptor?.SerdeInfo?.SerializationLibrary, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
      assert.equal(Table?.StorageDescriptor?.Location, `${emulator.outputLocation}tables/${execution.QueryExecutionId}`);
      assert.deepEqual(Table?.StorageDescriptor?.Columns?.map((column) => [column.Name, column.Type]), [["idtemp", "string"], ["dado", "double"], ["ts", "timestamp"]]);
      assert.ok((await keysUnder("results", `athena/tables/${execution.QueryExecutionId}/`)).length > 0);
      const { rows } = await selectRows(emulator, "select idtemp, dado, ts from tratados order by ts", { database });
      assert.deepEqual(rows[0], ["0", "30.0", "2026-11-28 06:00:00.000"]);
      assert.equal(rows.length, 6);
    });

    test("writes JSON and TEXTFILE tables that read back the same rows", async () => {
      for (const format of ["JSON", "TEXTFILE"]) {
        const name = `formato_${format.toLowerCase()}`;
        await runSucceeding(emulator, `create table ${name} with (format = '${format}', external_location = 's3://ctas-out/${name}/') as select idtemp, tipo from origem`, { database });
        const { rows } = await selectRows(emulator, `select idtemp, tipo from ${name} order by idtemp`, { database });
        assert.deepEqual(rows, [0, 1, 2, 3, 4, 5].map((i) => [String(i), i < 3 ? "energia" : "Uso"]), format);
      }
      // "GZIP compression is used for CTAS query results in JSON and TEXTFILE formats" (Athena, CTAS considerations and limitations).
      const jsonKey = (await keysUnder("ctas-out", "formato_json/"))[0]!;
      assert.match(jsonKey, /\.gz$/);
      const json = gunzipSync(await readS3Bytes(emulator, `s3://ctas-out/${jsonKey}`)).toString("utf8");
      assert.match(json, /^\{"idtemp":"\d","tipo":"\w+"\}\n/);
    });

    test("writes one folder per partition value and registers the partitions", async () => {
      await runSucceeding(emulator, `create table particionada with (format = 'PARQUET', external_location = 's3://ctas-out/particionada/', partitioned_by = ARRAY['tipo']) as select idtemp, dado, tipo from origem`, { database });
      const { Table } = await emulator.glue.send(new GetTableCommand({ DatabaseName: database, Name: "particionada" }));
      assert.deepEqual(Table?.PartitionKeys?.map((key) => key.Name), ["tipo"]);
      assert.deepEqual(Table?.StorageDescriptor?.Columns?.map((column) => column.Name), ["idtemp", "dado"]);
      const { Partitions } = await emulator.glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "particionada" }));
      assert.deepEqual(Partitions?.map((partition) => partition.Values?.[0]).sort(), ["Uso", "energia"]);
      assert.ok((await keysUnder("ctas-out", "particionada/tipo=Uso/")).length > 0);
      const { rows } = await selectRows(emulator, "select tipo, count(*) from particionada group by tipo order by tipo", { database });
      assert.deepEqual(rows, [["Uso", "3"], ["energia", "3"]]);
    });

    // GetQueryResults API reference: UpdateCount is "the number of rows inserted with a CREATE TABLE AS SELECT statement";
    // the result has one column, rows bigint, and no rows (recorded Athena answers, see docs/athena-glue.md).
    test("answers the number of rows written", async () => {
      const execution = await runSucceeding(emulator, "create table contagem as select * from origem where tipo = 'Uso'", { database });
      const results = await emulator.athena.send(new GetQueryResultsCommand({ QueryExecutionId: execution.QueryExecutionId! }));
      assert.equal(results.UpdateCount, 3);
      assert.deepEqual(results.ResultSet?.Rows, []);
      assert.deepEqual(results.ResultSet?.ResultSetMetadata?.ColumnInfo?.map((column) => [column.Name, column.Type]), [["rows", "bigint"]]);
    });
  });
});
