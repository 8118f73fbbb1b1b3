import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateDatabaseCommand, CreateTableCommand, DeleteDatabaseCommand, GetDatabaseCommand, GetDatabasesCommand, GetTableCommand, type GlueClient } from "@aws-sdk/client-glue";
import { startTestEmulator, useTestEmulator } from "../../support/testEmulator";
import { createDatabase, glueClient, rejectsWith, uniqueName } from "../../support/glueTestKit";

describe("Glue databases", () => {
  let glue: GlueClient;
  useTestEmulator((started) => {
    glue = started.glue;
  });

  describe("validation", () => {
    test("rejects an empty database name with ValidationException", async () => {
      await rejectsWith(
        glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "" } })),
        { name: "ValidationException", message: "1 validation error detected: Value '' at 'databaseInput.name' failed to satisfy constraint: Member must have length greater than or equal to 1" },
      );
    });

    test("rejects a 256-character database name with ValidationException", async () => {
      await rejectsWith(glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "d".repeat(256) } })), { name: "ValidationException", message: /Member must have length less than or equal to 255/ });
    });

    test("rejects a GetDatabases MaxResults of 101 with ValidationException", async () => {
      await rejectsWith(glue.send(new GetDatabasesCommand({ MaxResults: 101 })), { name: "ValidationException", message: /at 'maxResults' failed to satisfy constraint/ });
    });
  });

  describe("errors", () => {
    test("answers EntityNotFoundException worded as Glue words it for a missing database", async () => {
      const error = await rejectsWith(glue.send(new GetDatabaseCommand({ Name: "no_such_db" })), { name: "EntityNotFoundException", message: "Database no_such_db not found." });
      assert.equal(error.$metadata?.httpStatusCode, 400);
    });

    test("answers AlreadyExistsException for a name already taken, in any case", async () => {
      const name = await createDatabase(glue);
      await rejectsWith(glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: name.toUpperCase() } })), { name: "AlreadyExistsException", message: "Database already exists." });
    });

    test("answers EntityNotFoundException when deleting a missing database", async () => {
      await rejectsWith(glue.send(new DeleteDatabaseCommand({ Name: "gone_db" })), { name: "EntityNotFoundException", message: "Database gone_db not found." });
    });
  });

  describe("behaviour", () => {
    test("stores the name in lower case with its description, location and parameters", async () => {
      const name = uniqueName("Mixed_Case");
      await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: name, Description: "telemetry", LocationUri: "s3://bucket/db/", Parameters: { owner: "course" } } }));
      const { Database } = await glue.send(new GetDatabaseCommand({ Name: name }));
      assert.equal(Database?.Name, name.toLowerCase());
      assert.equal(Database?.Description, "telemetry");
      assert.equal(Database?.LocationUri, "s3://bucket/db/");
      assert.deepEqual(Database?.Parameters, { owner: "course" });
      assert.equal(Database?.CatalogId, "000000000000");
      assert.ok(Database?.CreateTime instanceof Date);
    });

    test("lists every database across pages of MaxResults", async () => {
      const names = [await createDatabase(glue), await createDatabase(glue), await createDatabase(glue)];
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const answer = await glue.send(new GetDatabasesCommand({ MaxResults: 2, ...(token === undefined ? {} : { NextToken: token }) }));
        seen.push(...(answer.DatabaseList ?? []).map((database) => database.Name!));
        token = answer.NextToken;
        pages += 1;
      } while (token !== undefined && pages < 50);
      for (const name of names) {
        assert.equal(seen.filter((seenName) => seenName === name).length, 1);
      }
      assert.ok(pages >= 2);
    });

    test("deletes a database with its tables", async () => {
      const name = await createDatabase(glue);
      await glue.send(new CreateTableCommand({ DatabaseName: name, TableInput: { Name: "t" } }));
      await glue.send(new DeleteDatabaseCommand({ Name: name }));
      await rejectsWith(glue.send(new GetDatabaseCommand({ Name: name })), { name: "EntityNotFoundException" });
      await rejectsWith(glue.send(new GetTableCommand({ DatabaseName: name, Name: "t" })), { name: "EntityNotFoundException", message: `Database ${name} not found.` });
    });

    test("keeps databases across a restart of the emulator", async () => {
      const restartable = await startTestEmulator();
      let client = glueClient(restartable);
      const name = await createDatabase(client);
      client.destroy();
      await restartable.stop();
      const again = await startTestEmulator({ dataDir: restartable.dataDir });
      client = glueClient(again);
      try {
        const { Database } = await client.send(new GetDatabaseCommand({ Name: name }));
        assert.equal(Database?.Name, name);
      } finally {
        client.destroy();
        await again.close();
      }
    });
  });
});
