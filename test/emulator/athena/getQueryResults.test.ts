import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { GetQueryResultsCommand } from "@aws-sdk/client-athena";
import { CreateTableCommand } from "@aws-sdk/client-glue";
import { allRows, createBucket, createDatabase, putText, readS3Text, rejectsWith, runSucceeding, startQuery, runFailing, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

describe("Athena GetQueryResults", () => {
  let emulator: AthenaTestEmulator;
  const database = "results_db";
  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
    await createBucket(emulator, "typed");
    await putText(emulator, "typed", "t/a.json", `{"Id":"7","Valor":36.25,"Ativo":true,"Quando":"2026-11-28 06:29:32.123456","Dia":"2026-11-28","Nome":"a\\"b","Lista":[1,2],"Ponto":{"x":1,"y":"z"}}\n{"id":8}\n`);
    await emulator.glue.send(
      new CreateTableCommand({
        DatabaseName: database,
        TableInput: {
          Name: "tipos",
          StorageDescriptor: {
            Columns: [
              { Name: "id", Type: "bigint" },
              { Name: "valor", Type: "double" },
              { Name: "ativo", Type: "boolean" },
              { Name: "quando", Type: "timestamp" },
              { Name: "dia", Type: "date" },
              { Name: "nome", Type: "string" },
              { Name: "lista", Type: "array<int>" },
              { Name: "ponto", Type: "struct<x:int,y:string>" },
              { Name: "preco", Type: "decimal(10,2)" },
            ],
            Location: "s3://typed/t/",
            SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe" },
          },
        },
      }),
    );
  });

  describe("validation", () => {
    test("rejects a MaxResults over 1000 with ValidationException", async () => {
      const done = await runSucceeding(emulator, "select 1");
      await rejectsWith(emulator.athena.send(new GetQueryResultsCommand({ QueryExecutionId: done.QueryExecutionId, MaxResults: 1001 })), { name: "ValidationException", message: /at 'maxResults'/ });
    });
  });

  describe("errors", () => {
    test("answers InvalidRequestException for a failed query", async () => {
      const id = await startQuery(emulator, "select * from nenhuma", { database });
      await runFailing(emulator, "select * from nenhuma", { database });
      await rejectsWith(emulator.athena.send(new GetQueryResultsCommand({ QueryExecutionId: id })), { name: "InvalidRequestException", message: /Query did not finish successfully. Final query state: FAILED|Query has not yet finished/ });
    });

    test("answers InvalidRequestException for a token of another query", async () => {
      const first = await runSucceeding(emulator, "select * from (values 1, 2, 3) as t(a)");
      const second = await runSucceeding(emulator, "select * from (values 1, 2, 3) as t(a)");
      const page = await emulator.athena.send(new GetQueryResultsCommand({ QueryExecutionId: first.QueryExecutionId, MaxResults: 1 }));
      assert.ok(page.NextToken);
      await rejectsWith(emulator.athena.send(new GetQueryResultsCommand({ QueryExecutionId: second.QueryExecutionId, NextToken: page.NextToken })), { name: "InvalidRequestException" });
    });
  });

  describe("behaviour", () => {
    test("reads JSON with the Glue schema's types, case-insensitive keys and missing keys as NULL", async () => {
      const done = await runSucceeding(emulator, "select * from tipos order by id", { database });
      const page = await emulator.athena.send(new GetQueryResultsCommand({ QueryExecutionId: done.QueryExecutionId }));
      const columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo?.map((column) => [column.Name, column.Type]);
      assert.deepEqual(columns, [
        ["id", "bigint"], ["valor", "double"], ["ativo", "boolean"], ["quando", "timestamp"], ["dia", "date"], ["nome", "varchar"], ["lista", "array"], ["ponto", "row"], ["preco", "decimal"],
      ]);
      const rows = page.ResultSet!.Rows!.map((row) => row.Data!.map((datum) => datum.VarCharValue));
      assert.deepEqual(rows[0], ["id", "valor", "ativo", "quando", "dia", "nome", "lista", "ponto", "preco"]);
      assert.deepEqual(rows[1]!.slice(0, 8), ["7", "36.25", "true", "2026-11-28 06:29:32.123", "2026-11-28", 'a"b', "[1, 2]", "{x=1, y=z}"]);
      assert.deepEqual(rows[2], ["8", undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    });

    test("writes NULL as an empty unquoted field and doubles quotes in the CSV", async () => {
      const done = await runSucceeding(emulator, "select id, nome from tipos order by id", { database });
      assert.equal(await readS3Text(emulator, done.ResultConfiguration!.OutputLocation!), `"id","nome"\n"7","a""b"\n"8",\n`);
      assert.match(await readS3Text(emulator, `${done.ResultConfiguration!.OutputLocation!}.metadata`), /"varchar"/);
    });

    test("names expressions without an alias _col0, _col1, ... and keeps aliases", async () => {
      const done = await runSucceeding(emulator, "select count(*), max(id) as maior, id + 1, id from tipos group by id order by id", { database });
      const { rows } = await allRows(emulator.athena, done.QueryExecutionId!);
      assert.deepEqual(rows[0], ["_col0", "maior", "_col2", "id"]);
    });

    test("pages with the header row counted in the first page, each row once", async () => {
      const done = await runSucceeding(emulator, "select * from (values 1, 2, 3, 4, 5) as t(a) order by a");
      const { rows, pages } = await allRows(emulator.athena, done.QueryExecutionId!, 2);
      assert.equal(pages, 3);
      assert.deepEqual(rows, [["a"], ["1"], ["2"], ["3"], ["4"], ["5"]]);
    });
  });
});
