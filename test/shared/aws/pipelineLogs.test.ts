import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { DescribeDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { DeleteBucketCommand } from "@aws-sdk/client-s3";
import {
  CRAWLER_LOG_GROUP,
  DeliveryFailedError,
  describeDeliveryError,
  ensureDeliveryStream,
  ensureStream,
  firehoseErrorLog,
  listPipelineResources,
  localPipelineNames,
  LOG_RETENTION_DAYS,
  provisionStorageAndStream,
  teardownPipeline,
  waitForDeliveredRecords,
  type AwsClients,
} from "@gpu-stream/shared";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

// Issue 16: the delivery stream logs its errors to the group and stream the Firehose console makes; teardown
// removes that group and the pipeline's crawlers' streams in the account-wide /aws-glue/crawlers, nothing else.

const names = localPipelineNames();
const ERROR_LOG_GROUP = "/aws/kinesisfirehose/gpucontrole-to-s3";
const QUICK = { wait: { intervalMs: 50, timeoutMs: 30_000 } };

async function loggingOptions(clients: AwsClients): Promise<unknown> {
  const { DeliveryStreamDescription: description } = await clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: names.deliveryStream }));
  return description?.Destinations?.[0]?.ExtendedS3DestinationDescription?.CloudWatchLoggingOptions;
}

/** Each log group the emulator holds, with its retention and its streams' names. */
async function logGroups(clients: AwsClients): Promise<Record<string, { retentionInDays?: number; streams: string[] }>> {
  const groups: Record<string, { retentionInDays?: number; streams: string[] }> = {};
  for (const group of (await clients.logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? []) {
    const streams = (await clients.logs.send(new DescribeLogStreamsCommand({ logGroupName: group.logGroupName! }))).logStreams ?? [];
    groups[group.logGroupName!] = {
      ...(group.retentionInDays === undefined ? {} : { retentionInDays: group.retentionInDays }),
      streams: streams.map((stream) => stream.logStreamName!),
    };
  }
  return groups;
}

describe("Firehose's error log and the crawlers' log streams, on the emulator's CloudWatch Logs", () => {
  let clients: AwsClients;

  useTestEmulator((started) => {
    clients = started.clients;
  });

  test("set-up creates the error log group kept 1 day, its DestinationDelivery stream, and a delivery stream logging there", async () => {
    const steps: string[] = [];
    const result = await provisionStorageAndStream(clients, names, { onStep: (line) => steps.push(line) });
    assert.equal(LOG_RETENTION_DAYS, 1);
    assert.deepEqual(await logGroups(clients), { [ERROR_LOG_GROUP]: { retentionInDays: 1, streams: ["DestinationDelivery"] } });
    assert.deepEqual(
      result.resources.filter((resource) => resource.kind.startsWith("log")),
      [
        { kind: "logGroup", name: ERROR_LOG_GROUP, created: true },
        { kind: "logStream", name: `${ERROR_LOG_GROUP}/DestinationDelivery`, created: true },
      ],
    );
    assert.ok(steps.includes(`created CloudWatch log group ${ERROR_LOG_GROUP}`), steps.join("\n"));
    assert.deepEqual(await loggingOptions(clients), { Enabled: true, LogGroupName: ERROR_LOG_GROUP, LogStreamName: "DestinationDelivery" });
  });

  test("a second set-up creates nothing and puts the retention again", async () => {
    await clients.logs.send(new PutRetentionPolicyCommand({ logGroupName: ERROR_LOG_GROUP, retentionInDays: 30 }));
    const result = await provisionStorageAndStream(clients, names);
    assert.ok(result.resources.every((resource) => !resource.created), JSON.stringify(result.resources));
    assert.equal((await logGroups(clients))[ERROR_LOG_GROUP]?.retentionInDays, 1);
  });

  test("listPipelineResources lists the error log group with its retention and each crawler's log stream", async () => {
    await clients.logs.send(new CreateLogGroupCommand({ logGroupName: CRAWLER_LOG_GROUP }));
    for (const crawler of ["gpu-stream-crawler", "gpu-stream-no-newline-crawler", "another-teams-crawler"]) {
      await clients.logs.send(new CreateLogStreamCommand({ logGroupName: CRAWLER_LOG_GROUP, logStreamName: crawler }));
    }
    const listed = (await listPipelineResources(clients, names)).filter((resource) => resource.kind.startsWith("log"));
    assert.deepEqual(listed, [
      { kind: "logGroup", name: ERROR_LOG_GROUP, detail: "kept 1 day, 0 bytes stored" },
      { kind: "logStream", name: "/aws-glue/crawlers/gpu-stream-crawler", detail: "no events" },
      { kind: "logStream", name: "/aws-glue/crawlers/gpu-stream-no-newline-crawler", detail: "no events" },
    ]);
  });

  test("teardown deletes the error log group and the pipeline's crawler log streams, never /aws-glue/crawlers nor another crawler's stream", async () => {
    const deleted = await teardownPipeline(clients, names, QUICK);
    assert.deepEqual(
      deleted.filter((resource) => resource.kind.startsWith("log")),
      [
        { kind: "logStream", name: "/aws-glue/crawlers/gpu-stream-crawler" },
        { kind: "logStream", name: "/aws-glue/crawlers/gpu-stream-no-newline-crawler" },
        { kind: "logGroup", name: ERROR_LOG_GROUP },
      ],
    );
    assert.deepEqual(await logGroups(clients), { [CRAWLER_LOG_GROUP]: { streams: ["another-teams-crawler"] } });
    assert.deepEqual(await listPipelineResources(clients, names), []);
  });

  test("teardown with no logs at all (no /aws-glue/crawlers either) deletes nothing and succeeds", async () => {
    await clients.logs.send(new DeleteLogGroupCommand({ logGroupName: CRAWLER_LOG_GROUP }));
    assert.deepEqual(await logGroups(clients), {});
    const steps: string[] = [];
    assert.deepEqual(await teardownPipeline(clients, names, { ...QUICK, onStep: (line) => steps.push(line) }), []);
    assert.ok(steps.includes(`CloudWatch log group ${ERROR_LOG_GROUP}: not there`), steps.join("\n"));
    assert.ok(steps.includes("CloudWatch log stream /aws-glue/crawlers/gpu-stream-crawler: not there"), steps.join("\n"));
  });

  test("an existing delivery stream without error logging is left as it is, and set-up says so", async () => {
    const stream = await ensureStream(clients.kinesis, names.stream, { shardCount: 1 });
    await ensureDeliveryStream(clients.firehose, names.deliveryStream, { sourceStreamArn: stream.streamArn, bucket: names.bucket, roleArn: "arn:aws:iam::000000000000:role/r" });
    const steps: string[] = [];
    await provisionStorageAndStream(clients, names, { onStep: (line) => steps.push(line) });
    assert.notDeepEqual(await loggingOptions(clients), { Enabled: true, LogGroupName: ERROR_LOG_GROUP, LogStreamName: "DestinationDelivery" });
    assert.ok(
      steps.some((line) => line.startsWith("Firehose delivery stream gpucontrole-to-s3 was made without error logging: left as it is")),
      steps.join("\n"),
    );
    await teardownPipeline(clients, names, QUICK);
  });
});

describe("the delivery wait of a provisioned pipeline (the emulator's Firehose logging its errors)", () => {
  let emulator: TestEmulator;

  useTestEmulator((started) => {
    emulator = started;
  });

  test("shows and ends with what Firehose logged when the bucket is gone", async () => {
    const { clients } = emulator;
    const steps: string[] = [];
    await provisionStorageAndStream(clients, names, { onStep: (line) => steps.push(line) });
    const group = (await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: ERROR_LOG_GROUP }))).logGroups?.[0];
    assert.equal(group?.retentionInDays, 1, "kept one day, so a forgotten group costs nothing");
    await clients.s3.send(new DeleteBucketCommand({ Bucket: names.bucket }));
    const waitStarted = Date.now() - 1000;
    await clients.kinesis.send(new PutRecordsCommand({ StreamName: names.stream, Records: [{ Data: new TextEncoder().encode('{"a":1}'), PartitionKey: "k" }] }));
    await emulator.emulator.flushFirehose(names.deliveryStream);

    const shown: string[] = [];
    await assert.rejects(
      waitForDeliveredRecords(clients.s3, names.bucket, names.dataPrefix, 1, {
        pollMs: 50,
        timeoutMs: 30_000,
        deliveryErrors: { logs: clients.logs, logGroupName: firehoseErrorLog(names).logGroupName, sinceMs: waitStarted, onErrors: (errors) => shown.push(...errors.map(describeDeliveryError)) },
      }),
      (error: unknown) => error instanceof DeliveryFailedError && error.errors[0]?.errorCode === "S3.NoSuchBucket",
    );
    assert.ok(shown.some((line) => line.startsWith("Firehose: S3.NoSuchBucket:")), shown.join("\n"));
  });
});
