import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateTableCommand } from "@aws-sdk/client-glue";
import { readdir } from "node:fs/promises";
import { createBucket, createDatabase, createFirehoseTable, putText, runFailing, selectRows, startRefused, telemetryRecord, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

describe("Athena query errors", () => {
  let emulator: AthenaTestEmulator;
  const database = "errs";
  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
    await createFirehoseTable(emulator, { database, table: "leituras", bucket: "errs-leituras", objects: [{ hour: "06", records: [telemetryRecord(1)] }], backToBack: false });
  });

  describe("errors", () => {
    test("fails a query on a missing table with TABLE_NOT_FOUND at the table's position", async () => {
      assert.equal(await runFailing(emulator, "select * from nenhuma", { database }), "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.errs.nenhuma' does not exist");
    });

    test("fails a query on a missing database with SCHEMA_NOT_FOUND", async () => {
      assert.equal(await runFailing(emulator, "select * from nada.leituras", { database }), "SCHEMA_NOT_FOUND: line 1:15: Schema 'nada' does not exist");
    });

    test("fails a query naming a missing column with COLUMN_NOT_FOUND at the column's position", async () => {
      // Athena appends the authorization clause to Trino's message (measured on engine v3; docs/athena-glue.md).
      assert.equal(await runFailing(emulator, "select x from leituras", { database }), "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved or requester is not authorized to access requested resources");
    });

    // Athena refuses a syntax error in StartQueryExecution itself (InvalidRequestException, MALFORMED_QUERY), with Trino's
    // parser wording and Athena's statement list (recorded: xo/dbimp testdata/athena; docs/athena-glue.md).
    test("refuses a misspelt keyword at start with its line, column and what was expected", async () => {
      assert.deepEqual(await startRefused(emulator, "selec 1", { database }), {
        message:
          "line 1:1: mismatched input 'selec'. Expecting: 'ALTER', 'ANALYZE', 'CALL', 'COMMENT', 'COMMIT', 'CREATE', 'DEALLOCATE', 'DELETE', 'DENY', 'DESC', 'DESCRIBE', 'DROP', 'EXECUTE', 'EXPLAIN', 'GRANT', 'INSERT', 'MERGE', 'PREPARE', 'REFRESH', 'RESET', 'REVOKE', 'ROLLBACK', 'SET', 'SHOW', 'START', 'TRUNCATE', 'UNLOAD', 'UPDATE', 'USE', <query>",
        athenaErrorCode: "MALFORMED_QUERY",
      });
      assert.match((await startRefused(emulator, "select idtemp\nfrm leituras", { database })).message, /^line 2:5: mismatched input 'leituras'\. Expecting: /);
    });

    // Trino's wording for an unknown function (FunctionResolver); Athena's page "Functions in Amazon Athena" lists what exists.
    test("fails a function DuckDB has but Athena has not with FUNCTION_NOT_FOUND", async () => {
      assert.equal(await runFailing(emulator, "select read_csv('/etc/passwd')", { database }), "FUNCTION_NOT_FOUND: line 1:8: Function 'read_csv' not registered");
      assert.equal(await runFailing(emulator, "select getenv('HOME')", { database }), "FUNCTION_NOT_FOUND: line 1:8: Function 'getenv' not registered");
      assert.equal(await runFailing(emulator, `select "read_text"('/etc/passwd')`, { database }), "FUNCTION_NOT_FOUND: line 1:8: Function 'read_text' not registered");
      assert.match((await startRefused(emulator, "select * from read_csv('/etc/passwd')", { database })).message, /^line 1:23: mismatched input '\('/);
    });

    test("never reads a file outside the data directory", async () => {
      assert.equal((await startRefused(emulator, "select * from '/etc/passwd'", { database })).message, "line 1:15: mismatched input ''/etc/passwd''. Expecting: '(', 'LATERAL', 'TABLE', 'UNNEST', <identifier>");
      assert.equal(await runFailing(emulator, `select * from "/etc/passwd"`, { database }), "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.errs./etc/passwd' does not exist");
    });

    test("never reads a file outside the data directory through a table's location", async () => {
      await emulator.glue.send(
        new CreateTableCommand({
          DatabaseName: database,
          TableInput: {
            Name: "fuga",
            StorageDescriptor: {
              Columns: [{ Name: "line", Type: "string" }],
              Location: "s3://errs-leituras/../../../../../../etc/",
              SerdeInfo: { SerializationLibrary: "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe" },
            },
          },
        }),
      );
      const { rows } = await selectRows(emulator, "select count(*) from fuga", { database });
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

    // Recorded Athena answer (xo/dbimp testdata/athena): one statement per call, refused at start.
    test("refuses a second statement in one query at start", async () => {
      assert.deepEqual(await startRefused(emulator, "select 1; select 2", { database }), { message: "Only one sql statement is allowed. Got: select 1; select 2", athenaErrorCode: "MALFORMED_QUERY" });
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
