import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { CreateTableCommand } from "@aws-sdk/client-glue";
import { readdir } from "node:fs/promises";
import { createBucket, createDatabase, createFirehoseTable, putText, runFailing, selectRows, startAthenaEmulator, telemetryRecord, type AthenaTestEmulator } from "./support/athenaTestKit";

describe("Athena query errors", () => {
  let emulator: AthenaTestEmulator;
  const database = "errs";
  before(async () => {
    emulator = await startAthenaEmulator();
    await createDatabase(emulator.glue, database);
    await createFirehoseTable(emulator, { database, table: "leituras", bucket: "errs-leituras", objects: [{ hour: "06", records: [telemetryRecord(1)] }], backToBack: false });
  });
  after(() => emulator.close());

  describe("errors", () => {
    test("fails a query on a missing table with TABLE_NOT_FOUND at the table's position", async () => {
      assert.equal(await runFailing(emulator, "select * from nenhuma", { database }), "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.errs.nenhuma' does not exist");
    });

    test("fails a query on a missing database with SCHEMA_NOT_FOUND", async () => {
      assert.equal(await runFailing(emulator, "select * from nada.leituras", { database }), "SCHEMA_NOT_FOUND: line 1:15: Schema 'nada' does not exist");
    });

    test("fails a query naming a missing column with COLUMN_NOT_FOUND at the column's position", async () => {
      assert.equal(await runFailing(emulator, "select x from leituras", { database }), "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved");
    });

    test("fails a misspelt keyword with SYNTAX_ERROR and its line and column", async () => {
      assert.match(await runFailing(emulator, "selec 1", { database }), /^SYNTAX_ERROR: line 1:1: mismatched input 'selec'/);
      assert.match(await runFailing(emulator, "select idtemp\nfrm leituras", { database }), /^SYNTAX_ERROR: line 2:5: mismatched input 'leituras'/);
    });

    test("fails a function DuckDB has but Athena has not with FUNCTION_NOT_FOUND", async () => {
      assert.equal(await runFailing(emulator, "select read_csv('/etc/passwd')", { database }), "FUNCTION_NOT_FOUND: line 1:8: Function 'read_csv' not registered");
      assert.equal(await runFailing(emulator, "select * from read_csv('/etc/passwd')", { database }), "FUNCTION_NOT_FOUND: line 1:15: Function 'read_csv' not registered");
      assert.equal(await runFailing(emulator, "select getenv('HOME')", { database }), "FUNCTION_NOT_FOUND: line 1:8: Function 'getenv' not registered");
      assert.equal(await runFailing(emulator, `select "read_text"('/etc/passwd')`, { database }), "FUNCTION_NOT_FOUND: line 1:8: Function 'read_text' not registered");
      assert.equal(await runFailing(emulator, "select main.read_text('/etc/passwd')", { database }), "FUNCTION_NOT_FOUND: line 1:13: Function 'read_text' not registered");
      assert.equal(await runFailing(emulator, "select * from duckdb_settings()", { database }), "FUNCTION_NOT_FOUND: line 1:15: Function 'duckdb_settings' not registered");
    });

    test("never reads a file outside the data directory", async () => {
      assert.match(await runFailing(emulator, "select * from '/etc/passwd'", { database }), /^SYNTAX_ERROR: line 1:15: /);
      assert.match(await runFailing(emulator, `select * from "/etc/passwd"`, { database }), /^TABLE_NOT_FOUND: /);
    });

    test("never reads a file outside the data directory through a table's location", async () => {
      await emulator.glue.send(
        new CreateTableCommand({
          DatabaseName: database,
          TableInput: {
            Name: "escape",
            StorageDescriptor: {
              Columns: [{ Name: "line", Type: "string" }],
              Location: "s3://errs-leituras/../../../../../../etc/",
              SerdeInfo: { SerializationLibrary: "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe" },
            },
          },
        }),
      );
      const { rows } = await selectRows(emulator, "select count(*) from escape", { database });
      assert.deepEqual(rows, [["0"]]);
    });

    test("fails a line that starts an object but does not parse with HIVE_CURSOR_ERROR unless ignore.malformed.json is set", async () => {
      await createBucket(emulator, "errs-malformed");
      // Only a line starting with { or [ is parsed; `not json` reads as a row of NULLs in both tables.
      await putText(emulator, "errs-malformed", "data/one", `{"idtemp":"1"}\n{"idtemp":"7",\nnot json\n{"idtemp":"2"}\n`);
      for (const [name, parameters] of [
        ["strict", {}],
        ["lenient", { "ignore.malformed.json": "true" }],
      ] as const) {
        await emulator.glue.send(
          new CreateTableCommand({
            DatabaseName: database,
            TableInput: {
              Name: name,
              StorageDescriptor: {
                Columns: [{ Name: "idtemp", Type: "string" }],
                Location: "s3://errs-malformed/data/",
                SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe", Parameters: parameters },
              },
            },
          }),
        );
      }
      assert.equal(await runFailing(emulator, "select * from strict", { database }), "HIVE_CURSOR_ERROR: Row is not a valid JSON Object - JSONException: A JSONObject text must end with '}' at 15 [character 16 line 1]");
      const { rows } = await selectRows(emulator, "select idtemp from lenient", { database });
      assert.deepEqual(rows, [["1"], [undefined], [undefined], ["2"]]);
    });

    test("fails a second statement in one query with SYNTAX_ERROR", async () => {
      assert.match(await runFailing(emulator, "select 1; select 2", { database }), /^SYNTAX_ERROR: line 1:9: /);
    });

    test("fails when the output bucket does not exist", async () => {
      assert.match(await runFailing(emulator, "select 1", { database, outputLocation: "s3://no-such-bucket/out/" }), /Unable to verify\/create output bucket no-such-bucket/);
    });

    test("leaves no scratch files behind after a query", async () => {
      await selectRows(emulator, "select * from leituras", { database });
      assert.deepEqual(await readdir(`${emulator.dataDir}/athena/work`), []);
    });
  });
});
