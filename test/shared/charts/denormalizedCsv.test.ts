import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseDenormalizedCsv, TelemetryCsvError } from "@gpu-stream/shared";

const HEADER = `"idtemp","tipo","dado","timestamp","ano","mes","dia"`;

function athenaCsv(...lines: string[][]): string {
  return [HEADER, ...lines.map((values) => values.map((value) => `"${value}"`).join(","))].join("\n") + "\n";
}

describe("parsing the denormalized table's CSV", () => {
  test("types each row as Athena wrote it and sorts the rows by time", () => {
    const rows = parseDenormalizedCsv(
      athenaCsv(
        ["2", "temperatura", "36.25", "2026-11-28 06:29:33.000001", "2026", "11", "28"],
        ["1", "energia", "36.2107", "2026-11-28 06:29:32.123456", "2026", "11", "28"],
        ["7", "Frequencia", "1410", "2026-11-28 06:29:33.000000", "2026", "11", "28"],
      ),
    );
    assert.deepEqual(rows, [
      { idtemp: "1", tipo: "energia", dado: 36.2107, timestamp: "2026-11-28 06:29:32.123456", timeMs: Date.UTC(2026, 10, 28, 6, 29, 32, 123) },
      { idtemp: "7", tipo: "Frequencia", dado: 1410, timestamp: "2026-11-28 06:29:33.000000", timeMs: Date.UTC(2026, 10, 28, 6, 29, 33) },
      { idtemp: "2", tipo: "temperatura", dado: 36.25, timestamp: "2026-11-28 06:29:33.000001", timeMs: Date.UTC(2026, 10, 28, 6, 29, 33) },
    ]);
  });

  test("finds the columns by name, ignores extra ones and needs no partition columns", () => {
    const csv = `"gpu","timestamp","dado","unidade","tipo","idtemp"\r\n"0","2026-01-01 00:00:00.5","-1.5e1","%","Uso","3"\r\n`;
    assert.deepEqual(parseDenormalizedCsv(`\ufeff${csv}`), [
      { idtemp: "3", tipo: "Uso", dado: -15, timestamp: "2026-01-01 00:00:00.5", timeMs: Date.UTC(2026, 0, 1, 0, 0, 0, 500) },
    ]);
  });

  test("returns no rows for a header alone and skips blank lines", () => {
    assert.deepEqual(parseDenormalizedCsv(`${HEADER}\n`), []);
    assert.equal(parseDenormalizedCsv(`${HEADER}\n\n"1","Uso","5","2026-01-01 00:00:00.000000","2026","01","01"\n\n`).length, 1);
  });

  test("rejects an empty file, naming the columns it needs", () => {
    assert.throws(() => parseDenormalizedCsv(""), (error: Error) => error instanceof TelemetryCsvError && /empty.*"idtemp", "tipo", "dado", "timestamp"/.test(error.message));
  });

  test("rejects a header without a needed column, naming it and the columns found", () => {
    assert.throws(() => parseDenormalizedCsv(`"idtemp","tipo","timestamp"\n"1","Uso","2026-01-01 00:00:00.000000"\n`), /line 1 \(header\): no column "dado"; the header has "idtemp", "tipo", "timestamp"/);
  });

  test("rejects an unknown tipo with its line and column and the valid metrics", () => {
    const csv = athenaCsv(["1", "Uso", "5", "2026-01-01 00:00:00.000000", "2026", "01", "01"], ["2", "uso", "5", "2026-01-01 00:00:01.000000", "2026", "01", "01"]);
    assert.throws(() => parseDenormalizedCsv(csv), /line 3, column "tipo": unknown metric 'uso', expected one of energia, Frequencia, temperatura, Uso, usoVRAM/);
  });

  test("rejects a dado that is not a number, an empty one included", () => {
    for (const dado of ["abc", "", "12,5", "NaN", "Infinity"]) {
      const csv = athenaCsv(["1", "energia", dado, "2026-01-01 00:00:00.000000", "2026", "01", "01"]);
      assert.throws(() => parseDenormalizedCsv(csv), new RegExp(`line 2, column "dado": '${dado}' is not a number`), dado);
    }
  });

  test("rejects a timestamp not in the record's UTC format or not a real date", () => {
    for (const timestamp of ["2026-01-01T00:00:00.000000Z", "2026-02-30 00:00:00.000000", "2026-01-01 24:00:00.000000", "yesterday", ""]) {
      const csv = athenaCsv(["1", "energia", "20", timestamp, "2026", "01", "01"]);
      assert.throws(() => parseDenormalizedCsv(csv), new RegExp(`line 2, column "timestamp": '${timestamp}' is not a UTC timestamp`), timestamp);
    }
  });

  test("reports malformed CSV as such", () => {
    assert.throws(() => parseDenormalizedCsv(`${HEADER}\n"1","Uso","5\n`), (error: Error) => error instanceof TelemetryCsvError && /not a valid CSV/.test(error.message));
  });
});
