import { describe, test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BatchCreatePartitionCommand, CreateTableCommand } from "@aws-sdk/client-glue";
import { DuckEngine } from "@gpu-stream/emulator/internal/services/athena/engine/DuckEngine";
import { createBucket, createDatabase, firehoseTableInput, putText, selectRows, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

// DuckDB runs only SQL the front end generated: Glue names, locations and partition values reach it quoted from the
// catalog, never spliced in as text, and DuckDB itself may touch only the S3 objects and Athena's work folder.

describe("Athena hands DuckDB generated SQL only", () => {
  let emulator: AthenaTestEmulator;
  const database = "injecao";
  // A partition value that used to become SQL: a quote, the old scan placeholder, and a statement.
  const hostile = "06'); select * from read_text('/etc/passwd'); --{{table:0}}\"";

  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
    await createBucket(emulator, "injecao-dados");
    await createBucket(emulator, "injecao-segredo");
    await putText(emulator, "injecao-segredo", "chave", `{"idtemp":"segredo","dado":"1","tipo":"x","timestamp":"x"}\n`);
    await putText(emulator, "injecao-dados", "2026/11/28/a'b/obj", `{"idtemp":"1","dado":"30.5","tipo":"energia","timestamp":"2026-11-28 06:00:00.000000"}\n`);
    const input = firehoseTableInput("leituras", "s3://injecao-dados/");
    await emulator.glue.send(new CreateTableCommand({ DatabaseName: database, TableInput: input }));
    await emulator.glue.send(
      new BatchCreatePartitionCommand({
        DatabaseName: database,
        TableName: "leituras",
        PartitionInputList: [{ Values: ["2026", "11", "28", hostile], StorageDescriptor: { ...input.StorageDescriptor, Location: "s3://injecao-dados/2026/11/28/a'b/" } }],
      }),
    );
  });

  describe("behaviour", () => {
    test("reads a partition whose value and location hold quotes and SQL as plain data", async () => {
      const { rows } = await selectRows(emulator, "select idtemp, partition_3, \"$path\" from leituras", { database });
      assert.deepEqual(rows, [["1", hostile, "s3://injecao-dados/2026/11/28/a'b/obj"]]);
      const filtered = await selectRows(emulator, `select count(*) from leituras where partition_3 = '${hostile.replace(/'/g, "''")}'`, { database });
      assert.deepEqual(filtered.rows, [["1"]]);
    });

    test("reads a column whose Glue name holds a double quote", async () => {
      await emulator.glue.send(
        new CreateTableCommand({
          DatabaseName: database,
          TableInput: {
            Name: "aspas",
            StorageDescriptor: {
              Columns: [{ Name: 'id"temp', Type: "string" }],
              Location: "s3://injecao-dados/2026/",
              SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe" },
            },
          },
        }),
      );
      const { header, rows } = await selectRows(emulator, `select * from aspas`, { database });
      assert.deepEqual(header, ['id"temp']);
      assert.deepEqual(rows, [[undefined]]);
    });
  });

  describe("errors", () => {
    const work: string[] = [];
    after(() => Promise.all(work.map((directory) => rm(directory, { recursive: true, force: true }))));

    // Defence in depth: even SQL the front end would never generate cannot leave the S3 folder and the work folder.
    test("DuckDB reads inside its allowed folders and nowhere else, and the sandbox cannot be lifted", async () => {
      const root = await mkdtemp(join(tmpdir(), "gpu-stream-sandbox-"));
      work.push(root);
      const [s3, athena, spill, state] = ["s3", "athena", "spill", "kinesis"].map((name) => join(root, name));
      for (const directory of [s3, athena, state]) await mkdir(directory!, { recursive: true });
      await writeFile(join(s3!, "object.json"), '{"a":1}\n');
      await writeFile(join(state!, "shard-0.log"), "acknowledged records\n");
      const engine = new DuckEngine([s3!, athena!], spill!);
      try {
        const inside = await engine.run("t", async (connection) => (await connection.runAndReadAll(`select a from read_json('${join(s3!, "object.json")}')`)).getRows());
        assert.deepEqual(inside, [[1n]]);
        for (const sql of [
          `select * from read_text('${join(state!, "shard-0.log")}')`,
          `copy (select 1) to '${join(state!, "shard-0.log")}'`,
          `select * from read_text('${join(s3!, "..", "kinesis", "shard-0.log")}')`,
          "set enable_external_access = true",
          `set allowed_directories = ['/']`,
          "install httpfs",
        ]) {
          await assert.rejects(engine.run("t", (connection) => connection.run(sql)), /Permission Error|Invalid Input Error|locked|disabled/i, sql);
        }
        assert.equal(await readFile(join(state!, "shard-0.log"), "utf8"), "acknowledged records\n");
      } finally {
        await engine.close();
      }
    });

    test("never answers another bucket's object through a hostile partition value", async () => {
      const { rows } = await selectRows(emulator, "select idtemp from leituras", { database });
      assert.ok(rows.every((row) => row[0] !== "segredo"));
    });
  });
});
