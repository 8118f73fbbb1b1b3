import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { CreateTableCommand } from "@aws-sdk/client-glue";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { createBucket, createDatabase, putText, runFailing, runSucceeding, selectRows, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

describe("Athena table formats", () => {
  let emulator: AthenaTestEmulator;
  const database = "formats";
  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
    await createBucket(emulator, "formats");
  });

  describe("behaviour", () => {
    test("reads gzip-compressed JSON objects as Firehose writes them with GZIP (.gz)", async () => {
      const body = gzipSync(Buffer.from(`{"idtemp":"1"}\n{"idtemp":"2"}\n`));
      await emulator.s3.send(new PutObjectCommand({ Bucket: "formats", Key: "gz/2026/11/28/06/stream-1.gz", Body: body }));
      await runSucceeding(emulator, "create external table gz (idtemp string) row format serde 'org.openx.data.jsonserde.JsonSerDe' location 's3://formats/gz/'", { database });
      assert.deepEqual((await selectRows(emulator, "select idtemp from gz order by idtemp", { database })).rows, [["1"], ["2"]]);
    });

    test("reads quoted CSV with the OpenCSVSerde as strings", async () => {
      await putText(emulator, "formats", "opencsv/a.csv", `"id","nome"\n"1","a, b"\n"2","c ""d"""\n`);
      await emulator.glue.send(
        new CreateTableCommand({
          DatabaseName: database,
          TableInput: {
            Name: "opencsv",
            Parameters: { "skip.header.line.count": "1" },
            StorageDescriptor: {
              Columns: [{ Name: "id", Type: "string" }, { Name: "nome", Type: "string" }],
              Location: "s3://formats/opencsv/",
              SerdeInfo: { SerializationLibrary: "org.apache.hadoop.hive.serde2.OpenCSVSerde", Parameters: { separatorChar: ",", quoteChar: '"' } },
            },
          },
        }),
      );
      assert.deepEqual((await selectRows(emulator, "select id, nome from opencsv order by id", { database })).rows, [["1", "a, b"], ["2", 'c "d"']]);
    });

    test("skips objects whose names start with _ or . and reads nothing of a partitioned table without partitions", async () => {
      await putText(emulator, "formats", "hidden/data.json", `{"a":"1"}\n`);
      await putText(emulator, "formats", "hidden/_SUCCESS", `{"a":"2"}\n`);
      await putText(emulator, "formats", "hidden/.crc", `{"a":"3"}\n`);
      await runSucceeding(emulator, "create external table hidden (a string) row format serde 'org.openx.data.jsonserde.JsonSerDe' location 's3://formats/hidden/'", { database });
      assert.deepEqual((await selectRows(emulator, "select a from hidden", { database })).rows, [["1"]]);
      await putText(emulator, "formats", "parts/dia=28/a.json", `{"a":"1"}\n`);
      await runSucceeding(emulator, "create external table parts (a string) partitioned by (dia string) row format serde 'org.openx.data.jsonserde.JsonSerDe' location 's3://formats/parts/'", { database });
      assert.deepEqual((await selectRows(emulator, "select count(*) from parts", { database })).rows, [["0"]]);
    });

    test("adds a partition with ALTER TABLE ADD PARTITION and reads it", async () => {
      await putText(emulator, "formats", "alter/dia=29/a.json", `{"a":"x"}\n`);
      await runSucceeding(emulator, "create external table alterada (a string) partitioned by (dia string) row format serde 'org.openx.data.jsonserde.JsonSerDe' location 's3://formats/alter/'", { database });
      await runSucceeding(emulator, "alter table alterada add partition (dia = '29')", { database });
      assert.deepEqual((await selectRows(emulator, "select a, dia from alterada", { database })).rows, [["x", "29"]]);
      assert.match(await runFailing(emulator, "alter table alterada add partition (dia = '29')", { database }), /AlreadyExistsException/);
      await runSucceeding(emulator, "alter table alterada add if not exists partition (dia = '29')", { database });
    });
  });
});
