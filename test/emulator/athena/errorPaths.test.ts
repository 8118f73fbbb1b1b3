import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { LocalPaths } from "@gpu-stream/emulator/internal/services/athena/engine/LocalPaths";
import { objectLines } from "@gpu-stream/emulator/internal/services/athena/scan/objectLines";
import { createBucket, createDatabase, putText, runQuery, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

// Athena names objects by their S3 URIs: a failed query's StateChangeReason and AthenaError never show a path of the
// emulator's data directory, whatever reader (DuckDB, the JavaScript reader, a writer) failed.

/** Half of a gzip whose text does not repeat: its deflate stream ends early ("unexpected end of file"). */
function truncatedGzip(): Buffer {
  const full = gzipSync(Array.from({ length: 2000 }, (_, index) => `{"idtemp":"${(index * 7919) % 10007}"}\n`).join(""));
  return full.subarray(0, full.length >> 1);
}

describe("Athena's error messages name S3 objects, never local files", () => {
  let emulator: AthenaTestEmulator;
  const database = "caminhos";
  const bucket = "caminhos-dados";

  async function createTable(name: string, format: string, prefix: string): Promise<void> {
    const execution = await runQuery(emulator, `CREATE EXTERNAL TABLE ${name} (idtemp string, dado string) ${format} LOCATION 's3://${bucket}/${prefix}/'`, { database });
    assert.equal(execution.Status?.State, "SUCCEEDED", execution.Status?.StateChangeReason);
  }

  /** Runs a statement that must fail; answers its reason after checking that no message names the data directory. */
  async function failure(sql: string): Promise<string> {
    const execution = await runQuery(emulator, sql, { database });
    assert.equal(execution.Status?.State, "FAILED", `${sql} was expected to fail`);
    const reason = execution.Status?.StateChangeReason ?? "";
    for (const text of [reason, execution.Status?.AthenaError?.ErrorMessage ?? ""]) {
      assert.ok(!text.includes(emulator.dataDir), `${sql}: ${text}`);
      assert.ok(!/\/(s3|athena)\/|\.json\b|work\//.test(text.replace(/s3:\/\/\S+/g, "")), `${sql}: ${text}`);
    }
    return reason;
  }

  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
    await createBucket(emulator, bucket);
    await putText(emulator, bucket, "parquet/estragado.parquet", "this is not a parquet file at all");
    await createTable("estragado", "STORED AS PARQUET", "parquet");
    await emulator.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "gz/falso.json.gz", Body: "not gzip\n" }));
    await createTable("falso", "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'", "gz");
    await emulator.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "truncado/t.json.gz", Body: truncatedGzip() }));
    await createTable("truncado", "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'", "truncado");
    await putText(emulator, bucket, "malformado/a.json", '{"idtemp":"1"}\n{"idtemp": [1, 2\n');
    await createTable("malformado", "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'", "malformado");
  });

  describe("errors", () => {
    test("a Parquet object DuckDB cannot read is named by its S3 URI", async () => {
      const reason = await failure("SELECT * FROM estragado");
      assert.match(reason, /s3:\/\/caminhos-dados\/parquet\/estragado\.parquet/);
    });

    test("a CTAS and an UNLOAD over that object fail naming no local file", async () => {
      await failure("CREATE TABLE copia AS SELECT * FROM estragado");
      await failure(`UNLOAD (SELECT * FROM estragado) TO 's3://${bucket}/unload/' WITH (format = 'JSON')`);
      await failure("INSERT INTO estragado SELECT * FROM estragado");
    });

    test("a .gz object that is not gzip, and a truncated one, fail naming no local file", async () => {
      await failure("SELECT * FROM falso");
      await failure("SELECT * FROM truncado");
    });

    test("an object deleted after its listing is a split Athena cannot open, named by its S3 URI", async () => {
      const lines = objectLines({ path: join(emulator.dataDir, "s3", bucket, "sumido"), uri: `s3://${bucket}/sumido`, size: 26, gzip: false });
      await assert.rejects(lines.next(), { errorName: "HIVE_CANNOT_OPEN_SPLIT", message: `HIVE_CANNOT_OPEN_SPLIT: Error opening Hive split s3://${bucket}/sumido (offset=0, length=26): The specified key does not exist.` });
    });

    test("any other path under the emulator's folders is named by nothing but 'a local file'", () => {
      const paths = new LocalPaths([join(emulator.dataDir, "s3"), join(emulator.dataDir, "athena")]);
      paths.remember(join(emulator.dataDir, "s3", bucket, "x", "a"), `s3://${bucket}/x/a`);
      const message = `IO Error: "${join(emulator.dataDir, "s3", bucket, "x", "a")}" and '${join(emulator.dataDir, "athena", "work", "q", "table-0.json")}'`;
      assert.equal(paths.hide(message), `IO Error: "s3://${bucket}/x/a" and 'a local file'`);
    });

    test("a malformed JSON line fails with the SerDe's words and no path", async () => {
      assert.match(await failure("SELECT * FROM malformado"), /^HIVE_CURSOR_ERROR: Row is not a valid JSON Object - JSONException: /);
    });
  });
});
