import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { BatchGetQueryExecutionCommand, GetQueryExecutionCommand, ListQueryExecutionsCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from "@aws-sdk/client-athena";
import { createDatabase, createFirehoseTable, rejectsWith, runSucceeding, selectRows, startQuery, telemetryRecord, waitForQuery, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

describe("Athena query executions", () => {
  let emulator: AthenaTestEmulator;
  const database = "execs";
  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
    await createFirehoseTable(emulator, { database, table: "leituras", bucket: "execs-leituras", objects: [{ hour: "06", records: [telemetryRecord(1), telemetryRecord(2)] }], backToBack: false });
  });

  describe("validation", () => {
    test("rejects an empty QueryString with ValidationException", async () => {
      await rejectsWith(emulator.athena.send(new StartQueryExecutionCommand({ QueryString: "", ResultConfiguration: { OutputLocation: emulator.outputLocation } })), { name: "ValidationException", message: /at 'queryString'/ });
    });

    test("rejects more than 50 ids in BatchGetQueryExecution with ValidationException", async () => {
      const ids = Array.from({ length: 51 }, (_, i) => `id-${i}`);
      await rejectsWith(emulator.athena.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: ids })), { name: "ValidationException", message: /at 'queryExecutionIds'/ });
    });
  });

  describe("errors", () => {
    test("answers InvalidRequestException for an unknown query id", async () => {
      await rejectsWith(emulator.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: "00000000-0000-0000-0000-000000000000" })), { name: "InvalidRequestException", message: "QueryExecution 00000000-0000-0000-0000-000000000000 was not found" });
    });

    test("answers InvalidRequestException when neither the call nor the workgroup gives an output location", async () => {
      await rejectsWith(emulator.athena.send(new StartQueryExecutionCommand({ QueryString: "select 1" })), { name: "InvalidRequestException", message: /No output location provided/ });
    });

    test("answers InvalidRequestException for an unknown workgroup", async () => {
      await rejectsWith(emulator.athena.send(new StartQueryExecutionCommand({ QueryString: "select 1", WorkGroup: "nenhum", ResultConfiguration: { OutputLocation: emulator.outputLocation } })), { name: "InvalidRequestException", message: /WorkGroup nenhum is not found/ });
    });
  });

  describe("behaviour", () => {
    test("starts QUEUED or RUNNING and ends SUCCEEDED with statistics and its context", async () => {
      const id = await startQuery(emulator, "select * from leituras", { database });
      const { QueryExecution: first } = await emulator.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      assert.ok(["QUEUED", "RUNNING", "SUCCEEDED"].includes(first!.Status!.State!));
      const done = await waitForQuery(emulator.athena, id);
      assert.equal(done.Status?.State, "SUCCEEDED");
      assert.equal(done.StatementType, "DML");
      assert.equal(done.Query, "select * from leituras");
      assert.equal(done.QueryExecutionContext?.Database, database);
      assert.equal(done.WorkGroup, "primary");
      assert.equal(done.ResultConfiguration?.OutputLocation, `${emulator.outputLocation}${id}.csv`);
      assert.ok(done.Status?.SubmissionDateTime instanceof Date);
      assert.ok(done.Status?.CompletionDateTime instanceof Date);
      const statistics = done.Statistics!;
      assert.ok(statistics.DataScannedInBytes! > 0);
      for (const value of [statistics.EngineExecutionTimeInMillis, statistics.TotalExecutionTimeInMillis, statistics.QueryQueueTimeInMillis]) {
        assert.equal(typeof value, "number");
        assert.ok(value! >= 0);
      }
      assert.ok(statistics.TotalExecutionTimeInMillis! >= statistics.EngineExecutionTimeInMillis!);
    });

    test("reports planning (finding the objects, analysing the query) as QueryPlanningTimeInMillis, within the engine's time", async () => {
      // 400 objects to find and profile: planning takes milliseconds, so a planning time left at 0 shows.
      const objects = Array.from({ length: 400 }, (_, index) => ({ hour: String(index % 24).padStart(2, "0"), records: [telemetryRecord(index)] }));
      await createFirehoseTable(emulator, { database, table: "planejada", bucket: "execs-planejada", objects, backToBack: false });
      const done = await runSucceeding(emulator, "select tipo, count(*) from planejada group by tipo", { database });
      const { QueryPlanningTimeInMillis: planning, EngineExecutionTimeInMillis: engine } = done.Statistics!;
      assert.ok(Number.isInteger(planning) && planning! > 0, `QueryPlanningTimeInMillis ${planning}`);
      assert.ok(planning! <= engine!, `planning ${planning} ms within the engine's ${engine} ms`);
      const ddl = await runSucceeding(emulator, "show tables", { database });
      assert.equal(ddl.Statistics!.QueryPlanningTimeInMillis, 0, "a DDL statement plans nothing");
    });

    test("resolves unqualified, db.t and awsdatacatalog.db.t names alike", async () => {
      for (const name of ["leituras", "execs.leituras", `"awsdatacatalog"."execs"."leituras"`, `"EXECS"."Leituras"`]) {
        const { rows } = await selectRows(emulator, `select count(*) from ${name}`, { database });
        assert.deepEqual(rows, [["2"]], name);
      }
      const { rows } = await selectRows(emulator, "select count(*) from execs.leituras");
      assert.deepEqual(rows, [["2"]]);
      const joined = await selectRows(emulator, "select count(*) from leituras a, leituras b where a.idtemp = b.idtemp", { database });
      assert.deepEqual(joined.rows, [["2"]]);
      const withCte = await selectRows(emulator, "with l as (select idtemp from leituras) select count(*) from l join leituras on l.idtemp = leituras.idtemp", { database });
      assert.deepEqual(withCte.rows, [["2"]]);
    });

    test("fails with its reason and AthenaError", async () => {
      const id = await startQuery(emulator, "select nada from leituras", { database });
      const done = await waitForQuery(emulator.athena, id);
      assert.equal(done.Status?.State, "FAILED");
      assert.equal(done.Status?.AthenaError?.ErrorCategory, 2);
      assert.equal(done.Status?.AthenaError?.ErrorMessage, done.Status?.StateChangeReason);
    });

    test("stops a running query, which ends CANCELLED, and leaves a finished one as it was", async () => {
      // A cross join of 10^20 rows: it runs until stopped.
      const values = `(values ${Array.from({ length: 100 }, (_, i) => i).join(", ")})`;
      const endless = `select count(*) from ${Array.from({ length: 10 }, (_, i) => `${values} as t${i}(c)`).join(", ")}`;
      const id = await startQuery(emulator, endless);
      await emulator.athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
      const stopped = await waitForQuery(emulator.athena, id);
      assert.equal(stopped.Status?.State, "CANCELLED");
      assert.equal(stopped.Status?.StateChangeReason, "Query cancelled by user");
      const done = await runSucceeding(emulator, "select 1");
      await emulator.athena.send(new StopQueryExecutionCommand({ QueryExecutionId: done.QueryExecutionId }));
      assert.equal((await waitForQuery(emulator.athena, done.QueryExecutionId!)).Status?.State, "SUCCEEDED");
    });

    test("starts one query for a repeated ClientRequestToken", async () => {
      const token = "a".repeat(32);
      const input = { QueryString: "select 1", ClientRequestToken: token, ResultConfiguration: { OutputLocation: emulator.outputLocation } };
      const first = await emulator.athena.send(new StartQueryExecutionCommand(input));
      const second = await emulator.athena.send(new StartQueryExecutionCommand(input));
      assert.equal(first.QueryExecutionId, second.QueryExecutionId);
    });

    test("lists executions newest first, page by page, and gets them in a batch", async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await runSucceeding(emulator, `select ${i}`)).QueryExecutionId!);
      }
      const listed: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await emulator.athena.send(new ListQueryExecutionsCommand({ MaxResults: 2, NextToken: nextToken }));
        assert.ok(page.QueryExecutionIds!.length <= 2);
        listed.push(...page.QueryExecutionIds!);
        nextToken = page.NextToken;
      } while (nextToken !== undefined);
      assert.deepEqual(listed.slice(0, 3), [...ids].reverse());
      assert.equal(new Set(listed).size, listed.length);
      const batch = await emulator.athena.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: [ids[0]!, "missing-id"] }));
      assert.deepEqual(batch.QueryExecutions?.map((execution) => execution.QueryExecutionId), [ids[0]]);
      assert.deepEqual(batch.UnprocessedQueryExecutionIds?.map((unprocessed) => unprocessed.QueryExecutionId), ["missing-id"]);
    });

    test("gives SHOW a UTILITY and CREATE a DDL statement type", async () => {
      assert.equal((await runSucceeding(emulator, "show tables", { database })).StatementType, "UTILITY");
      assert.equal((await runSucceeding(emulator, "create database if not exists outro")).StatementType, "DDL");
    });
  });
});
