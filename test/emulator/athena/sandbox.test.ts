import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { createDatabase, createFirehoseTable, runQuery, startRefused, telemetryRecord, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

// Athena runs on an embedded DuckDB, which can read and write any file and load extensions from the network.
// Statements that would reach outside the data directory fail as Athena would fail them (it has none of these
// statements), and nothing appears outside.

describe("Athena's DuckDB stays inside the data directory", () => {
  let emulator: AthenaTestEmulator;
  const database = "sandbox";
  const outside = join(tmpdir(), `gpu-stream-sandbox-${randomUUID()}`);

  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
    await createFirehoseTable(emulator, { database, table: "leituras", bucket: "sandbox-leituras", objects: [{ hour: "06", records: [telemetryRecord(1)] }], backToBack: false });
  });

  describe("errors", () => {
    // None of these is Athena SQL: DuckDB's statements and file functions are syntax errors in Trino's grammar, refused by
    // StartQueryExecution (InvalidRequestException, MALFORMED_QUERY), and CALL, which Trino parses, is a statement Athena
    // does not run ("Queries of this type are not supported", refused at start too; recorded, xo/dbimp testdata/athena).
    const statements: readonly [string, RegExp][] = [
      [`copy (select 1) to '${outside}.csv'`, /^line 1:1: mismatched input 'copy'\. Expecting: /],
      [`copy leituras to '${outside}.parquet' (format parquet)`, /^line 1:1: mismatched input 'copy'\. Expecting: /],
      [`export database '${outside}'`, /^line 1:1: mismatched input 'export'\. Expecting: /],
      [`attach '${outside}.duckdb' as other`, /^line 1:1: mismatched input 'attach'\. Expecting: /],
      ["install httpfs", /^line 1:1: mismatched input 'install'\. Expecting: /],
      ["load httpfs", /^line 1:1: mismatched input 'load'\. Expecting: /],
      ["set enable_external_access = true", /^line 1:5: mismatched input 'enable_external_access'\. Expecting: 'PATH', 'ROLE', 'SESSION', 'TIME'$/],
      ["pragma database_list", /^line 1:1: mismatched input 'pragma'\. Expecting: /],
      ["call duckdb_settings()", /^Queries of this type are not supported$/],
      ["select * from glob('/etc/*')", /^line 1:19: mismatched input '\('\. Expecting: /],
      ["select * from read_json_auto('/etc/hosts')", /^line 1:29: mismatched input '\('\. Expecting: /],
      ["select * from read_parquet('/etc/hosts')", /^line 1:27: mismatched input '\('\. Expecting: /],
      ["select * from '/etc/hosts'", /^line 1:15: mismatched input ''\/etc\/hosts''\. Expecting: '\(', 'LATERAL', 'TABLE', 'UNNEST', <identifier>$/],
    ];
    for (const [sql, expected] of statements) {
      test(`refuses ${JSON.stringify(sql.replace(outside, "<outside>"))} at start as Athena would`, async () => {
        const { message, athenaErrorCode } = await startRefused(emulator, sql, { database });
        assert.match(message, expected);
        assert.equal(athenaErrorCode, "MALFORMED_QUERY");
        for (const suffix of ["", ".csv", ".parquet", ".duckdb"]) {
          assert.ok(!existsSync(outside + suffix), `${outside + suffix} was written`);
        }
      });
    }

    test("a CTAS whose external_location climbs out of the bucket writes only inside the data directory", async () => {
      const location = `s3://sandbox-leituras/../../../../../../../..${outside}/`;
      const execution = await runQuery(emulator, `create table escaped with (external_location = '${location}') as select 1 as one`, { database });
      assert.ok(!existsSync(outside), `${outside} was written (${execution.Status?.State} ${execution.Status?.StateChangeReason ?? ""})`);
    });
  });
});
