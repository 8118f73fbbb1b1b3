import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { after, before, describe, test } from "node:test";
import { BatchCreatePartitionCommand, CreateTableCommand, GetPartitionsCommand, type StorageDescriptor } from "@aws-sdk/client-glue";
import { createBucket, createDatabase, putText, RESULTS_BUCKET, runQuery, selectRows, startAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";
import { crawl } from "../../support/glueTestKit";

// Catalog values are data, never SQL: a Glue partition value, a crawled S3 key, a column name, a location or a SerDe
// parameter holding quotes, comments, statements and placeholders reaches DuckDB quoted, so each query answers the
// value verbatim or fails as Athena fails, and nothing is read or written beyond the table's objects and the results.

/** `/tmp/x` of the probe, made unique to this run. */
const OUTSIDE = `/tmp/gpu-stream-injection-${process.pid}`;
/** Text of the other bucket's object: no answer may hold it. */
const SECRET = "segredo-de-outro-bucket";

/** Values that used to become SQL when spliced into the scan; `<dataDir>` is replaced once the emulator runs. */
function hostileValues(dataDir: string): string[] {
  return [
    "'",
    "''",
    '"',
    "\\",
    "a\\'b",
    "x -- comment",
    "x /* comment */ y",
    "x */ y /*",
    `'; COPY (SELECT 1) TO '${OUTSIDE}'; --`,
    `x'); ATTACH '${OUTSIDE}.duckdb' AS other; --`,
    "'; CREATE OR REPLACE MACRO upper(x) AS 'pwned'; --",
    "{{table:0}}",
    "{{table:1}} $1 ? $name :name @p",
    `x' UNION SELECT * FROM read_text('${join(dataDir, "kinesis", "token.key")}') --`,
    `x' UNION SELECT name FROM duckdb_settings() --`,
    `x' UNION SELECT content FROM read_text('s3://${"segredo"}/chave') UNION SELECT '`,
    `x' UNION SELECT content FROM read_text('${join(dataDir, "s3", "segredo", "chave")}') --`,
    `x' UNION SELECT filename FROM read_text('${join(dataDir, "**")}') --`,
    `x'; COPY leituras TO '${join(dataDir, "kinesis", "shard.log")}'; --`,
    "line one\nline two\r\nthree",
    "tab\there",
    "unicode: ação 数据 😀 \u202e",
    "",
    " ",
    "%2F%27",
  ];
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(directory, join(entry.parentPath, entry.name)));
}

describe("Athena reads catalog values as data, never as SQL", () => {
  let emulator: AthenaTestEmulator;
  let hostile: string[];
  const database = "injecao";
  const bucket = "injecao-dados";
  let filesBefore: Set<string>;
  let tokenKey: string;

  /** Asserts no answer holds a secret: another bucket's object, the Kinesis token key, a DuckDB setting. */
  function assertNoLeak(rows: readonly (readonly (string | undefined)[])[]): void {
    const text = JSON.stringify(rows);
    assert.ok(!text.includes(SECRET), text);
    assert.ok(tokenKey === "" || !text.includes(tokenKey), "the Kinesis token key was read");
    assert.ok(!/enable_external_access|allowed_directories/.test(text), text);
  }

  /** The answer of a statement that must either succeed (its rows) or fail as Athena fails (never a DuckDB parser error). */
  async function answerOf(sql: string): Promise<{ rows: (string | undefined)[][] } | { failure: string }> {
    const execution = await runQuery(emulator, sql, { database });
    if (execution.Status?.State === "FAILED") {
      const failure = execution.Status.StateChangeReason ?? "";
      assert.match(failure, /^[A-Z_]+: /, failure);
      assert.doesNotMatch(failure, /Parser Error|Catalog Error|Binder Error|GENERIC_INTERNAL_ERROR/, failure);
      return { failure };
    }
    assert.equal(execution.Status?.State, "SUCCEEDED", sql);
    const { rows } = await selectRows(emulator, sql, { database });
    assertNoLeak(rows);
    return { rows };
  }

  before(async () => {
    emulator = await startAthenaEmulator();
    hostile = hostileValues(emulator.dataDir);
    tokenKey = existsSync(join(emulator.dataDir, "kinesis", "token.key")) ? (await readFile(join(emulator.dataDir, "kinesis", "token.key"), "utf8")).trim() : "";
    await createDatabase(emulator.glue, database);
    await createBucket(emulator, bucket);
    await createBucket(emulator, "segredo");
    await putText(emulator, "segredo", "chave", `{"idtemp":"${SECRET}"}\n`);

    // (1) A partitioned table whose partitions' values carry SQL, each partition a plain folder of one object.
    const storage: StorageDescriptor = {
      Columns: [{ Name: "idtemp", Type: "string" }],
      Location: `s3://${bucket}/particoes/`,
      SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe" },
    };
    await emulator.glue.send(new CreateTableCommand({ DatabaseName: database, TableInput: { Name: "particionada", PartitionKeys: [{ Name: "p", Type: "string" }], StorageDescriptor: storage } }));
    for (const [index] of hostile.entries()) await putText(emulator, bucket, `particoes/${index}/a.json`, `{"idtemp":"${index}"}\n{"idtemp":"${index}b"}\n`);
    await emulator.glue.send(
      new BatchCreatePartitionCommand({
        DatabaseName: database,
        TableName: "particionada",
        PartitionInputList: hostile.map((value, index) => ({ Values: [value], StorageDescriptor: { ...storage, Location: `s3://${bucket}/particoes/${index}/` } })),
      }),
    );
    const { Partitions } = await emulator.glue.send(new GetPartitionsCommand({ DatabaseName: database, TableName: "particionada" }));
    assert.equal(Partitions?.length, hostile.length, "every hostile partition value is registered");

    // (2) The same values as Hive folders of crawled keys (legal S3 keys; a `/` would start another folder). A blank
    // line in each object sends the table to the JavaScript reader, where (1) is read by DuckDB's read_json.
    for (const [index, value] of hostile.entries()) {
      if (!value.includes("/") && value !== "") await putText(emulator, bucket, `crawl/tbl/p=${value}/a.json`, `{"idtemp":"c${index}"}\n\n`);
    }
    const { crawler } = await crawl(emulator.glue, database, `s3://${bucket}/crawl/tbl/`);
    assert.equal(crawler.LastCrawl?.Status, "SUCCEEDED", crawler.LastCrawl?.ErrorMessage);

    // (3) Names, a location and SerDe parameters holding SQL.
    await putText(emulator, bucket, "it's \"here\"; --/a.json", `{"idtemp":"1","x'y":"mapped","a\\"b":"quoted"}\n`);
    await emulator.glue.send(
      new CreateTableCommand({
        DatabaseName: database,
        TableInput: {
          Name: "nomes",
          StorageDescriptor: {
            Columns: [
              { Name: "idtemp", Type: "string", Comment: `'; COPY (SELECT 1) TO '${OUTSIDE}'; -- */` },
              { Name: "mapeada", Type: "string" },
              { Name: 'a"b', Type: "string" },
              { Name: "x'); DROP TABLE t; --", Type: "string" },
            ],
            Location: `s3://${bucket}/it's "here"; --/`,
            SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe", Parameters: { "mapping.mapeada": "x'y", "ignore.malformed.json": "true'; --" } },
          },
        },
      }),
    );
    await putText(emulator, bucket, "csv/a.csv", "1';2\n");
    await emulator.glue.send(
      new CreateTableCommand({
        DatabaseName: database,
        TableInput: {
          Name: "delimitada",
          StorageDescriptor: {
            Columns: [
              { Name: "a", Type: "string" },
              { Name: "b", Type: "string" },
            ],
            Location: `s3://${bucket}/csv/`,
            SerdeInfo: { SerializationLibrary: "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", Parameters: { "field.delim": "';" } },
          },
        },
      }),
    );
    await emulator.glue.send(
      new CreateTableCommand({
        DatabaseName: database,
        TableInput: { Name: "tipo_hostil", StorageDescriptor: { Columns: [{ Name: "a", Type: `string') AS a FROM read_text('${OUTSIDE}') --` }], Location: `s3://${bucket}/csv/`, SerdeInfo: storage.SerdeInfo } },
      }),
    );
    filesBefore = new Set(await filesUnder(emulator.dataDir));
  });

  after(async () => {
    await emulator.close();
    for (const suffix of ["", ".duckdb"]) assert.ok(!existsSync(OUTSIDE + suffix), `${OUTSIDE}${suffix} was written`);
  });

  describe("behaviour", () => {
    test("answers each Glue partition value verbatim as data", async () => {
      const { rows } = await selectRows(emulator, "SELECT p, count(*), min(idtemp) FROM particionada GROUP BY p", { database });
      assertNoLeak(rows);
      const expected = hostile.map((value, index) => [value, "2", String(index)]);
      const sort = (list: (string | undefined)[][]): (string | undefined)[][] => [...list].sort((a, b) => ((a[2] ?? "") < (b[2] ?? "") ? -1 : 1));
      assert.deepEqual(sort(rows.map((row) => [row[0] ?? "", row[1], row[2]])), sort(expected));
    });

    test("filters on each partition value written as a Trino literal", async () => {
      for (const [index, value] of hostile.entries()) {
        const { rows } = await selectRows(emulator, `SELECT count(*), min(idtemp) FROM particionada WHERE p = '${value.replace(/'/g, "''")}'`, { database });
        assert.deepEqual(rows, [["2", String(index)]], JSON.stringify(value));
      }
    });

    test("answers each crawled Hive folder's value verbatim as data", async () => {
      const { rows } = await selectRows(emulator, "SELECT p, idtemp FROM tbl WHERE idtemp IS NOT NULL", { database });
      assertNoLeak(rows);
      const expected = hostile.flatMap((value, index) => (!value.includes("/") && value !== "" ? [[value, `c${index}`]] : []));
      const byId = (list: (string | undefined)[][]): (string | undefined)[][] => [...list].sort((a, b) => ((a[1] ?? "") < (b[1] ?? "") ? -1 : 1));
      assert.deepEqual(byId(rows), byId(expected));
    });

    test("reads columns, a location and a mapping whose names hold quotes and SQL", async () => {
      const { header, rows } = await selectRows(emulator, "SELECT * FROM nomes", { database });
      assert.deepEqual(header, ["idtemp", "mapeada", 'a"b', "x'); drop table t; --"]);
      assert.deepEqual(rows, [["1", "mapped", "quoted", undefined]]);
      for (const sql of ["DESCRIBE nomes", "SHOW CREATE TABLE nomes", "SELECT \"$path\" FROM nomes"]) await answerOf(sql);
    });

    test("splits a delimited table on a delimiter holding a quote", async () => {
      assert.deepEqual((await selectRows(emulator, "SELECT a, b FROM delimitada", { database })).rows, [["1", "2"]]);
    });
  });

  describe("errors", () => {
    test("a column type holding SQL fails as corrupt metadata", async () => {
      const answer = await answerOf("SELECT * FROM tipo_hostil");
      assert.ok("failure" in answer, JSON.stringify(answer));
      assert.match(answer.failure, /^HIVE_INVALID_METADATA: /);
    });

    test("a string literal holding NUL or a lone surrogate answers its value or fails cleanly", async () => {
      const nul = await answerOf("SELECT U&'a\\0000b', length(U&'a\\0000b')");
      assert.deepEqual(nul, { rows: [["a\u0000b", "3"]] });
      await answerOf("SELECT U&'\\D800'");
    });
  });

  describe("afterwards", () => {
    test("nothing was written outside, no macro was redefined, nothing beyond the results was added", async () => {
      for (const suffix of ["", ".duckdb"]) assert.ok(!existsSync(OUTSIDE + suffix), `${OUTSIDE}${suffix} was written`);
      assert.deepEqual((await selectRows(emulator, "SELECT upper('a')", { database })).rows, [["A"]]);
      const added = (await filesUnder(emulator.dataDir)).filter((file) => !filesBefore.has(file));
      const unexpected = added.filter((file) => !file.startsWith(join("s3", RESULTS_BUCKET) + "/") && !file.startsWith(join("s3", ".meta", RESULTS_BUCKET) + "/"));
      assert.deepEqual(unexpected, []);
      assert.deepEqual(await readdir(join(emulator.dataDir, "athena", "work")), []);
    });
  });
});
