import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { createBucket, createDatabase, putText, runFailing, runQuery, runSucceeding, selectRows, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

// What Athena answers for lines that are not the record a JSON table expects, with the OpenX JsonSerDe.
// Sources: the SerDe's own code (rcongiu/Hive-JSON-Serde JsonSerDe.deserialize and its org.json tokenizer) and
// Trino's reimplementation of it (OpenXJsonDeserializer), which agree; the error texts Athena users and AWS
// report (docs: openx-json-serde, knowledge center: athena-hive-bad-data-parsing-field-value).

const BUCKET = "malformed";

describe("Athena's reading of malformed JSON lines (OpenX JsonSerDe)", () => {
  let emulator: AthenaTestEmulator;
  const database = "malformed";
  let tables = 0;
  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
    await createBucket(emulator, BUCKET);
  });

  /** A table over one object holding `body`, with `columns` and SerDe properties; answers its name. */
  async function table(columns: string, body: string | Buffer, properties: Record<string, string> = {}): Promise<string> {
    const name = `t${++tables}`;
    await emulator.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${name}/part-0`, Body: body }));
    const serdeProperties = Object.entries(properties).map(([key, value]) => `'${key}' = '${value}'`);
    const withProperties = serdeProperties.length === 0 ? "" : ` with serdeproperties (${serdeProperties.join(", ")})`;
    await runSucceeding(emulator, `create external table ${name} (${columns}) row format serde 'org.openx.data.jsonserde.JsonSerDe'${withProperties} location 's3://${BUCKET}/${name}/'`, { database });
    return name;
  }

  /** The rows of `sql`, sorted (Athena promises no order), and whether DuckDB's direct read answered. */
  async function rowsOf(sql: string): Promise<{ rows: (string | undefined)[][]; direct: boolean }> {
    const before = emulator.emulator.athenaStats().directJsonScans;
    const { rows } = await selectRows(emulator, sql, { database });
    const key = (row: (string | undefined)[]): string => JSON.stringify(row.map((value) => value ?? "\uffff"));
    return { rows: rows.sort((a, b) => key(a).localeCompare(key(b))), direct: emulator.emulator.athenaStats().directJsonScans > before };
  }

  describe("lines that are not objects", () => {
    test("counts every blank line as a row of NULLs, in runs longer than the work file's run, in the file's order", async () => {
      // Trino's TextLineReader yields an empty line as a line, and OpenXJsonDeserializer reads it as a null row.
      // The reader writes a run of identical rows once with its length (MAX_RUN_ROWS, 1,024), so 3,000 blank lines
      // are three runs; numbering the rows shows each run expanded in place.
      const body = `\n\n{"a":1}\n{"a":1}\n${"\n".repeat(3000)}{"a":2}\n\n`;
      const name = await table("a int", body);
      const { rows } = await selectRows(emulator, `select count(*), count(a), sum(a), count(distinct "$path") from ${name}`, { database });
      assert.deepEqual(rows, [["3006", "3", "4", "1"]]);
      const numbered = await selectRows(emulator, `select n, a from (select row_number() over () as n, a from ${name}) where a is not null or n in (1, 2, 5, 3004, 3006) order by n`, { database });
      assert.deepEqual(numbered.rows, [["1", undefined], ["2", undefined], ["3", "1"], ["4", "1"], ["5", undefined], ["3004", undefined], ["3005", "2"], ["3006", undefined]]);
    });

    test("reads a line that is not JSON, a number, a string, a blank line and bytes that are not UTF-8 as a row of NULLs, never an error", async () => {
      const body = Buffer.concat([
        Buffer.from(`{"idtemp":"1","dado":"a"}\nnot json\n42\n"str"\n\n`),
        Buffer.from([0xff, 0xfe, 0x0a]),
        Buffer.from(`{"idtemp":"9","dado":"a`),
        Buffer.from([0xff]),
        Buffer.from(`b"}\n`),
      ]);
      const nulls = [undefined, undefined];
      for (const properties of [{}, { "ignore.malformed.json": "true" }] as Record<string, string>[]) {
        const name = await table("idtemp string, dado string", body, properties);
        const { rows, direct } = await rowsOf(`select idtemp, dado from ${name}`);
        assert.deepEqual(rows, [["1", "a"], ["9", "a\ufffdb"], nulls, nulls, nulls, nulls, nulls]);
        assert.equal(direct, false);
      }
    });

    test("fills the columns by position from a line that is a JSON array, and with NULLs from an empty array", async () => {
      const name = await table("idtemp string, dado string", `[1,2]\n[]\n["7",{"x":1},true]\n[3,,4]\n`);
      const { rows } = await rowsOf(`select idtemp, dado from ${name}`);
      assert.deepEqual(rows, [["1", "2"], ["3", undefined], ["7", '{"x":1}'], [undefined, undefined]]);
    });

    test("reads an object of another shape with NULL in the columns it lacks, its other keys ignored", async () => {
      const name = await table("idtemp string, dado string", `{"other":"shape"}\n{"valor":"abc","IDTEMP":"5"}\n`);
      const { rows, direct } = await rowsOf(`select idtemp, dado from ${name}`);
      assert.deepEqual(rows, [["5", undefined], [undefined, undefined]]);
      assert.equal(direct, false, "a missing key may be written in another case: the JavaScript reader answers");
    });

    test("reads the lenient JSON the SerDe's tokenizer accepts: unquoted keys and values, single quotes, = and ;", async () => {
      // Athena's own example (docs: querying-JSON) has unquoted keys: {name:"Mercury",distanceFromSun:0.39,...}
      const name = await table("name string, distancefromsun double, moons string", `{name:"Mercury",distanceFromSun:0.39,moons:none}\n{'name'='Venus';distanceFromSun=>0.72,}\n`);
      const { rows } = await rowsOf(`select name, distancefromsun, moons from ${name}`);
      assert.deepEqual(rows, [["Mercury", "0.39", "none"], ["Venus", "0.72", undefined]]);
    });
  });

  describe("lines that start an object or array but do not parse", () => {
    const cases: { line: string; message: string }[] = [
      // As Athena answered for a pretty-printed file's first line (aws-samples/accelerated-data-lake#10).
      { line: "{", message: "A JSONObject text must end with '}' at 2 [character 3 line 1]" },
      // A record cut off mid-string, as in openaq/openaq-fetch#635 ("Unterminated string at 198 [character 199 line 1]").
      { line: '{"idtemp":"1', message: "Unterminated string at 13 [character 14 line 1]" },
      { line: "[1,2", message: "Expected a ',' or ']' at 5 [character 6 line 1]" },
      { line: '{"idtemp" "1"}', message: "Expected a ':' after a key at 11 [character 12 line 1]" },
      // Keys are lower-cased first; docs (openx-json-serde) give this error for URL and Url.
      { line: '{"URL":"a","Url":"b"}', message: 'Duplicate key "url"' },
    ];
    for (const { line, message } of cases) {
      test(`fails ${line} with HIVE_CURSOR_ERROR and the tokenizer's words, and reads it as a row of NULLs with ignore.malformed.json`, async () => {
        const body = `{"idtemp":"0","url":"x"}\n${line}\n{"idtemp":"2","url":"y"}\n`;
        const strict = await table("idtemp string, url string", body);
        assert.equal(await runFailing(emulator, `select * from ${strict}`, { database }), `HIVE_CURSOR_ERROR: Row is not a valid JSON Object - JSONException: ${message}`);
        const lenient = await table("idtemp string, url string", body, { "ignore.malformed.json": "true" });
        const { rows } = await rowsOf(`select idtemp, url from ${lenient}`);
        assert.deepEqual(rows, [["0", "x"], ["2", "y"], [undefined, undefined]]);
      });
    }
  });

  describe("values that do not fit their column's type", () => {
    test("fails the knowledge-center example with HIVE_BAD_DATA naming value and field, even with ignore.malformed.json", async () => {
      // AWS knowledge center, athena-hive-bad-data-parsing-field-value: this data, this table, this error.
      const name = await table("id int, name string", `{ "id" : 50, "name":"John" }\n{ "id" : 51, "name":"Jane" }\n{ "id" : 53, "name":"Jill" }\n{ "id" : 0.54, "name":"Jill" }\n`, { "ignore.malformed.json": "true" });
      assert.equal(await runFailing(emulator, `select * from ${name}`, { database }), `HIVE_BAD_DATA: Error parsing field value '0.54' for field 0: For input string: "0.54"`);
      assert.deepEqual((await rowsOf(`select count(*), count(name) from ${name}`)).rows, [["4", "4"]], "a query that does not read the column succeeds");
    });

    test("fails text in a double column and an int past its range the same way, at the column's position", async () => {
      const double = await table("idtemp string, dado double", `{"idtemp":"1","dado":"36.5"}\n{"idtemp":"2","dado":"abc"}\n`);
      assert.equal(await runFailing(emulator, `select avg(dado) from ${double}`, { database }), `HIVE_BAD_DATA: Error parsing field value 'abc' for field 1: For input string: "abc"`);
      const empty = await table("idtemp string, dado double", `{"idtemp":"1","dado":" "}\n`);
      assert.equal(await runFailing(emulator, `select dado from ${empty}`, { database }), `HIVE_BAD_DATA: Error parsing field value ' ' for field 1: empty String`);
      const int = await table("id int", `{"id":"12312845691"}\n`);
      assert.equal(await runFailing(emulator, `select id from ${int}`, { database }), `HIVE_BAD_DATA: Error parsing field value '12312845691' for field 0: For input string: "12312845691"`);
    });

    test("reads what Java's number parsing takes: signs, hex, exponents, NaN, a d suffix, padded doubles", async () => {
      const name = await table("i int, b bigint, d double", `{"i":"+7","b":"0x1F","d":" 1e3 "}\n{"i":"-0","b":"9223372036854775807","d":"NaN"}\n{"i":7,"b":-2,"d":"2.5d"}\n`);
      const { rows } = await rowsOf(`select i, b, d from ${name}`);
      assert.deepEqual(rows, [["0", "9223372036854775807", "NaN"], ["7", "-2", "2.5"], ["7", "31", "1000.0"]]);
    });

    test("reads such values as NULL where use.null.for.invalid.data is set, directly by DuckDB where the lines allow", async () => {
      const name = await table("idtemp string, dado double, ok boolean", `{"idtemp":"1","dado":"36.5","ok":"TRUE"}\n{"idtemp":"2","dado":"abc","ok":"yes"}\n`, { "use.null.for.invalid.data": "true" });
      const { rows, direct } = await rowsOf(`select idtemp, dado, ok from ${name}`);
      // A boolean is Boolean.parseBoolean: true in any case, false for any other text, never an error.
      assert.deepEqual(rows, [["1", "36.5", "true"], ["2", undefined, "false"]]);
      assert.equal(direct, true);
    });

    test("fails the same way on a table DuckDB otherwise reads directly", async () => {
      const name = await table("idtemp string, dado double", `{"idtemp":"1","dado":"36.5"}\n`);
      assert.deepEqual(await rowsOf(`select dado from ${name}`), { rows: [["36.5"]], direct: true });
      await putText(emulator, BUCKET, `${name}/part-1`, `{"idtemp":"2","dado":"abc"}\n`);
      assert.equal(await runFailing(emulator, `select dado from ${name}`, { database }), `HIVE_BAD_DATA: Error parsing field value 'abc' for field 1: For input string: "abc"`);
    });
  });

  // SET SERDEPROPERTIES is on Athena's "Unsupported DDL" page; the DDL engine's refusal of the forms it parses but does not
  // run is measured on engine v3 (ALTER TABLE RENAME TO): no error name, ErrorCategory 2, ErrorType 1006.
  test("refuses ALTER TABLE SET SERDEPROPERTIES, which Athena does not run", async () => {
    const name = await table("idtemp string", `{"idtemp":"1"}\n`);
    const execution = await runQuery(emulator, `alter table ${name} set serdeproperties ('ignore.malformed.json' = 'true')`, { database });
    assert.equal(execution.Status?.State, "FAILED");
    assert.deepEqual(execution.Status?.AthenaError, { ErrorCategory: 2, ErrorType: 1006, Retryable: false, ErrorMessage: "Query type not supported by DDL engine." });
    assert.equal(execution.Status?.StateChangeReason, "Query type not supported by DDL engine.");
  });
});
