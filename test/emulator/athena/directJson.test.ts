import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { createBucket, createDatabase, putText, runSucceeding, selectRows, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

const SERDE = "row format serde 'org.openx.data.jsonserde.JsonSerDe'";

describe("Athena's direct read of JSON tables by DuckDB", () => {
  let emulator: AthenaTestEmulator;
  const database = "direct";
  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
    await createBucket(emulator, "direct");
  });

  /** The rows of `sql` and whether the direct read answered them (the counter moved and nothing fell back). */
  async function rowsOf(sql: string): Promise<{ rows: readonly (readonly (string | undefined)[])[]; direct: boolean }> {
    const before = emulator.emulator.athenaStats().directJsonScans;
    const { rows } = await selectRows(emulator, sql, { database });
    return { rows, direct: emulator.emulator.athenaStats().directJsonScans > before };
  }

  test("reads a plain newline-delimited table directly, with partitions, gzip, padded lines and typed columns", async () => {
    await putText(emulator, "direct", "plain/dia=28/a", `{"id":"1","n":"36.5","ok":true}\n  {"id":"2","n":"40","ok":false}  \r\n`);
    await emulator.s3.send(new PutObjectCommand({ Bucket: "direct", Key: "plain/dia=29/b.gz", Body: gzipSync(Buffer.from(`{"id":"3","n":7,"ok":true}\n`)) }));
    await putText(emulator, "direct", "plain/dia=29/_SUCCESS", `{"id":"9","n":"9","ok":true}\n`);
    await runSucceeding(emulator, `create external table plain (id string, n double, ok boolean) partitioned by (dia string) ${SERDE} location 's3://direct/plain/'`, { database });
    await runSucceeding(emulator, "msck repair table plain", { database });
    const { rows, direct } = await rowsOf("select id, n, ok, dia from plain order by id");
    assert.deepEqual(rows, [
      ["1", "36.5", "true", "28"],
      ["2", "40.0", "false", "28"],
      ["3", "7.0", "true", "29"],
    ]);
    assert.equal(direct, true);
  });

  test("answers as the JavaScript reader where the direct read cannot: mixed-case keys, back-to-back records, nested and non-integer values, missing keys, blank and non-object lines", async () => {
    const cases: { name: string; body: string; expected: (string | undefined)[][] }[] = [
      { name: "mixedcase", body: `{"IdTemp":"1","dado":"a"}\n{"idtemp":"2","dado":"b"}\n`, expected: [["1", "a"], ["2", "b"]] },
      { name: "backtoback", body: `{"idtemp":"1","dado":"a"}{"idtemp":"2","dado":"b"}\n{"idtemp":"3","dado":"c"}\n`, expected: [["1", "a"], ["3", "c"]] },
      // An unquoted value keeps its text, as the OpenX SerDe's tokenizer keeps it (it never converts numbers).
      { name: "nested", body: `{"idtemp":"1","dado":{"x":1.50,"y":[1e3,"z"]}}\n{"idtemp":"2","dado":1e3}\n{"idtemp":"3","dado":12345678901234567890}\n`, expected: [["1", '{"x":1.5,"y":[1000,"z"]}'], ["2", "1e3"], ["3", "12345678901234567890"]] },
      { name: "missing", body: `{"idtemp":"1"}\n{"idtemp":"2","dado":null}\n{"idtemp":"3","dado":"c\\u00e9\\n"}\n`, expected: [["1", undefined], ["2", undefined], ["3", "cé\n"]] },
      // DuckDB skips a blank line; the SerDe reads it, and any line not starting with { or [, as a row of NULLs.
      { name: "blank", body: `{"idtemp":"1","dado":"a"}\n\n{"idtemp":"2","dado":"b"}\n  \r\n42\n`, expected: [["1", "a"], ["2", "b"], [undefined, undefined], [undefined, undefined], [undefined, undefined]] },
    ];
    for (const { name, body, expected } of cases) {
      await putText(emulator, "direct", `${name}/a.json`, body);
      await runSucceeding(emulator, `create external table ${name} (idtemp string, dado string) ${SERDE} location 's3://direct/${name}/'`, { database });
      const { rows, direct } = await rowsOf(`select idtemp, dado from ${name} order by idtemp`);
      assert.deepEqual(rows, expected, name);
      assert.equal(direct, false, name);
    }
  });

  test("a CTAS over a table the direct read refuses writes every row once", async () => {
    await putText(emulator, "direct", "refused/a.json", `{"idtemp":"1"}{"idtemp":"x"}\n{"IDTEMP":"2"}\n{"idtemp":"3"}\n`);
    await runSucceeding(emulator, `create external table refused (idtemp string) ${SERDE} location 's3://direct/refused/'`, { database });
    await runSucceeding(emulator, "create table refused_copy as select idtemp from refused", { database });
    assert.deepEqual((await rowsOf("select idtemp from refused_copy order by idtemp")).rows, [["1"], ["2"], ["3"]]);
  });
});
