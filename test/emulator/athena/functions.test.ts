import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { GetQueryResultsCommand } from "@aws-sdk/client-athena";
import { runFailing, runSucceeding, selectRows, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

describe("Athena's Trino functions", () => {
  let emulator: AthenaTestEmulator;
  useAthenaEmulator((started) => {
    emulator = started;
  });

  async function value(expression: string): Promise<{ value: string | undefined; type: string | undefined }> {
    const done = await runSucceeding(emulator, `select ${expression}`);
    const page = await emulator.athena.send(new GetQueryResultsCommand({ QueryExecutionId: done.QueryExecutionId }));
    return { value: page.ResultSet?.Rows?.[1]?.Data?.[0]?.VarCharValue, type: page.ResultSet?.ResultSetMetadata?.ColumnInfo?.[0]?.Type };
  }

  describe("errors", () => {
    test("fails a cast of a string that is not a number with INVALID_CAST_ARGUMENT", async () => {
      assert.equal(await runFailing(emulator, "select cast('abc' as integer)"), "INVALID_CAST_ARGUMENT: Cannot cast 'abc' to INT");
      assert.equal(await runFailing(emulator, "select cast('1.5x' as bigint)"), "INVALID_CAST_ARGUMENT: Cannot cast '1.5x' to BIGINT");
    });

    test("answers FUNCTION_NOT_FOUND for a function Athena does not have", async () => {
      for (const name of ["strftime", "glob", "read_parquet", "list_value"]) {
        assert.match(await runFailing(emulator, `select ${name}('x')`), new RegExp(`^FUNCTION_NOT_FOUND: line 1:8: Function '${name}' not registered$`));
      }
    });
  });

  describe("behaviour", () => {
    const cases: [string, string | undefined, string][] = [
      ["cast('36.2' as double)", "36.2", "double"],
      ["cast('17' as bigint)", "17", "bigint"],
      ["cast('2026-11-28 06:29:32.123456' as timestamp)", "2026-11-28 06:29:32.123", "timestamp"],
      ["try_cast('abc' as integer)", undefined, "integer"],
      ["date_parse('28/11/2026 06:29:32', '%d/%m/%Y %H:%i:%s')", "2026-11-28 06:29:32.000", "timestamp"],
      ["date_format(timestamp '2026-11-28 06:29:32', '%Y/%m/%d %H:%i')", "2026/11/28 06:29", "varchar"],
      ["from_iso8601_timestamp('2026-11-28T06:29:32Z')", "2026-11-28 06:29:32.000 UTC", "timestamp with time zone"],
      ["to_unixtime(timestamp '2026-11-28 00:00:00')", "1.795824E9", "double"],
      ["from_unixtime(0)", "1970-01-01 00:00:00.000 UTC", "timestamp with time zone"],
      // A timestamp literal's precision is its fraction digits as written (Trino, DateTimes.extractTimestampPrecision), and
      // timestamp(0) prints without a fraction (DateTimes.formatTimestamp).
      ["date_trunc('hour', timestamp '2026-11-28 06:29:32')", "2026-11-28 06:00:00", "timestamp"],
      ["date_trunc('hour', timestamp '2026-11-28 06:29:32.5')", "2026-11-28 06:00:00.0", "timestamp"],
      ["regexp_like('energia', '^en')", "true", "boolean"],
      [`json_extract_scalar('{"a":{"b":"c"}}', '$.a.b')`, "c", "varchar"],
      ["element_at(array[10, 20, 30], 2)", "20", "integer"],
      ["regexp_replace('a-b-c', '-', '+')", "a+b+c", "varchar"],
      ["2.0E0 * 3", "6.0", "double"],
      ["array['a', null]", "[a, null]", "array"],
      ["array[1.5E0, 2E0]", "[1.5, 2.0]", "array"],
    ];
    for (const [expression, expected, type] of cases) {
      test(`evaluates ${expression} as Athena does`, async () => {
        assert.deepEqual(await value(expression), { value: expected, type });
      });
    }

    test("evaluates approx_percentile and approx_distinct over a column", async () => {
      const { rows } = await selectRows(emulator, "select approx_percentile(x, 0.5), approx_distinct(x) from (values 1, 2, 3, 3, 5) as t(x)");
      assert.deepEqual(rows, [["3", "4"]]);
    });

    test("reads extract(... from ...) as a function, not a table", async () => {
      assert.deepEqual(await value("extract(year from timestamp '2026-11-28 06:29:32')"), { value: "2026", type: "bigint" });
    });
  });
});
