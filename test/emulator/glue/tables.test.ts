import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateTableCommand, DeleteTableCommand, GetTableCommand, GetTablesCommand, UpdateTableCommand, type GlueClient, type TableInput } from "@aws-sdk/client-glue";
import { useTestEmulator } from "../../support/testEmulator";
import { createDatabase, rejectsWith } from "../../support/glueTestKit";

const JSON_TABLE: TableInput = {
  Name: "Readings",
  TableType: "EXTERNAL_TABLE",
  Parameters: { classification: "json" },
  PartitionKeys: [{ Name: "partition_0", Type: "string" }],
  StorageDescriptor: {
    Columns: [
      { Name: "idtemp", Type: "string" },
      { Name: "dado", Type: "string", Comment: "the reading" },
    ],
    Location: "s3://bucket/readings/",
    InputFormat: "org.apache.hadoop.mapred.TextInputFormat",
    OutputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
    SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe", Parameters: { "ignore.malformed.json": "true" } },
    Compressed: false,
  },
};

describe("Glue tables", () => {
  let glue: GlueClient;
  useTestEmulator((started) => {
    glue = started.glue;
  });

  describe("validation", () => {
    test("rejects a table without a name with ValidationException", async () => {
      const database = await createDatabase(glue);
      await rejectsWith(
        glue.send(new CreateTableCommand({ DatabaseName: database, TableInput: {} as TableInput })),
        { name: "ValidationException", message: "1 validation error detected: Value null at 'tableInput.name' failed to satisfy constraint: Member must not be null" },
      );
    });

    test("rejects a GetTables MaxResults of 0 with ValidationException", async () => {
      const database = await createDatabase(glue);
      await rejectsWith(glue.send(new GetTablesCommand({ DatabaseName: database, MaxResults: 0 })), { name: "ValidationException", message: /at 'maxResults'/ });
    });
  });

  describe("errors", () => {
    test("answers EntityNotFoundException for a table in a missing database", async () => {
      await rejectsWith(glue.send(new CreateTableCommand({ DatabaseName: "nowhere", TableInput: { Name: "t" } })), { name: "EntityNotFoundException", message: "Database nowhere not found." });
    });

    test("answers EntityNotFoundException worded as Glue words it for a missing table", async () => {
      const database = await createDatabase(glue);
      await rejectsWith(glue.send(new GetTableCommand({ DatabaseName: database, Name: "missing" })), { name: "EntityNotFoundException", message: "Table missing not found." });
    });

    test("answers AlreadyExistsException for a table name already taken", async () => {
      const database = await createDatabase(glue);
      await glue.send(new CreateTableCommand({ DatabaseName: database, TableInput: JSON_TABLE }));
      await rejectsWith(glue.send(new CreateTableCommand({ DatabaseName: database, TableInput: { Name: "readings" } })), { name: "AlreadyExistsException", message: "Table already exists." });
    });

    test("answers InvalidInputException for a column named twice", async () => {
      const database = await createDatabase(glue);
      await rejectsWith(
        glue.send(new CreateTableCommand({ DatabaseName: database, TableInput: { Name: "dup", StorageDescriptor: { Columns: [{ Name: "a", Type: "string" }] }, PartitionKeys: [{ Name: "A", Type: "string" }] } })),
        { name: "InvalidInputException" },
      );
    });

    test("answers EntityNotFoundException when updating or deleting a missing table", async () => {
      const database = await createDatabase(glue);
      await rejectsWith(glue.send(new UpdateTableCommand({ DatabaseName: database, TableInput: { Name: "ghost" } })), { name: "EntityNotFoundException", message: "Table ghost not found." });
      await rejectsWith(glue.send(new DeleteTableCommand({ DatabaseName: database, Name: "ghost" })), { name: "EntityNotFoundException", message: "Table ghost not found." });
    });

    test("answers InvalidInputException for an Expression that is not a regular expression", async () => {
      const database = await createDatabase(glue);
      await rejectsWith(glue.send(new GetTablesCommand({ DatabaseName: database, Expression: "(unclosed" })), { name: "InvalidInputException" });
    });
  });

  describe("behaviour", () => {
    test("stores the definition as given, under its lower-case name", async () => {
      const database = await createDatabase(glue);
      await glue.send(new CreateTableCommand({ DatabaseName: database, TableInput: JSON_TABLE }));
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: "READINGS" }));
      assert.equal(Table?.Name, "readings");
      assert.equal(Table?.DatabaseName, database);
      assert.deepEqual(Table?.StorageDescriptor, JSON_TABLE.StorageDescriptor);
      assert.deepEqual(Table?.PartitionKeys, JSON_TABLE.PartitionKeys);
      assert.deepEqual(Table?.Parameters, { classification: "json" });
      assert.equal(Table?.TableType, "EXTERNAL_TABLE");
      assert.ok(Table?.CreateTime instanceof Date);
    });

    test("replaces the definition on UpdateTable and keeps the creation time", async () => {
      const database = await createDatabase(glue);
      await glue.send(new CreateTableCommand({ DatabaseName: database, TableInput: JSON_TABLE }));
      const before = (await glue.send(new GetTableCommand({ DatabaseName: database, Name: "readings" }))).Table;
      const columns = [...JSON_TABLE.StorageDescriptor!.Columns!, { Name: "tipo", Type: "string" }];
      await glue.send(new UpdateTableCommand({ DatabaseName: database, TableInput: { ...JSON_TABLE, StorageDescriptor: { ...JSON_TABLE.StorageDescriptor, Columns: columns } } }));
      const { Table } = await glue.send(new GetTableCommand({ DatabaseName: database, Name: "readings" }));
      assert.deepEqual(
        Table?.StorageDescriptor?.Columns?.map((column) => column.Name),
        ["idtemp", "dado", "tipo"],
      );
      assert.equal(Table?.CreateTime?.getTime(), before?.CreateTime?.getTime());
      assert.notEqual(Table?.VersionId, before?.VersionId);
    });

    test("deletes a table", async () => {
      const database = await createDatabase(glue);
      await glue.send(new CreateTableCommand({ DatabaseName: database, TableInput: JSON_TABLE }));
      await glue.send(new DeleteTableCommand({ DatabaseName: database, Name: "readings" }));
      await rejectsWith(glue.send(new GetTableCommand({ DatabaseName: database, Name: "readings" })), { name: "EntityNotFoundException" });
    });

    test("filters GetTables by Expression, a regular expression on the whole name", async () => {
      const database = await createDatabase(glue);
      for (const name of ["sales_2025", "sales_2026", "dados_tratados", "gpu_raw"]) {
        await glue.send(new CreateTableCommand({ DatabaseName: database, TableInput: { Name: name } }));
      }
      const names = async (expression: string): Promise<string[]> =>
        ((await glue.send(new GetTablesCommand({ DatabaseName: database, Expression: expression }))).TableList ?? []).map((table) => table.Name!);
      assert.deepEqual(await names("sales.*"), ["sales_2025", "sales_2026"]);
      assert.deepEqual(await names("sales*"), ["sales_2025", "sales_2026"]);
      assert.deepEqual(await names("gpu_raw|dados_tratados"), ["dados_tratados", "gpu_raw"]);
      assert.deepEqual(await names(".*_20(25)"), ["sales_2025"]);
      assert.deepEqual(await names("SALES_2026"), ["sales_2026"]);
      assert.deepEqual(await names("sales"), []);
    });

    test("pages GetTables with MaxResults and NextToken, each table once", async () => {
      const database = await createDatabase(glue);
      for (let index = 0; index < 5; index += 1) {
        await glue.send(new CreateTableCommand({ DatabaseName: database, TableInput: { Name: `t${index}` } }));
      }
      const seen: string[] = [];
      let token: string | undefined;
      for (let pages = 0; pages < 10; pages += 1) {
        const answer = await glue.send(new GetTablesCommand({ DatabaseName: database, MaxResults: 2, ...(token === undefined ? {} : { NextToken: token }) }));
        assert.ok((answer.TableList ?? []).length <= 2);
        seen.push(...(answer.TableList ?? []).map((table) => table.Name!));
        token = answer.NextToken;
        if (token === undefined) {
          break;
        }
      }
      assert.deepEqual(seen, ["t0", "t1", "t2", "t3", "t4"]);
    });
  });
});
