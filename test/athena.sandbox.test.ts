import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createDatabase, createFirehoseTable, runFailing, runQuery, startAthenaEmulator, telemetryRecord, type AthenaTestEmulator } from "./support/athenaTestKit";

// Athena runs on an embedded DuckDB, which can read and write any file and load extensions from the network.
// Statements that would reach outside the data directory fail as Athena would fail them (it has none of these
// statements), and nothing appears outside.

describe("Athena's DuckDB stays inside the data directory", () => {
  let emulator: AthenaTestEmulator;
  const database = "sandbox";
  const outside = join(tmpdir(), `gpu-stream-sandbox-${randomUUID()}`);

  before(async () => {
    emulator = await startAthenaEmulator();
    await createDatabase(emulator.glue, database);
    await createFirehoseTable(emulator, { database, table: "leituras", bucket: "sandbox-leituras", objects: [{ hour: "06", records: [telemetryRecord(1)] }], backToBack: false });
  });
  after(() => emulator.close());

  describe("errors", () => {
    const statements: readonly [string, RegExp][] = [
      [`copy (select 1) to '${outside}.csv'`, /^SYNTAX_ERROR: /],
      [`copy leituras to '${outside}.parquet' (format parquet)`, /^SYNTAX_ERROR: /],
      [`export database '${outside}'`, /^SYNTAX_ERROR: /],
      [`attach '${outside}.duckdb' as other`, /^SYNTAX_ERROR: /],
      ["install httpfs", /^SYNTAX_ERROR: /],
      ["load httpfs", /^SYNTAX_ERROR: /],
      ["set enable_external_access = true", /^SYNTAX_ERROR: /],
      ["pragma database_list", /^SYNTAX_ERROR: /],
      ["call duckdb_settings()", /^SYNTAX_ERROR: /],
      ["select * from glob('/etc/*')", /^FUNCTION_NOT_FOUND: /],
      ["select * from read_json_auto('/etc/hosts')", /^FUNCTION_NOT_FOUND: /],
      ["select * from read_parquet('/etc/hosts')", /^FUNCTION_NOT_FOUND: /],
      ["select * from '/etc/hosts'", /^SYNTAX_ERROR: /],
    ];
    for (const [sql, expected] of statements) {
      test(`refuses ${JSON.stringify(sql.replace(outside, "<outside>"))} as Athena would`, async () => {
        assert.match(await runFailing(emulator, sql, { database }), expected);
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
