import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { allRows, createDatabase, createFirehoseTable, readS3Text, runSucceeding, selectRows, telemetryRecord, uniqueName, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

describe("Athena over Firehose's output (acceptance)", () => {
  let emulator: AthenaTestEmulator;
  const database = "gpu";
  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
  });

  test("counts every record of newline-delimited objects", async () => {
    const table = uniqueName("delimited");
    const objects = [
      { hour: "06", records: [0, 1, 2, 3, 4].map((i) => telemetryRecord(i)) },
      { hour: "06", records: [5, 6, 7].map((i) => telemetryRecord(i)) },
      { hour: "07", records: [8, 9].map((i) => telemetryRecord(i)) },
    ];
    await createFirehoseTable(emulator, { database, table, bucket: table.replace(/_/g, "-"), objects, backToBack: false });
    const { header, rows } = await selectRows(emulator, `select count(*) from "${table}"`, { database });
    assert.deepEqual(header, ["_col0"]);
    assert.deepEqual(rows, [["10"]]);
  });

  test("counts one record per object when records are written back to back, as Athena's JSON SerDe reads them", async () => {
    const table = uniqueName("backtoback");
    const objects = [
      { hour: "06", records: [0, 1, 2, 3, 4].map((i) => telemetryRecord(i)) },
      { hour: "06", records: [5, 6, 7].map((i) => telemetryRecord(i)) },
      { hour: "07", records: [8, 9].map((i) => telemetryRecord(i)) },
    ];
    await createFirehoseTable(emulator, { database, table, bucket: table.replace(/_/g, "-"), objects, backToBack: true });
    const { rows } = await selectRows(emulator, `select count(*) from "${table}"`, { database });
    assert.deepEqual(rows, [["3"]]);
    const firsts = await selectRows(emulator, `select idtemp from "${table}" order by idtemp`, { database });
    assert.deepEqual(firsts.rows, [["0"], ["5"], ["8"]]);
  });

  test("runs the course's CTAS verbatim and yields the rows ordered by timestamp", async () => {
    const table = uniqueName("raw");
    const records = [7, 3, 11, 0, 5, 9, 1].map((i) => telemetryRecord(i, i % 2 === 0 ? "energia" : "Uso"));
    const objects = [
      { hour: "06", records: records.slice(0, 4) },
      { hour: "07", records: records.slice(4) },
    ];
    await createFirehoseTable(emulator, { database, table, bucket: table.replace(/_/g, "-"), objects, backToBack: false });
    await runSucceeding(
      emulator,
      `create table "dados_tratados" as select "idtemp", "tipo", "dado", "timestamp", "partition_0" as "ano", "partition_1" as "mes", "partition_2" as "dia" from "${table}" order by "timestamp"`,
      { database },
    );
    const { header, rows } = await selectRows(emulator, `select * from "dados_tratados"`, { database });
    assert.deepEqual(header, ["idtemp", "tipo", "dado", "timestamp", "ano", "mes", "dia"]);
    const expected = [...records]
      .sort((a, b) => (a.timestamp < b.timestamp ? -1 : 1))
      .map((record) => [record.idtemp, record.tipo, record.dado, record.timestamp, "2026", "11", "28"]);
    assert.deepEqual(rows, expected);
  });

  test("pages return every row exactly once and the CSV at the output location equals the result", async () => {
    const table = uniqueName("paged");
    const objects = Array.from({ length: 5 }, (_, object) => ({ hour: String(6 + object).padStart(2, "0"), records: Array.from({ length: 50 }, (_, i) => telemetryRecord(object * 50 + i)) }));
    await createFirehoseTable(emulator, { database, table, bucket: table.replace(/_/g, "-"), objects, backToBack: false });
    const execution = await runSucceeding(emulator, `select idtemp, dado, tipo, "timestamp", partition_3 from "${table}" order by cast(idtemp as integer)`, { database });
    const { rows, pages } = await allRows(emulator.athena, execution.QueryExecutionId!, 7);
    assert.equal(pages, Math.ceil(251 / 7));
    assert.deepEqual(rows[0], ["idtemp", "dado", "tipo", "timestamp", "partition_3"]);
    assert.deepEqual(
      rows.slice(1).map((row) => row[0]),
      Array.from({ length: 250 }, (_, i) => String(i)),
    );
    const csv = await readS3Text(emulator, execution.ResultConfiguration!.OutputLocation!);
    const expected = rows.map((row) => row.map((value) => (value === undefined ? "" : `"${value}"`)).join(",")).join("\n") + "\n";
    assert.equal(csv, expected);
  });
});
