import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateWorkGroupCommand, DeleteWorkGroupCommand, GetWorkGroupCommand, ListWorkGroupsCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import { rejectsWith, waitForQuery, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

describe("Athena workgroups", () => {
  let emulator: AthenaTestEmulator;
  useAthenaEmulator((started) => {
    emulator = started;
  });

  describe("validation", () => {
    test("rejects a workgroup name with a space with ValidationException", async () => {
      await rejectsWith(emulator.athena.send(new CreateWorkGroupCommand({ Name: "com espaço" })), { name: "ValidationException", message: /at 'name'/ });
    });
  });

  describe("errors", () => {
    test("answers InvalidRequestException for a workgroup that does not exist", async () => {
      await rejectsWith(emulator.athena.send(new GetWorkGroupCommand({ WorkGroup: "nenhum" })), { name: "InvalidRequestException", message: "WorkGroup nenhum is not found." });
      await rejectsWith(emulator.athena.send(new DeleteWorkGroupCommand({ WorkGroup: "nenhum" })), { name: "InvalidRequestException" });
    });

    test("answers InvalidRequestException for a second workgroup of the same name", async () => {
      await emulator.athena.send(new CreateWorkGroupCommand({ Name: "duplo" }));
      await rejectsWith(emulator.athena.send(new CreateWorkGroupCommand({ Name: "duplo" })), { name: "InvalidRequestException", message: "WorkGroup is already created" });
    });
  });

  describe("behaviour", () => {
    test("has the primary workgroup from the start", async () => {
      const { WorkGroup } = await emulator.athena.send(new GetWorkGroupCommand({ WorkGroup: "primary" }));
      assert.equal(WorkGroup?.Name, "primary");
      assert.equal(WorkGroup?.State, "ENABLED");
    });

    test("creates, lists and deletes a workgroup", async () => {
      await emulator.athena.send(new CreateWorkGroupCommand({ Name: "curso", Description: "the course" }));
      const { WorkGroups } = await emulator.athena.send(new ListWorkGroupsCommand({}));
      assert.ok(WorkGroups?.some((group) => group.Name === "curso" && group.Description === "the course"));
      assert.ok(WorkGroups?.some((group) => group.Name === "primary"));
      await emulator.athena.send(new DeleteWorkGroupCommand({ WorkGroup: "curso" }));
      await rejectsWith(emulator.athena.send(new GetWorkGroupCommand({ WorkGroup: "curso" })), { name: "InvalidRequestException" });
    });

    test("runs a query with the workgroup's output location when the call gives none", async () => {
      await emulator.athena.send(new CreateWorkGroupCommand({ Name: "comsaida", Configuration: { ResultConfiguration: { OutputLocation: "s3://results/wg/" } } }));
      const { WorkGroup } = await emulator.athena.send(new GetWorkGroupCommand({ WorkGroup: "comsaida" }));
      assert.equal(WorkGroup?.Configuration?.ResultConfiguration?.OutputLocation, "s3://results/wg/");
      const { QueryExecutionId } = await emulator.athena.send(new StartQueryExecutionCommand({ QueryString: "select 1", WorkGroup: "comsaida" }));
      const done = await waitForQuery(emulator.athena, QueryExecutionId!);
      assert.equal(done.Status?.State, "SUCCEEDED");
      assert.equal(done.WorkGroup, "comsaida");
      assert.equal(done.ResultConfiguration?.OutputLocation, `s3://results/wg/${QueryExecutionId}.csv`);
    });

    test("refuses to delete the primary workgroup", async () => {
      await rejectsWith(emulator.athena.send(new DeleteWorkGroupCommand({ WorkGroup: "primary" })), { name: "InvalidRequestException" });
    });
  });
});
