import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  CreateCrawlerCommand,
  DeleteCrawlerCommand,
  GetCrawlerCommand,
  GetCrawlerMetricsCommand,
  GetCrawlersCommand,
  GetTablesCommand,
  StartCrawlerCommand,
  StopCrawlerCommand,
  type CreateCrawlerRequest,
  type GlueClient,
} from "@aws-sdk/client-glue";
import { startTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { crawl, createDatabase, glueClient, putObjects, rejectsWith, uniqueBucket, uniqueName, waitForCrawlerReady } from "../../support/glueTestKit";
import { rawRequest } from "../../support/rawHttp";

const ROLE = "arn:aws:iam::000000000000:role/AWSGlueServiceRole-gpu";

function crawlerRequest(overrides: Partial<CreateCrawlerRequest> = {}): CreateCrawlerRequest {
  return { Name: uniqueName("crawler"), Role: ROLE, DatabaseName: "db", Targets: { S3Targets: [{ Path: "s3://bucket/" }] }, ...overrides };
}

describe("Glue crawler lifecycle", () => {
  let emulator: TestEmulator;
  let glue: GlueClient;
  let bucket: string;
  before(async () => {
    emulator = await startTestEmulator();
    glue = glueClient(emulator);
    bucket = uniqueBucket("lifecycle");
    await putObjects(emulator.s3, bucket, { "2026/11/28/06/a": '{"idtemp":"1","dado":"36.2","tipo":"energia","timestamp":"2026-11-28 06:29:32.123456"}\n' });
  });
  after(async () => {
    glue.destroy();
    await emulator.close();
  });

  describe("validation", () => {
    test("rejects a crawler without a Role with ValidationException", async () => {
      await rejectsWith(
        glue.send(new CreateCrawlerCommand({ ...crawlerRequest(), Role: undefined } as unknown as CreateCrawlerRequest)),
        { name: "ValidationException", message: "1 validation error detected: Value null at 'role' failed to satisfy constraint: Member must not be null" },
      );
    });

    test("rejects an unknown UpdateBehavior with ValidationException", async () => {
      await rejectsWith(
        glue.send(new CreateCrawlerCommand(crawlerRequest({ SchemaChangePolicy: { UpdateBehavior: "SOMETIMES" as "LOG" } }))),
        { name: "ValidationException", message: /at 'schemaChangePolicy.updateBehavior' failed to satisfy constraint: Member must satisfy enum value set: \[LOG, UPDATE_IN_DATABASE\]/ },
      );
    });

    test("rejects a 129-character TablePrefix with ValidationException", async () => {
      await rejectsWith(glue.send(new CreateCrawlerCommand(crawlerRequest({ TablePrefix: "p".repeat(129) }))), { name: "ValidationException", message: /at 'tablePrefix'/ });
    });
  });

  describe("errors", () => {
    test("answers EntityNotFoundException for a missing crawler", async () => {
      await rejectsWith(glue.send(new GetCrawlerCommand({ Name: "ghost" })), { name: "EntityNotFoundException", message: "Crawler entry with name ghost does not exist" });
      await rejectsWith(glue.send(new StartCrawlerCommand({ Name: "ghost" })), { name: "EntityNotFoundException" });
      await rejectsWith(glue.send(new DeleteCrawlerCommand({ Name: "ghost" })), { name: "EntityNotFoundException" });
    });

    test("answers AlreadyExistsException for a crawler name already taken", async () => {
      const request = crawlerRequest();
      await glue.send(new CreateCrawlerCommand(request));
      await rejectsWith(glue.send(new CreateCrawlerCommand(request)), { name: "AlreadyExistsException" });
    });

    test("answers InvalidInputException for a crawler with no S3 target", async () => {
      await rejectsWith(glue.send(new CreateCrawlerCommand(crawlerRequest({ Targets: { S3Targets: [] } }))), { name: "InvalidInputException" });
    });

    test("answers InvalidInputException for CRAWL_NEW_FOLDERS_ONLY without a LOG/LOG SchemaChangePolicy", async () => {
      await rejectsWith(glue.send(new CreateCrawlerCommand(crawlerRequest({ RecrawlPolicy: { RecrawlBehavior: "CRAWL_NEW_FOLDERS_ONLY" } }))), { name: "InvalidInputException", message: /LOG/ });
      await glue.send(
        new CreateCrawlerCommand(crawlerRequest({ RecrawlPolicy: { RecrawlBehavior: "CRAWL_NEW_FOLDERS_ONLY" }, SchemaChangePolicy: { UpdateBehavior: "LOG", DeleteBehavior: "LOG" } })),
      );
    });

    test("answers CrawlerRunningException to a second StartCrawler or a DeleteCrawler while it runs", async () => {
      const database = await createDatabase(glue);
      const request = crawlerRequest({ DatabaseName: database, Targets: { S3Targets: [{ Path: `s3://${bucket}` }] } });
      await glue.send(new CreateCrawlerCommand(request));
      await glue.send(new StartCrawlerCommand({ Name: request.Name }));
      await rejectsWith(glue.send(new StartCrawlerCommand({ Name: request.Name })), { name: "CrawlerRunningException" });
      await rejectsWith(glue.send(new DeleteCrawlerCommand({ Name: request.Name })), { name: "CrawlerRunningException" });
      await waitForCrawlerReady(glue, request.Name!);
    });

    test("answers CrawlerNotRunningException to StopCrawler on a READY crawler", async () => {
      const request = crawlerRequest();
      await glue.send(new CreateCrawlerCommand(request));
      await rejectsWith(glue.send(new StopCrawlerCommand({ Name: request.Name })), { name: "CrawlerNotRunningException" });
    });

    test("answers 501 naming the operation for a Glue operation not written yet", async () => {
      const answer = await rawRequest(emulator.emulator.url, {
        method: "POST",
        path: "/",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSGlue.GetJobs" },
        body: "{}",
      });
      assert.equal(answer.status, 501);
      assert.match(answer.body.toString("utf8"), /Glue operation GetJobs is not implemented/);
    });
  });

  describe("behaviour", () => {
    test("stores the crawler READY with Glue's default policies", async () => {
      const request = crawlerRequest({ Description: "gpu telemetry", TablePrefix: "tb_" });
      await glue.send(new CreateCrawlerCommand(request));
      const { Crawler } = await glue.send(new GetCrawlerCommand({ Name: request.Name }));
      assert.equal(Crawler?.State, "READY");
      assert.equal(Crawler?.Role, ROLE);
      assert.equal(Crawler?.DatabaseName, "db");
      assert.equal(Crawler?.TablePrefix, "tb_");
      assert.deepEqual(Crawler?.Targets?.S3Targets, [{ Path: "s3://bucket/" }]);
      assert.deepEqual(Crawler?.SchemaChangePolicy, { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "DEPRECATE_IN_DATABASE" });
      assert.equal(Crawler?.LastCrawl, undefined);
      assert.ok(Crawler?.CreationTime instanceof Date);
    });

    test("moves READY -> RUNNING -> (STOPPING) -> READY with LastCrawl SUCCEEDED", async () => {
      const database = await createDatabase(glue);
      const request = crawlerRequest({ DatabaseName: database, Targets: { S3Targets: [{ Path: `s3://${bucket}` }] } });
      await glue.send(new CreateCrawlerCommand(request));
      await glue.send(new StartCrawlerCommand({ Name: request.Name }));
      const order = ["RUNNING", "STOPPING", "READY"];
      const seen: string[] = [];
      for (let poll = 0; poll < 400; poll += 1) {
        const state = (await glue.send(new GetCrawlerCommand({ Name: request.Name }))).Crawler!.State!;
        if (seen[seen.length - 1] !== state) {
          seen.push(state);
        }
        if (state === "READY") {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(seen[0], "RUNNING");
      assert.equal(seen[seen.length - 1], "READY");
      assert.deepEqual(
        seen.map((state) => order.indexOf(state)),
        [...seen.map((state) => order.indexOf(state))].sort(),
      );
      const { Crawler } = await glue.send(new GetCrawlerCommand({ Name: request.Name }));
      assert.equal(Crawler?.LastCrawl?.Status, "SUCCEEDED");
      assert.ok(Crawler?.LastCrawl?.StartTime instanceof Date);
      const { CrawlerMetricsList } = await glue.send(new GetCrawlerMetricsCommand({ CrawlerNameList: [request.Name!] }));
      assert.equal(CrawlerMetricsList?.[0]?.CrawlerName, request.Name);
      assert.equal(CrawlerMetricsList?.[0]?.TablesCreated, 1);
      assert.ok((CrawlerMetricsList?.[0]?.LastRuntimeSeconds ?? 0) > 0);
    });

    test("stops a running crawl: STOPPING, then READY with LastCrawl CANCELLED", async () => {
      const database = await createDatabase(glue);
      const request = crawlerRequest({ DatabaseName: database, Targets: { S3Targets: [{ Path: `s3://${bucket}` }] } });
      await glue.send(new CreateCrawlerCommand(request));
      await glue.send(new StartCrawlerCommand({ Name: request.Name }));
      await glue.send(new StopCrawlerCommand({ Name: request.Name }));
      assert.equal((await glue.send(new GetCrawlerCommand({ Name: request.Name }))).Crawler?.State, "STOPPING");
      const crawler = await waitForCrawlerReady(glue, request.Name!);
      assert.equal(crawler.LastCrawl?.Status, "CANCELLED");
      const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
      assert.deepEqual(TableList, []);
    });

    test("fails the crawl with Glue's message when the database does not exist", async () => {
      const { crawler } = await crawl(glue, "no_such_database", `s3://${bucket}`);
      assert.equal(crawler.LastCrawl?.Status, "FAILED");
      assert.equal(crawler.LastCrawl?.ErrorMessage, "Database no_such_database not found.");
    });

    test("fails the crawl when the target bucket does not exist", async () => {
      const database = await createDatabase(glue);
      const { crawler } = await crawl(glue, database, "s3://no-such-bucket-here/data");
      assert.equal(crawler.LastCrawl?.Status, "FAILED");
      assert.match(crawler.LastCrawl?.ErrorMessage ?? "", /bucket/);
    });

    test("lists crawlers and deletes one", async () => {
      const request = crawlerRequest();
      await glue.send(new CreateCrawlerCommand(request));
      const listed = (await glue.send(new GetCrawlersCommand({}))).Crawlers?.map((crawler) => crawler.Name);
      assert.ok(listed?.includes(request.Name));
      await glue.send(new DeleteCrawlerCommand({ Name: request.Name }));
      await rejectsWith(glue.send(new GetCrawlerCommand({ Name: request.Name })), { name: "EntityNotFoundException" });
    });

    test("keeps crawlers, tables and partitions across a restart of the emulator", async () => {
      const restartable = await startTestEmulator();
      let client = glueClient(restartable);
      const restartBucket = uniqueBucket("restart");
      await putObjects(restartable.s3, restartBucket, { "2026/11/28/06/a": '{"idtemp":"1"}\n' });
      const database = await createDatabase(client);
      const { name } = await crawl(client, database, `s3://${restartBucket}`);
      client.destroy();
      await restartable.stop();
      const again = await startTestEmulator({ dataDir: restartable.dataDir });
      client = glueClient(again);
      try {
        const { Crawler } = await client.send(new GetCrawlerCommand({ Name: name }));
        assert.equal(Crawler?.State, "READY");
        assert.equal(Crawler?.LastCrawl?.Status, "SUCCEEDED");
        const { TableList } = await client.send(new GetTablesCommand({ DatabaseName: database }));
        assert.deepEqual(TableList?.map((table) => table.Name), [restartBucket.replace(/-/g, "_")]);
        assert.ok(TableList?.[0]?.CreateTime instanceof Date);
      } finally {
        client.destroy();
        await again.close();
      }
    });
  });
});
