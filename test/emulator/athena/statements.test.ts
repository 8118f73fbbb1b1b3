import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { GetQueryResultsCommand } from "@aws-sdk/client-athena";
import { GetTableCommand } from "@aws-sdk/client-glue";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { createBucket, createDatabase, createFirehoseTable, readS3Bytes, runFailing, runQuery, runSucceeding, selectRows, telemetryRecord, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

// The statements Athena has beyond SELECT and the course's CTAS, each answered as Athena answers it. Sources: the
// Athena pages named per test (https://docs.aws.amazon.com/athena/latest/ug/...), and recorded Athena answers
// (xo/dbimp testdata/athena; aoyagikouhei/athena-local measurements) listed in docs/athena-glue.md.

describe("Athena's other statements: views, INSERT INTO, UNLOAD, EXPLAIN, pseudo-columns", () => {
  let emulator: AthenaTestEmulator;
  const database = "instrucoes";
  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
    await createBucket(emulator, "instrucoes-out");
    const records = [0, 1, 2, 3].map((i) => telemetryRecord(i, i < 2 ? "energia" : "Uso"));
    await createFirehoseTable(emulator, { database, table: "leituras", bucket: "instrucoes-leituras", objects: [{ hour: "06", records: records.slice(0, 2) }, { hour: "07", records: records.slice(2) }], backToBack: false });
  });

  async function results(queryExecutionId: string) {
    return emulator.athena.send(new GetQueryResultsCommand({ QueryExecutionId: queryExecutionId }));
  }

  async function keysUnder(bucket: string, prefix: string): Promise<string[]> {
    const { Contents } = await emulator.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    return (Contents ?? []).map((object) => object.Key!);
  }

  describe("behaviour", () => {
    // views.html: a view is stored in the Glue catalog as a Presto view (TableType VIRTUAL_VIEW, the query as base64 JSON
    // in ViewOriginalText, Hive type names in the StorageDescriptor); show-create-view.html, describe-view.html.
    test("creates a view stored in Glue as Athena stores one, queries, shows, describes and drops it", async () => {
      const create = await runSucceeding(emulator, "create view medias as select tipo, avg(cast(dado as double)) as media from leituras group by tipo", { database });
      assert.deepEqual([create.StatementType, create.SubstatementType], ["DDL", "CREATE_VIEW"]);
      const { Table } = await emulator.glue.send(new GetTableCommand({ DatabaseName: database, Name: "medias" }));
      assert.equal(Table?.TableType, "VIRTUAL_VIEW");
      assert.deepEqual(Table?.Parameters, { comment: "Presto View", presto_view: "true" });
      assert.equal(Table?.ViewExpandedText, "/* Presto View */");
      const encoded = /^\/\* Presto View: ([A-Za-z0-9+/=]+) \*\/$/.exec(Table?.ViewOriginalText ?? "")?.[1];
      assert.ok(encoded, Table?.ViewOriginalText);
      const view = JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as { catalog: string; schema: string; columns: { name: string; type: string }[] };
      assert.equal(view.catalog, "awsdatacatalog");
      assert.equal(view.schema, database);
      assert.deepEqual(view.columns, [{ name: "tipo", type: "varchar" }, { name: "media", type: "double" }]);
      assert.deepEqual(Table?.StorageDescriptor?.Columns?.map((column) => [column.Name, column.Type]), [["tipo", "string"], ["media", "double"]]);

      const { rows } = await selectRows(emulator, "select tipo, media from medias order by tipo", { database });
      assert.deepEqual(rows, [["Uso", "30.25"], ["energia", "30.05"]]);
      const describe = await runSucceeding(emulator, "describe medias", { database });
      assert.deepEqual([describe.StatementType, describe.SubstatementType], ["UTILITY", "DESC_VIEW"]);
      assert.deepEqual((await results(describe.QueryExecutionId!)).ResultSet?.Rows?.map((row) => row.Data?.map((datum) => datum.VarCharValue)), [["tipo\tvarchar"], ["media\tdouble"]]);
      const show = await runSucceeding(emulator, "show create view medias", { database });
      const text = (await results(show.QueryExecutionId!)).ResultSet?.Rows?.map((row) => row.Data?.[0]?.VarCharValue).join("\n");
      assert.match(text ?? "", /^CREATE VIEW awsdatacatalog\.instrucoes\.medias AS\nSELECT\n {2}tipo\n, avg\(CAST\(dado AS double\)\) media\nFROM\n {2}leituras\nGROUP BY tipo$/);
      const drop = await runSucceeding(emulator, "drop view medias", { database });
      assert.deepEqual([drop.StatementType, drop.SubstatementType], ["DDL", "DROP_VIEW"]);
      assert.match(await runFailing(emulator, "select * from medias", { database }), /^TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog\.instrucoes\.medias' does not exist$/);
    });

    // insert-into.html: columns match by position, the types must match; each INSERT writes new files; UpdateCount is
    // the rows written (GetQueryResults API reference).
    test("inserts rows into a table by position, answering the rows written, and refuses mismatched types", async () => {
      await runSucceeding(emulator, "create table destino with (format = 'JSON', external_location = 's3://instrucoes-out/destino/') as select idtemp, tipo from leituras where false", { database });
      const insert = await runSucceeding(emulator, "insert into destino select idtemp, tipo from leituras where tipo = 'Uso'", { database });
      assert.deepEqual([insert.StatementType, insert.SubstatementType], ["DML", "INSERT"]);
      const inserted = await results(insert.QueryExecutionId!);
      assert.equal(inserted.UpdateCount, 2);
      assert.deepEqual(inserted.ResultSet?.ResultSetMetadata?.ColumnInfo?.map((column) => [column.Name, column.Type]), [["rows", "bigint"]]);
      const values = await runSucceeding(emulator, "insert into destino values ('9', 'extra')", { database });
      assert.equal((await results(values.QueryExecutionId!)).UpdateCount, 1);
      assert.equal(
        await runFailing(emulator, "insert into destino values (9, 'extra')", { database }),
        "TYPE_MISMATCH: line 1:1: Insert query has mismatched column types: Table: [varchar, varchar], Query: [integer, varchar(5)]",
      );
      const { rows } = await selectRows(emulator, "select idtemp, tipo from destino order by idtemp", { database });
      assert.deepEqual(rows, [["2", "Uso"], ["3", "Uso"], ["9", "extra"]]);
      assert.ok((await keysUnder("instrucoes-out", "destino/")).every((key) => key.endsWith(".gz")), "JSON written with GZIP, Athena's default");
    });

    // unload.html: writes the query's rows to an empty S3 prefix, GZIP for TEXTFILE and JSON, `\001` between fields.
    test("unloads a query's rows to S3 as gzip text", async () => {
      const unload = await runSucceeding(emulator, "unload (select idtemp, tipo from leituras order by idtemp) to 's3://instrucoes-out/unload/' with (format = 'TEXTFILE')", { database });
      assert.deepEqual([unload.StatementType, unload.SubstatementType], ["DML", "UNLOAD"]);
      assert.equal((await results(unload.QueryExecutionId!)).UpdateCount, 4);
      const keys = await keysUnder("instrucoes-out", "unload/");
      assert.ok(keys.length > 0 && keys.every((key) => key.endsWith(".gz")), keys.join(", "));
      const text = (await Promise.all(keys.map(async (key) => gunzipSync(await readS3Bytes(emulator, `s3://instrucoes-out/${key}`)).toString("utf8")))).join("");
      assert.deepEqual(text.trim().split("\n").sort(), ["0\u0001energia", "1\u0001energia", "2\u0001Uso", "3\u0001Uso"]);
    });

    // select.html ("Getting the file locations for source data"): "$path" is the object's S3 URI; Trino's Hive connector
    // adds "$file_size" (bigint) and "$file_modified_time" (timestamp(3) with time zone).
    test("answers the pseudo-columns $path, $file_size and $file_modified_time, and filters on $path", async () => {
      const execution = await runSucceeding(emulator, `select "$path", "$file_size", "$file_modified_time" from leituras where "$path" like '%/07/%' limit 1`, { database });
      const answer = await results(execution.QueryExecutionId!);
      assert.deepEqual(answer.ResultSet?.ResultSetMetadata?.ColumnInfo?.map((column) => column.Type), ["varchar", "bigint", "timestamp with time zone"]);
      const [path, size, modified] = answer.ResultSet?.Rows?.[1]?.Data?.map((datum) => datum.VarCharValue) ?? [];
      assert.match(path ?? "", /^s3:\/\/instrucoes-leituras\/2026\/11\/28\/07\/gpu-stream-1-2026-11-28-07-00-01-1$/);
      const key = path!.slice("s3://instrucoes-leituras/".length);
      assert.equal(Number(size), (await readS3Bytes(emulator, `s3://instrucoes-leituras/${key}`)).byteLength);
      assert.match(modified ?? "", /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC$/);
      const { rows } = await selectRows(emulator, `select regexp_extract("$path", '[^/]+$') as objeto, count(*) from leituras group by 1 order by 1`, { database });
      assert.deepEqual(rows, [["gpu-stream-1-2026-11-28-06-00-00-0", "2"], ["gpu-stream-1-2026-11-28-07-00-01-1", "2"]]);
    });

    // athena-explain-statement.html: EXPLAIN is DML/EXPLAIN, one column "Query Plan", UpdateCount absent.
    test("explains a query", async () => {
      const execution = await runSucceeding(emulator, "explain select tipo from leituras", { database });
      assert.deepEqual([execution.StatementType, execution.SubstatementType], ["DML", "EXPLAIN"]);
      const answer = await results(execution.QueryExecutionId!);
      assert.deepEqual(answer.ResultSet?.ResultSetMetadata?.ColumnInfo?.map((column) => [column.Name, column.Type]), [["Query Plan", "varchar"]]);
      assert.equal(answer.UpdateCount, undefined);
      assert.equal(answer.ResultSet?.Rows?.[0]?.Data?.[0]?.VarCharValue, "Query Plan");
    });

    // API_QueryExecution / API_GetQueryResults: a SELECT is DML/SELECT with UpdateCount 0; SHOW TABLES is UTILITY with
    // no header row and a `string` column (recorded answers).
    test("types a SELECT and a SHOW and answers UpdateCount 0 for both", async () => {
      const select = await runSucceeding(emulator, "select count(*) from leituras", { database });
      assert.deepEqual([select.StatementType, select.SubstatementType], ["DML", "SELECT"]);
      assert.equal((await results(select.QueryExecutionId!)).UpdateCount, 0);
      const show = await runSucceeding(emulator, "show tables", { database });
      assert.deepEqual([show.StatementType, show.SubstatementType], ["UTILITY", "SHOW_TABLES"]);
      const tables = await results(show.QueryExecutionId!);
      assert.equal(tables.UpdateCount, 0);
      assert.deepEqual(tables.ResultSet?.ResultSetMetadata?.ColumnInfo?.map((column) => [column.Name, column.Type]), [["tab_name", "string"]]);
      assert.ok(tables.ResultSet?.Rows?.every((row) => row.Data?.[0]?.VarCharValue !== "tab_name"), "no header row");
    });
  });

  describe("errors", () => {
    // error-reference.html: AthenaError.ErrorCategory (1 system, 2 user) and ErrorType per failure; values as recorded.
    const cases: readonly [string, number][] = [
      ["select * from nenhuma", 1301],
      ["select nenhuma from leituras", 1006],
      ["select nada(1)", 1303],
      ["select cast('x' as integer)", 1100],
      ["select 1/0", 1001],
      ["select * from leituras where idtemp = 1", 1002],
    ];
    for (const [sql, errorType] of cases) {
      test(`files ${sql} under ErrorType ${errorType}`, async () => {
        const execution = await runQuery(emulator, sql, { database });
        assert.equal(execution.Status?.State, "FAILED");
        assert.equal(execution.Status?.AthenaError?.ErrorCategory, 2);
        assert.equal(execution.Status?.AthenaError?.ErrorType, errorType);
        assert.equal(execution.Status?.AthenaError?.Retryable, false);
        assert.equal(execution.Status?.AthenaError?.ErrorMessage, execution.Status?.StateChangeReason);
      });
    }

    // create-table-as.html: "specify the names of partitioned columns last"; wording from a real Athena answer (docs/athena-glue.md).
    test("fails a CTAS whose partition columns are not last with HIVE_COLUMN_ORDER_MISMATCH", async () => {
      assert.equal(
        await runFailing(emulator, "create table fora_de_ordem with (partitioned_by = array['tipo']) as select tipo, idtemp from leituras", { database }),
        "HIVE_COLUMN_ORDER_MISMATCH: Partition keys must be the last columns in the table and in the same order as the table properties: [tipo]",
      );
    });

    // unload.html: "The TO destination must specify a location in Amazon S3 that has no data".
    test("fails an UNLOAD to a prefix that holds data", async () => {
      assert.match(await runFailing(emulator, "unload (select 1 as um) to 's3://instrucoes-leituras/2026/' with (format = 'JSON')", { database }), /^HIVE_PATH_ALREADY_EXISTS: /);
    });
  });
});
