import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DescribeDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { CreateTableCommand, GetCrawlerCommand, StartCrawlerCommand } from "@aws-sdk/client-glue";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import {
  emptyBucket,
  ensureBucket,
  ensureCrawler,
  ensureDeliveryStream,
  ERROR_OUTPUT_PREFIX,
  formatPipelineResources,
  listPipelineResources,
  localPipelineNames,
  provisionPipeline,
  provisionStorageAndStream,
  runCrawler,
  s3Uri,
  teardownPipeline,
  type AwsClients,
} from "@gpu-stream/shared";
import { clientConfig, useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { recordIamCalls } from "../../support/emulatorIam";

const names = localPipelineNames();
const LOCAL_FIREHOSE_ROLE = "arn:aws:iam::000000000000:role/gpu-stream-firehose";
const LOCAL_CRAWLER_ROLE = "arn:aws:iam::000000000000:role/gpu-stream-glue-crawler";
/** The emulator deletes at once; this keeps waits for a stopping crawler short. */
const QUICK = { wait: { intervalMs: 50, timeoutMs: 30_000 } };

describe("provisionPipeline, listPipelineResources and teardownPipeline on the emulator (local mode)", () => {
  let emulator: TestEmulator;
  let clients: AwsClients;

  useTestEmulator((started) => {
    emulator = started;
    clients = started.clients;
  });

  test("nothing is listed before set-up", async () => {
    const resources = await listPipelineResources(clients, names);
    assert.deepEqual(resources, []);
    assert.equal(formatPipelineResources(resources), "Nothing of the pipeline exists.");
  });

  test("the first call creates the bucket, stream, delivery stream, database and crawler, with no IAM calls", async () => {
    const steps: string[] = [];
    const iam = new IAMClient(clientConfig(emulator.emulator.url));
    const calls: string[] = [];
    recordIamCalls(iam, calls);
    const result = await provisionPipeline(clients, names, { iam, bufferIntervalSeconds: 30, bufferSizeMB: 2, onStep: (line) => steps.push(line) }).finally(() => iam.destroy());
    assert.deepEqual(calls, []);
    const admin = new IAMClient(clientConfig(emulator.emulator.url));
    assert.deepEqual((await admin.send(new ListRolesCommand({})).finally(() => admin.destroy())).Roles, [], "local mode makes no role");
    assert.deepEqual(result.resources, [
      { kind: "bucket", name: "gpu-stream-telemetry", created: true },
      { kind: "stream", name: "gpucontrole", created: true },
      { kind: "logGroup", name: "/aws/kinesisfirehose/gpucontrole-to-s3", created: true },
      { kind: "logStream", name: "/aws/kinesisfirehose/gpucontrole-to-s3/DestinationDelivery", created: true },
      { kind: "deliveryStream", name: "gpucontrole-to-s3", created: true },
      { kind: "database", name: "gpu_stream", created: true },
      { kind: "crawler", name: "gpu-stream-crawler", created: true },
    ]);
    assert.match(result.streamArn, /^arn:aws:kinesis:us-east-1:000000000000:stream\/gpucontrole$/);
    assert.deepEqual(result.roleArns, { firehose: LOCAL_FIREHOSE_ROLE, crawler: LOCAL_CRAWLER_ROLE });
    assert.equal(result.resultsLocation, "s3://gpu-stream-telemetry/athena-results/");
    assert.ok(steps.includes("created S3 bucket gpu-stream-telemetry"), steps.join("\n"));
    assert.ok(steps.includes("created Glue crawler gpu-stream-crawler"), steps.join("\n"));

    const { DeliveryStreamDescription: delivery } = await clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: names.deliveryStream }));
    const destination = delivery?.Destinations?.[0]?.ExtendedS3DestinationDescription;
    assert.equal(delivery?.Source?.KinesisStreamSourceDescription?.KinesisStreamARN, result.streamArn);
    assert.equal(delivery?.Source?.KinesisStreamSourceDescription?.RoleARN, LOCAL_FIREHOSE_ROLE);
    assert.equal(destination?.RoleARN, LOCAL_FIREHOSE_ROLE);
    assert.equal(destination?.BucketARN, "arn:aws:s3:::gpu-stream-telemetry");
    assert.equal(destination?.Prefix, "telemetry/");
    assert.equal(destination?.ErrorOutputPrefix, ERROR_OUTPUT_PREFIX);
    assert.deepEqual(destination?.BufferingHints, { IntervalInSeconds: 30, SizeInMBs: 2 });
    assert.deepEqual(destination?.ProcessingConfiguration?.Processors?.map((processor) => processor.Type), ["AppendDelimiterToRecord"]);
    assert.deepEqual(destination?.CloudWatchLoggingOptions, { Enabled: true, LogGroupName: "/aws/kinesisfirehose/gpucontrole-to-s3", LogStreamName: "DestinationDelivery" });

    const { Crawler: crawler } = await clients.glue.send(new GetCrawlerCommand({ Name: names.crawler }));
    assert.equal(crawler?.Role, LOCAL_CRAWLER_ROLE);
    assert.equal(crawler?.DatabaseName, "gpu_stream");
    assert.deepEqual(crawler?.Targets?.S3Targets?.map((target) => target.Path), ["s3://gpu-stream-telemetry/telemetry/"]);
  });

  test("a second call creates nothing and succeeds", async () => {
    const steps: string[] = [];
    const result = await provisionPipeline(clients, names, { onStep: (line) => steps.push(line) });
    assert.deepEqual(
      result.resources.map((resource) => resource.created),
      [false, false, false, false, false, false, false],
    );
    assert.ok(steps.includes("Kinesis data stream gpucontrole already exists"), steps.join("\n"));
  });

  test("the provisioned pipeline delivers records newline-delimited under the data prefix, and the crawler makes the table", async () => {
    const records = ["17", "18", "19"].map((id) => JSON.stringify({ idtemp: id, dado: "36.2107", tipo: "energia", timestamp: "2026-11-28 06:29:32.123456" }));
    await clients.kinesis.send(
      new PutRecordsCommand({ StreamName: names.stream, Records: records.map((record, index) => ({ Data: new TextEncoder().encode(record), PartitionKey: String(index) })) }),
    );
    await emulator.emulator.flushFirehose(names.deliveryStream);
    const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: names.bucket, Prefix: names.dataPrefix }));
    assert.equal(listed.Contents?.length, 1);
    const body = await (await clients.s3.send(new GetObjectCommand({ Bucket: names.bucket, Key: listed.Contents![0]!.Key! }))).Body!.transformToString();
    assert.deepEqual(body.split("\n"), [...records, ""]);
    await runCrawler(clients.glue, names.crawler);
  });

  test("listPipelineResources shows each resource with a one-line detail", async () => {
    const resources = await listPipelineResources(clients, names);
    assert.deepEqual(
      resources.map(({ kind, name }) => `${kind} ${name}`),
      [
        "bucket gpu-stream-telemetry",
        "stream gpucontrole",
        "logGroup /aws/kinesisfirehose/gpucontrole-to-s3",
        "deliveryStream gpucontrole-to-s3",
        "database gpu_stream",
        "crawler gpu-stream-crawler",
        "logStream /aws-glue/crawlers/gpu-stream-crawler",
      ],
    );
    const detail = (kind: string): string => resources.find((resource) => resource.kind === kind)!.detail;
    assert.match(detail("bucket"), /^1 object, \d+ bytes$/);
    assert.equal(detail("stream"), "ACTIVE, 1 open shard, PROVISIONED");
    assert.equal(detail("deliveryStream"), "ACTIVE, into s3://gpu-stream-telemetry/telemetry/");
    assert.equal(detail("database"), "1 table: telemetry");
    assert.equal(detail("crawler"), "READY, last crawl SUCCEEDED");
    assert.match(formatPipelineResources(resources), /^S3 bucket gpu-stream-telemetry +1 object/);
  });

  test("teardown deletes everything (the sidebar, a running crawler, tables, objects) and leaves nothing listed", async () => {
    const { streamArn } = await provisionPipeline(clients, names);
    await ensureDeliveryStream(clients.firehose, names.sidebar.deliveryStream, {
      sourceStreamArn: streamArn,
      bucket: names.bucket,
      roleArn: LOCAL_FIREHOSE_ROLE,
      prefix: names.sidebar.dataPrefix,
      newlineDelimited: false,
    });
    await clients.s3.send(new PutObjectCommand({ Bucket: names.bucket, Key: `${names.sidebar.dataPrefix}x.json`, Body: '{"a":1}{"a":2}' }));
    await clients.s3.send(new PutObjectCommand({ Bucket: names.bucket, Key: `${names.resultsPrefix}q.csv`, Body: '"a"\n"1"\n' }));
    await ensureCrawler(clients.glue, names.sidebar.crawler, { database: names.database, s3Path: s3Uri(names.bucket, names.sidebar.dataPrefix), roleArn: LOCAL_CRAWLER_ROLE });
    await clients.glue.send(
      new CreateTableCommand({ DatabaseName: names.database, TableInput: { Name: "dados_tratados", StorageDescriptor: { Columns: [{ Name: "a", Type: "int" }], Location: s3Uri(names.bucket, "ctas/") } } }),
    );
    await clients.glue.send(new StartCrawlerCommand({ Name: names.sidebar.crawler }));

    const steps: string[] = [];
    const deleted = await teardownPipeline(clients, names, { ...QUICK, onStep: (line) => steps.push(line) });
    // The crawlers' log streams: shared/aws/pipelineLogs.test.ts.
    assert.deepEqual(deleted.filter((resource) => resource.kind !== "logStream"), [
      { kind: "crawler", name: "gpu-stream-crawler" },
      { kind: "crawler", name: "gpu-stream-no-newline-crawler" },
      { kind: "database", name: "gpu_stream", detail: "tables dados_tratados, telemetry" },
      { kind: "deliveryStream", name: "gpucontrole-to-s3" },
      { kind: "deliveryStream", name: "gpucontrole-to-s3-no-newline" },
      { kind: "logGroup", name: "/aws/kinesisfirehose/gpucontrole-to-s3" },
      { kind: "stream", name: "gpucontrole" },
      { kind: "bucket", name: "gpu-stream-telemetry", detail: "3 objects" },
    ]);
    assert.ok(steps.includes("deleted S3 bucket gpu-stream-telemetry (3 objects)"), steps.join("\n"));
    assert.deepEqual(await listPipelineResources(clients, names), []);
  });

  test("teardown of nothing deletes nothing and succeeds", async () => {
    const steps: string[] = [];
    assert.deepEqual(await teardownPipeline(clients, names, { ...QUICK, onStep: (line) => steps.push(line) }), []);
    assert.ok(steps.includes("Kinesis data stream gpucontrole: not there"), steps.join("\n"));
  });

  test("deleteBucket: false keeps the bucket and its data", async () => {
    await provisionStorageAndStream(clients, names);
    const deleted = await teardownPipeline(clients, names, { ...QUICK, deleteBucket: false });
    assert.deepEqual(
      deleted.map((resource) => resource.kind),
      ["deliveryStream", "logGroup", "stream"],
    );
    assert.deepEqual(
      (await listPipelineResources(clients, names)).map((resource) => `${resource.kind} ${resource.detail}`),
      ["bucket empty"],
    );
    await teardownPipeline(clients, names, QUICK);
    assert.deepEqual(await listPipelineResources(clients, names), []);
  });

  test("an on-demand stream is created without a shard count", async () => {
    await provisionStorageAndStream(clients, names, { streamMode: "ON_DEMAND" });
    const stream = (await listPipelineResources(clients, names)).find((resource) => resource.kind === "stream");
    assert.equal(stream?.detail, "ACTIVE, 4 open shards, ON_DEMAND");
    await teardownPipeline(clients, names, QUICK);
  });

  test("emptyBucket deletes more than one page (1000) of objects", async () => {
    const bucket = "many-objects";
    await ensureBucket(clients.s3, bucket);
    const keys = Array.from({ length: 1003 }, (_, index) => `k/${String(index).padStart(4, "0")}`);
    for (let start = 0; start < keys.length; start += 50) {
      await Promise.all(keys.slice(start, start + 50).map((key) => clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "x" }))));
    }
    assert.equal(await emptyBucket(clients.s3, bucket), 1003);
    const left = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    assert.equal(left.KeyCount, 0);
  });
});
