import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateCrawlerCommand, GetTablesCommand, StartCrawlerCommand, type Crawler, type GlueClient } from "@aws-sdk/client-glue";
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from "@aws-sdk/client-iam";
import { crawl, createDatabase, glueClient, putObjects, rejectsWith, uniqueBucket, uniqueName, waitForCrawlerReady } from "../../support/glueTestKit";
import { clientConfig, useTestEmulator } from "../../support/testEmulator";

// The Glue crawler acting as its role (https://docs.aws.amazon.com/glue/latest/dg/crawler-prereqs.html) and logging
// to /aws-glue/crawlers as that role, by the real SDKs over a socket.

const GLUE_SERVICE_ROLE = "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole";
const S3_READ_ONLY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
const LOG_GROUP = "/aws-glue/crawlers";
const NOT_ASSUMABLE = "Service is unable to assume provided role. Please verify role's TrustPolicy";
const ROW = '{"idtemp":"1","dado":"36.2","tipo":"energia"}\n';

function trustPolicy(service: string): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
}

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

describe("Glue crawler acting as its role", () => {
  let glue: GlueClient;
  let iam: IAMClient;
  let logs: CloudWatchLogsClient;
  let bucket: string;
  let database: string;
  useTestEmulator(async (emulator) => {
    glue = glueClient(emulator);
    iam = new IAMClient(clientConfig(emulator.emulator.url));
    logs = new CloudWatchLogsClient(clientConfig(emulator.emulator.url));
    bucket = uniqueBucket("acts-as-role");
    await putObjects(emulator.s3, bucket, { "data/2026/11/28/a.json": ROW });
    database = await createDatabase(glue);
  });

  /** S3 read on the crawled prefix, as the crawler prerequisites ask of an inline policy. */
  const readPrefix = (): object[] => [
    { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${bucket}` },
    { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/data/*` },
  ];

  async function role(options: { trusts?: string; managed?: readonly string[]; inline?: readonly object[] }): Promise<{ name: string; arn: string }> {
    const name = uniqueName("crawler-role");
    const created = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy(options.trusts ?? "glue.amazonaws.com") }));
    for (const policyArn of options.managed ?? []) {
      await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: policyArn }));
    }
    if ((options.inline ?? []).length > 0) {
      await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "inline", PolicyDocument: policy(...options.inline!) }));
    }
    return { name, arn: created.Role!.Arn! };
  }

  async function crawlAs(roleNameOrArn: string): Promise<{ name: string; crawler: Crawler }> {
    return crawl(glue, database, `s3://${bucket}/data/`, { Role: roleNameOrArn, TablePrefix: `${uniqueName("t")}_` });
  }

  async function tablesOf(crawler: Crawler): Promise<string[]> {
    const { TableList } = await glue.send(new GetTablesCommand({ DatabaseName: database }));
    return (TableList ?? []).map((table) => table.Name!).filter((name) => name.startsWith(crawler.TablePrefix!));
  }

  async function logLines(crawlerName: string): Promise<string[] | undefined> {
    const { logStreams } = await logs.send(new DescribeLogStreamsCommand({ logGroupName: LOG_GROUP, logStreamNamePrefix: crawlerName })).catch(() => ({ logStreams: [] }));
    if (!(logStreams ?? []).some((stream) => stream.logStreamName === crawlerName)) {
      return undefined;
    }
    const { events } = await logs.send(new GetLogEventsCommand({ logGroupName: LOG_GROUP, logStreamName: crawlerName, startFromHead: true }));
    return (events ?? []).map((event) => event.message!);
  }

  test("CreateCrawler refuses a role trusting firehose.amazonaws.com instead of Glue with InvalidInputException", async () => {
    const { arn } = await role({ trusts: "firehose.amazonaws.com", managed: [GLUE_SERVICE_ROLE], inline: readPrefix() });
    const name = uniqueName("crawler");
    await rejectsWith(
      glue.send(new CreateCrawlerCommand({ Name: name, Role: arn, DatabaseName: database, Targets: { S3Targets: [{ Path: `s3://${bucket}/data/` }] } })),
      { name: "InvalidInputException", message: NOT_ASSUMABLE },
    );
  });

  test("a role (given by name) whose trust moved to firehose.amazonaws.com after CreateCrawler: the crawl ends FAILED with Glue's TrustPolicy message", async () => {
    const { name: roleName } = await role({ managed: [GLUE_SERVICE_ROLE], inline: readPrefix() });
    const name = uniqueName("crawler");
    const tablePrefix = `${uniqueName("t")}_`;
    await glue.send(new CreateCrawlerCommand({ Name: name, Role: roleName, DatabaseName: database, TablePrefix: tablePrefix, Targets: { S3Targets: [{ Path: `s3://${bucket}/data/` }] } }));
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: trustPolicy("firehose.amazonaws.com") }));
    await glue.send(new StartCrawlerCommand({ Name: name }));
    const crawler = await waitForCrawlerReady(glue, name);
    assert.equal(crawler.LastCrawl?.Status, "FAILED");
    assert.equal(crawler.LastCrawl?.ErrorMessage, NOT_ASSUMABLE);
    assert.deepEqual(await tablesOf(crawler), []);
    assert.equal(await logLines(name), undefined, "a role Glue cannot assume cannot write the crawl's log either");
  });

  test("AWSGlueServiceRole plus S3 read on the prefix: SUCCEEDED and the table made", async () => {
    const { arn } = await role({ managed: [GLUE_SERVICE_ROLE], inline: readPrefix() });
    const { crawler } = await crawlAs(arn);
    assert.equal(crawler.LastCrawl?.Status, "SUCCEEDED", crawler.LastCrawl?.ErrorMessage);
    assert.deepEqual(await tablesOf(crawler), [`${crawler.TablePrefix}data`]);
  });

  test("AWSGlueServiceRole plus AmazonS3ReadOnlyAccess, the managed policies users attach: SUCCEEDED", async () => {
    const { arn } = await role({ managed: [GLUE_SERVICE_ROLE, S3_READ_ONLY] });
    const { crawler } = await crawlAs(arn);
    assert.equal(crawler.LastCrawl?.Status, "SUCCEEDED", crawler.LastCrawl?.ErrorMessage);
    assert.equal((await tablesOf(crawler)).length, 1);
  });

  test("AWSGlueServiceRole alone (no s3:GetObject on the data): FAILED with S3's Access Denied, no table", async () => {
    const { arn } = await role({ managed: [GLUE_SERVICE_ROLE] });
    const { crawler } = await crawlAs(arn);
    assert.equal(crawler.LastCrawl?.Status, "FAILED");
    assert.match(crawler.LastCrawl?.ErrorMessage ?? "", /^Access Denied \(Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: [0-9A-F]{16}\)$/);
    assert.deepEqual(await tablesOf(crawler), []);
  });

  test("an explicit Deny of glue:CreateTable: FAILED naming the assumed role's AWS-Crawler session, no table", async () => {
    const { name: roleName, arn } = await role({
      managed: [GLUE_SERVICE_ROLE],
      inline: [...readPrefix(), { Effect: "Deny", Action: "glue:CreateTable", Resource: "*" }],
    });
    const { crawler } = await crawlAs(arn);
    assert.equal(crawler.LastCrawl?.Status, "FAILED");
    assert.match(
      crawler.LastCrawl?.ErrorMessage ?? "",
      new RegExp(
        `^User: arn:aws:sts::000000000000:assumed-role/${roleName}/AWS-Crawler is not authorized to perform: glue:CreateTable on resource: arn:aws:glue:us-east-1:000000000000:catalog \\(Service: AmazonDataCatalog; Status Code: 400; Error Code: AccessDeniedException; Request ID: [0-9a-f-]{36}\\)$`,
      ),
    );
    assert.deepEqual(await tablesOf(crawler), []);
  });

  test("the crawl logs to /aws-glue/crawlers, stream named after the crawler, each line led by LastCrawl.MessagePrefix", async () => {
    const { arn } = await role({ managed: [GLUE_SERVICE_ROLE], inline: readPrefix() });
    const { name, crawler } = await crawlAs(arn);
    assert.equal(crawler.LastCrawl?.LogGroup, LOG_GROUP);
    assert.equal(crawler.LastCrawl?.LogStream, name);
    const prefix = `[${crawler.LastCrawl?.MessagePrefix}] `;
    assert.deepEqual(await logLines(name), [
      `${prefix}BENCHMARK : Running Start Crawl for Crawler ${name}`,
      `${prefix}BENCHMARK : Classification complete, writing results to database ${database}`,
      `${prefix}INFO : Crawler configured with SchemaChangePolicy {"UpdateBehavior":"UPDATE_IN_DATABASE","DeleteBehavior":"DEPRECATE_IN_DATABASE"}.`,
      `${prefix}INFO : Created table ${crawler.TablePrefix}data in database ${database}`,
      `${prefix}BENCHMARK : Finished writing to Catalog`,
      `${prefix}BENCHMARK : Crawler has finished running and is in state READY`,
    ]);
  });

  test("a failed crawl logs its error before the READY line", async () => {
    const { arn } = await role({ managed: [GLUE_SERVICE_ROLE] });
    const { name, crawler } = await crawlAs(arn);
    const lines = (await logLines(name)) ?? [];
    assert.equal(lines.at(-2), `[${crawler.LastCrawl?.MessagePrefix}] ERROR : ${crawler.LastCrawl?.ErrorMessage}`);
    assert.match(lines.at(-1) ?? "", /BENCHMARK : Crawler has finished running and is in state READY$/);
  });

  test("a role without logs permissions crawls, and nothing is logged", async () => {
    const { arn } = await role({ inline: [...readPrefix(), { Effect: "Allow", Action: "glue:*", Resource: "*" }] });
    const { name, crawler } = await crawlAs(arn);
    assert.equal(crawler.LastCrawl?.Status, "SUCCEEDED", crawler.LastCrawl?.ErrorMessage);
    assert.equal((await tablesOf(crawler)).length, 1);
    assert.equal(await logLines(name), undefined);
  });

  test("a role ARN naming no role in the emulator (local mode) crawls unrestricted and logs", async () => {
    const { name, crawler } = await crawlAs(`arn:aws:iam::000000000000:role/${uniqueName("never-created")}`);
    assert.equal(crawler.LastCrawl?.Status, "SUCCEEDED", crawler.LastCrawl?.ErrorMessage);
    assert.equal((await tablesOf(crawler)).length, 1);
    assert.match((await logLines(name))?.[0] ?? "", /BENCHMARK : Running Start Crawl for Crawler /);
  });
});
