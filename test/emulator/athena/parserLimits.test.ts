import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { runFailing, selectRows, startQuery, startRefused, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

/** Trino's answer to a statement its parser cannot take (io.trino.sql.parser.SqlParser catches StackOverflowError). */
const TOO_LARGE = "line 1:1: statement is too large (stack overflow while parsing)";

// ANTLR's prediction made the parse time of nesting grow with its cube (400 parentheses took 7 s, 10,000 never
// ended), on the event loop, so no service answered meanwhile; a deep tree then overflowed the stack as a 500.
describe("Athena parser limits", () => {
  let emulator: AthenaTestEmulator;
  useAthenaEmulator((started) => {
    emulator = started;
  });

  /** How long each health check took while `work` ran, checked back to back. */
  async function healthLatenciesDuring(work: Promise<unknown>): Promise<number[]> {
    let done = false;
    const finished = work.finally(() => {
      done = true;
    });
    const latencies: number[] = [];
    while (!done) {
      const started = performance.now();
      const response = await fetch(`${emulator.emulator.url}/_emulator/health`);
      await response.arrayBuffer();
      assert.equal(response.status, 200);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await finished;
    return latencies;
  }

  describe("behaviour", () => {
    // First in the file: the parser's caches are cold, so 240 levels take it seconds; the health checks must not wait.
    test("answers the health check within a second while a deeply nested statement is parsed", async (t) => {
      const deep = `SELECT ${"(".repeat(240)}1${")".repeat(240)}`;
      const started = performance.now();
      const latencies = await healthLatenciesDuring(Promise.all([startQuery(emulator, deep), startRefused(emulator, `SELECT ${"(".repeat(10_000)}1${")".repeat(10_000)}`)]));
      const worst = Math.max(...latencies);
      t.diagnostic(`${latencies.length} health checks in ${(performance.now() - started).toFixed(0)} ms, the slowest ${worst.toFixed(0)} ms`);
      assert.ok(worst < 1000, `a health check took ${worst.toFixed(0)} ms (${latencies.length} checks in ${(performance.now() - started).toFixed(0)} ms)`);
    });

    test("still runs a statement nested 100 levels deep", async () => {
      assert.deepEqual((await selectRows(emulator, `SELECT ${"abs(".repeat(100)}-1${")".repeat(100)} AS x`)).rows, [["1"]]);
    });

    test("runs 24 nested abs() calls, whose SQL once doubled per level", async () => {
      const started = performance.now();
      assert.deepEqual((await selectRows(emulator, `SELECT ${"abs(".repeat(24)}-7${")".repeat(24)} AS x`)).rows, [["7"]]);
      assert.ok(performance.now() - started < 10_000);
    });

    // Trino sorts by a constant key as by nothing; DuckDB refuses one ("ORDER BY non-integer literal has no effect").
    test("takes a constant ORDER BY key as no key", async () => {
      assert.deepEqual((await selectRows(emulator, "SELECT x FROM (VALUES 2, 1) AS t (x) GROUP BY x ORDER BY 'k', x")).rows, [["1"], ["2"]]);
    });
  });

  describe("errors", () => {
    test("refuses 10,000 nested parentheses at once as Trino's too-large statement", async (t) => {
      const started = performance.now();
      assert.deepEqual(await startRefused(emulator, `SELECT ${"(".repeat(10_000)}1${")".repeat(10_000)}`), { message: TOO_LARGE, athenaErrorCode: "MALFORMED_QUERY" });
      const took = performance.now() - started;
      t.diagnostic(`refused in ${took.toFixed(0)} ms`);
      assert.ok(took < 2000, `took ${took.toFixed(0)} ms`);
    });

    test("refuses a chain that overflows the parser's stack with the same words, never a 500", async () => {
      assert.deepEqual(await startRefused(emulator, `SELECT ${"NOT ".repeat(50_000)}true`), { message: TOO_LARGE, athenaErrorCode: "MALFORMED_QUERY" });
    });

    // One short statement once made DuckDB build a 2,000,000,000-character string: gigabytes held, then a V8 error.
    test("holds lpad, rpad and format's width to Athena's 32 MB value limit, below it as before", async () => {
      const limit = "values over 32 MB (Athena's row and column size limit) are not supported by the gpu-stream emulator";
      assert.equal(await runFailing(emulator, "SELECT lpad('a', 2000000000, 'b')"), `NOT_SUPPORTED: lpad to 2000000000 characters: ${limit}`);
      assert.equal(await runFailing(emulator, "SELECT rpad('a', 40000000, 'b')"), `NOT_SUPPORTED: rpad to 40000000 characters: ${limit}`);
      assert.equal(await runFailing(emulator, "SELECT format('%300000000s', 'x')"), `NOT_SUPPORTED: format to a width of 300000000: ${limit}`);
      assert.deepEqual((await selectRows(emulator, "SELECT length(lpad('a', 30000000, 'b')), lpad('abc', 5, 'x'), rpad('abc', 2, 'x'), format('%5s', 'x')")).rows, [["30000000", "xxabc", "ab", "    x"]]);
    });

    // Parsed on a worker, whose stack is deeper: the tree may overflow in the copy back (refused) or in analysis (FAILED).
    test("answers 20,000 additions with the same words, refused or failed, never a 500", async () => {
      const sql = `SELECT ${Array.from({ length: 20_000 }, () => "1").join("+")}`;
      let answer: string;
      try {
        answer = await runFailing(emulator, sql);
      } catch (error) {
        answer = error instanceof Error ? error.message : String(error);
      }
      assert.ok(answer === TOO_LARGE || answer === `SYNTAX_ERROR: ${TOO_LARGE}`, answer);
    });
  });
});
