import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidRequestException, StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import { CreateDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { GetTableCommand } from "@aws-sdk/client-glue";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import {
  athenaQueryOptions,
  listKeys,
  listPipelineResources,
  provisionPipeline,
  readObjectText,
  runCrawler,
  runQuery,
  runQueryToRows,
  teardownPipeline,
  waitForDeliveredRecords,
  type PipelineNames,
  type PipelineProvisioning,
} from "@gpu-stream/shared";
import { rejectsWith } from "../support/awsAssertions";
import { telemetryRecord } from "../support/athenaTestKit";
import { untilSettled, useFidelityTarget, type FidelityTarget } from "../support/fidelityTarget";

const RECORDS = 20;
const TIPOS = ["energia", "temperatura"];

/** The pipeline's resources named for this run, in the shape AWS mode's set-up and teardown take. */
function fidelityPipelineNames(target: FidelityTarget, accountId: string): PipelineNames {
  const { prefix } = target;
  return {
    accountId,
    region: target.region,
    bucket: `${prefix}-data`,
    dataPrefix: "telemetry/",
    resultsPrefix: "athena-results/",
    stream: `${prefix}-stream`,
    deliveryStream: `${prefix}-delivery`,
    database: target.catalogPrefix,
    crawler: `${prefix}-crawler`,
    table: "telemetry",
    firehoseRole: `${prefix}-firehose`,
    crawlerRole: `${prefix}-glue`,
    sidebar: { deliveryStream: `${prefix}-no-newline`, dataPrefix: "no-newline/", crawler: `${prefix}-no-newline-crawler`, table: "no_newline" },
    reshardDemo: { stream: `${prefix}-reshard-demo`, deliveryStream: `${prefix}-reshard-demo-delivery`, dataPrefix: "reshard-demo/" },
  };
}

/**
 * The pipeline end to end through AWS mode's own set-up and teardown (provisionPipeline, teardownPipeline): Kinesis
 * to Firehose to S3 through a role Firehose assumes, a crawler over the delivered prefix, Athena over its table.
 * On AWS the delivery and the crawl take minutes; everything else seconds.
 */
describe("the pipeline's calls through Firehose, Glue and Athena, emulator and AWS alike", () => {
  let target: FidelityTarget;
  let names: PipelineNames;
  let provisioned: PipelineProvisioning;
  useFidelityTarget("pipe", async (opened) => {
    target = opened;
    const accountId = (await target.sts.send(new GetCallerIdentityCommand({}))).Account!;
    names = fidelityPipelineNames(target, accountId);
  });
  const minutes = (aws: number): number => (target.kind === "aws" ? aws * 60_000 : 30_000);

  describe("behaviour", () => {
    // 0 s is the least IntervalInSeconds takes (https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html).
    test("provisionPipeline makes the bucket, the stream, both roles, the delivery stream, the database and the crawler", async () => {
      provisioned = await provisionPipeline(target.clients, names, {
        iam: target.iam,
        bufferIntervalSeconds: 0,
        bufferSizeMB: 1,
        rolePropagation: target.kind === "aws" ? { timeoutMs: 180_000, intervalMs: 5_000 } : { timeoutMs: 5_000, intervalMs: 50 },
      });
      assert.deepEqual(
        provisioned.resources.map((resource) => [resource.kind, resource.name, resource.created]),
        [
          ["bucket", names.bucket, true],
          ["stream", names.stream, true],
          ["role", names.firehoseRole, true],
          ["role", names.crawlerRole, true],
          ["logGroup", `/aws/kinesisfirehose/${names.deliveryStream}`, true],
          ["logStream", `/aws/kinesisfirehose/${names.deliveryStream}/DestinationDelivery`, true],
          ["deliveryStream", names.deliveryStream, true],
          ["database", names.database, true],
          ["crawler", names.crawler, true],
        ],
      );
      assert.match(provisioned.streamArn, new RegExp(`^arn:aws:kinesis:${target.region}:\\d{12}:stream/${names.stream}$`));
      assert.match(provisioned.roleArns.firehose, new RegExp(`^arn:aws:iam::${names.accountId}:role/${names.firehoseRole}$`));
    });

    test("records put into Kinesis arrive newline-delimited under the prefix, in objects named as Firehose names them", async () => {
      const records = Array.from({ length: RECORDS }, (_, index) => telemetryRecord(index, TIPOS[index % TIPOS.length]));
      const put = await target.clients.kinesis.send(
        new PutRecordsCommand({ StreamName: names.stream, Records: records.map((record) => ({ PartitionKey: record.idtemp, Data: new TextEncoder().encode(JSON.stringify(record)) })) }),
      );
      assert.equal(put.FailedRecordCount, 0);

      const delivered = await waitForDeliveredRecords(target.clients.s3, names.bucket, names.dataPrefix, RECORDS, { timeoutMs: minutes(5), pollMs: target.pollMs * 5 });
      assert.equal(delivered.records, RECORDS);
      assert.equal(delivered.lines, RECORDS);
      const lines: unknown[] = [];
      for await (const key of listKeys(target.clients.s3, names.bucket, names.dataPrefix)) {
        // <prefix>YYYY/MM/DD/HH/<delivery stream>-<version>-YYYY-MM-DD-HH-MM-SS-<random> (https://docs.aws.amazon.com/firehose/latest/dev/s3-object-name.html)
        assert.match(key, new RegExp(`^telemetry/\\d{4}/\\d{2}/\\d{2}/\\d{2}/${names.deliveryStream}-\\d+-\\d{4}(-\\d{2}){5}-[0-9a-f-]{36}$`));
        const { text } = await readObjectText(target.clients.s3, names.bucket, key);
        assert.ok(text.endsWith("\n"), `${key} ends with the delimiter`);
        lines.push(...text.trimEnd().split("\n").map((line) => JSON.parse(line) as unknown));
      }
      assert.deepEqual(
        lines.map((line) => (line as { idtemp: string }).idtemp).sort((a, b) => Number(a) - Number(b)),
        records.map((record) => record.idtemp),
      );
    });

    test("the crawler over the delivered prefix makes the table: four string columns, four hourly partition keys", async () => {
      await runCrawler(target.clients.glue, names.crawler, { timeoutMs: minutes(10) });
      const table = (await target.clients.glue.send(new GetTableCommand({ DatabaseName: names.database, Name: names.table }))).Table!;
      assert.deepEqual(
        (table.StorageDescriptor?.Columns ?? []).map((column) => [column.Name, column.Type]).sort(),
        [["dado", "string"], ["idtemp", "string"], ["timestamp", "string"], ["tipo", "string"]],
      );
      assert.deepEqual(table.PartitionKeys?.map((key) => key.Name), ["partition_0", "partition_1", "partition_2", "partition_3"]);
      assert.equal(table.StorageDescriptor?.Location, `s3://${names.bucket}/${names.dataPrefix}`);
    });

    test("Athena counts the records and groups them by tipo", async () => {
      const options = { ...athenaQueryOptions(names), timeoutMs: minutes(2) };
      assert.deepEqual(await runQueryToRows(target.clients.athena, `select count(*) as n from "${names.table}"`, options), [{ n: String(RECORDS) }]);
      assert.deepEqual(await runQueryToRows(target.clients.athena, `select tipo, count(*) as n from "${names.table}" group by tipo order by tipo`, options), [
        { tipo: "energia", n: String(RECORDS / 2) },
        { tipo: "temperatura", n: String(RECORDS / 2) },
      ]);
    });
  });

  describe("errors", () => {
    // Athena's DDL takes backticks; double quotes are for SELECT (https://docs.aws.amazon.com/athena/latest/ug/reserved-words.html).
    test("Athena refuses DROP TABLE with a double-quoted name at start: MALFORMED_QUERY", async () => {
      const refused = await rejectsWith(
        target.clients.athena.send(
          new StartQueryExecutionCommand({
            QueryString: `drop table if exists "${names.table}"`,
            QueryExecutionContext: { Database: names.database },
            ResultConfiguration: { OutputLocation: athenaQueryOptions(names).outputLocation },
          }),
        ),
        { name: "InvalidRequestException", message: new RegExp(`^line 1:22: mismatched input '"${names.table}"' expecting \\{`) },
      );
      assert.equal((refused as InvalidRequestException).AthenaErrorCode, "MALFORMED_QUERY");
    });

    test("Athena fails a SELECT of a missing table with TABLE_NOT_FOUND, and of a missing column with COLUMN_NOT_FOUND", async () => {
      const options = { ...athenaQueryOptions(names), timeoutMs: minutes(2) };
      await assert.rejects(
        runQuery(target.clients.athena, "select * from nenhuma", options),
        new RegExp(`FAILED: TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog\\.${names.database}\\.nenhuma' does not exist$`),
      );
      await assert.rejects(
        runQuery(target.clients.athena, `select x from "${names.table}"`, options),
        /FAILED: COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved or requester is not authorized to access requested resources$/,
      );
    });

    test("CreateDeliveryStream with a role Firehose cannot assume: InvalidArgumentException", async () => {
        const glueOnly = `${target.prefix}-glue-only`;
        const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole" }] };
        const role = (await target.iam.send(new CreateRoleCommand({ RoleName: glueOnly, AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role!;
        await rejectsWith(
          target.clients.firehose.send(
            new CreateDeliveryStreamCommand({
              DeliveryStreamName: `${target.prefix}-unassumable`,
              DeliveryStreamType: "KinesisStreamAsSource",
              KinesisStreamSourceConfiguration: { KinesisStreamARN: provisioned.streamArn, RoleARN: role.Arn! },
              ExtendedS3DestinationConfiguration: { BucketARN: `arn:aws:s3:::${names.bucket}`, RoleARN: role.Arn! },
            }),
          ),
          { name: "InvalidArgumentException", message: /unable to assume role/i },
        );
    });
  });

  describe("teardown", () => {
    test("teardownPipeline deletes everything provisionPipeline made, and nothing of the pipeline is left", async () => {
      const deleted = await teardownPipeline(target.clients, names, { iam: target.iam });
      assert.deepEqual(deleted.map((resource) => resource.kind).sort(), ["bucket", "crawler", "database", "deliveryStream", "logGroup", "logStream", "role", "role", "stream"]);
      await untilSettled(target, async () => (await listPipelineResources(target.clients, names, { iam: target.iam })).length === 0);
      assert.deepEqual(await listPipelineResources(target.clients, names, { iam: target.iam }), []);
    });
  });
});
