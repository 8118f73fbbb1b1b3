import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DuckEngine } from "@gpu-stream/emulator/internal/services/athena/engine/DuckEngine";
import { quoteIdentifier, quoteString } from "@gpu-stream/emulator/internal/services/athena/sql/analyze/sqlText";

// Every name and value the front end writes into DuckDB SQL goes through quoteString / quoteIdentifier: whatever the
// characters, DuckDB reads back exactly the text quoted, or the statement fails with an Athena error before it is run.

/** Every code point of the first 0x800 (controls, NUL, quotes, backslash, Latin, combining marks), and a few beyond. */
const CHARACTERS = [...Array.from({ length: 0x800 }, (_, code) => String.fromCodePoint(code)), "\u2028", "\u202e", "\ufeff", "\uffff", "😀", "\u{10ffff}"];

describe("DuckDB SQL text of generated names and values", () => {
  let root: string;
  let engine: DuckEngine;
  const answer = async (sql: string): Promise<unknown[][]> => engine.run("quote", async (connection) => (await connection.runAndReadAll(sql)).getRows());

  before(async () => {
    root = await mkdtemp(join(tmpdir(), "gpu-stream-quote-"));
    engine = new DuckEngine([], join(root, "spill"));
  });
  after(async () => {
    await engine.close();
    await rm(root, { recursive: true, force: true });
  });

  describe("behaviour", () => {
    test("a string constant reads back as the very text, for every character and SQL's own syntax", async () => {
      // Each after an `x`: @duckdb/node-api decodes result strings with a TextDecoder, which drops a leading U+FEFF.
      const values = [...CHARACTERS, CHARACTERS.join(""), "'; SELECT 1; --", "a''b", "/* x */", "\\'", "$1 ? {{table:0}}", "a\u0000b\u0000", "\u0000"].map((value) => `x${value}`);
      const rows = await answer(`SELECT ${values.map((value, index) => `${quoteString(value)} AS "v${index}"`).join(", ")}`);
      assert.deepEqual(rows, [values]);
    });

    test("an identifier names a column of the very text, for every character but NUL", async () => {
      const names = CHARACTERS.filter((character) => character !== "\u0000").map((character, index) => `c${index}${character}"x`);
      const header = await engine.run("quote", async (connection) => (await connection.runAndReadAll(`SELECT ${names.map((name) => `1 AS ${quoteIdentifier(name)}`).join(", ")}`)).columnNames());
      assert.deepEqual(header, names);
    });
  });

  describe("errors", () => {
    test("refuses an identifier holding NUL, and text holding a lone surrogate, with NOT_SUPPORTED", () => {
      assert.throws(() => quoteIdentifier("a\u0000b"), { errorName: "NOT_SUPPORTED" });
      for (const text of ["\ud800", "a\udfff", "\udc00\ud800"]) {
        assert.throws(() => quoteString(text), { errorName: "NOT_SUPPORTED" }, JSON.stringify(text));
        assert.throws(() => quoteIdentifier(text), { errorName: "NOT_SUPPORTED" }, JSON.stringify(text));
      }
      assert.equal(quoteString("😀"), "'😀'");
    });
  });
});
