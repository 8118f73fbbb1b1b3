import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  InvalidParameterException,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from "@aws-sdk/client-cloudwatch-logs";
import { clientConfig, startTestEmulator, type TestEmulator } from "../../support/testEmulator";

// CloudWatch Logs as far as the pipeline uses it, by the real SDK over a socket
// (API reference: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/).

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);

async function withLogs(run: (logs: CloudWatchLogsClient, emulator: TestEmulator) => Promise<void>, dataDir?: string): Promise<TestEmulator> {
  const emulator = await startTestEmulator({ now: () => T0, ...(dataDir === undefined ? {} : { dataDir }) });
  const logs = new CloudWatchLogsClient(clientConfig(emulator.emulator.url));
  try {
    await run(logs, emulator);
  } catch (error) {
    await emulator.close();
    throw error;
  } finally {
    logs.destroy();
  }
  return emulator;
}

describe("CloudWatch Logs", () => {
  test("with --credentials, a request the SDK signed for 'logs' (its signing name) is accepted", async () => {
    const key = { accessKeyId: "AKIDLOGS", secretAccessKey: "logs-secret" };
    const emulator = await startTestEmulator({ credentials: [key] });
    const logs = new CloudWatchLogsClient({ ...clientConfig(emulator.emulator.url), credentials: key });
    try {
      await logs.send(new CreateLogGroupCommand({ logGroupName: "/signed" }));
      assert.deepEqual(((await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map((group) => group.logGroupName), ["/signed"]);
    } finally {
      logs.destroy();
      await emulator.close();
    }
  });

  describe("retention and deleting a stream", () => {
    test("PutRetentionPolicy takes only the listed day counts, and DescribeLogGroups shows the one set", async () => {
      const emulator = await withLogs(async (logs) => {
        await logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/kinesisfirehose/x" }));
        await assert.rejects(logs.send(new PutRetentionPolicyCommand({ logGroupName: "/aws/kinesisfirehose/x", retentionInDays: 2 })), (error: unknown) => {
          assert.ok(error instanceof InvalidParameterException);
          assert.match(error.message, /Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: \[1, 3, 5, 7, 14,/);
          return true;
        });
        await assert.rejects(logs.send(new PutRetentionPolicyCommand({ logGroupName: "/absent", retentionInDays: 1 })), ResourceNotFoundException);
        await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/aws/kinesisfirehose/x", retentionInDays: 1 }));
        const [group] = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? [];
        assert.equal(group?.retentionInDays, 1);
      });
      await emulator.close();
    });

    test("DeleteLogStream removes that stream only; a missing stream or group is ResourceNotFoundException", async () => {
      const emulator = await withLogs(async (logs) => {
        await logs.send(new CreateLogGroupCommand({ logGroupName: "/aws-glue/crawlers" }));
        await logs.send(new CreateLogStreamCommand({ logGroupName: "/aws-glue/crawlers", logStreamName: "mine" }));
        await logs.send(new CreateLogStreamCommand({ logGroupName: "/aws-glue/crawlers", logStreamName: "theirs" }));
        await logs.send(new DeleteLogStreamCommand({ logGroupName: "/aws-glue/crawlers", logStreamName: "mine" }));
        const streams = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: "/aws-glue/crawlers" }))).logStreams ?? [];
        assert.deepEqual(streams.map((stream) => stream.logStreamName), ["theirs"]);
        await assert.rejects(logs.send(new DeleteLogStreamCommand({ logGroupName: "/aws-glue/crawlers", logStreamName: "mine" })), /The specified log stream does not exist/);
        await assert.rejects(logs.send(new DeleteLogStreamCommand({ logGroupName: "/absent", logStreamName: "mine" })), /The specified log group does not exist/);
      });
      await emulator.close();
    });
  });

  describe("validation", () => {
    test("refuses a log group name with a space with ValidationException", async () => {
      const emulator = await withLogs(async (logs) => {
        await assert.rejects(logs.send(new CreateLogGroupCommand({ logGroupName: "bad name" })), { name: "ValidationException", message: /logGroupName/ });
      });
      await emulator.close();
    });
  });

  describe("errors", () => {
    test("answers ResourceAlreadyExistsException for a second CreateLogGroup and ResourceNotFoundException for an unknown group", async () => {
      const emulator = await withLogs(async (logs) => {
        await logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/kinesisfirehose/gpu" }));
        await assert.rejects(logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/kinesisfirehose/gpu" })), (error) => error instanceof ResourceAlreadyExistsException);
        await assert.rejects(logs.send(new DeleteLogGroupCommand({ logGroupName: "/nope" })), (error) => error instanceof ResourceNotFoundException && error.message === "The specified log group does not exist.");
        await assert.rejects(logs.send(new CreateLogStreamCommand({ logGroupName: "/nope", logStreamName: "s" })), (error) => error instanceof ResourceNotFoundException && error.message === "The specified log group does not exist.");
        await logs.send(new CreateLogStreamCommand({ logGroupName: "/aws/kinesisfirehose/gpu", logStreamName: "DestinationDelivery" }));
        await assert.rejects(logs.send(new CreateLogStreamCommand({ logGroupName: "/aws/kinesisfirehose/gpu", logStreamName: "DestinationDelivery" })), (error) => error instanceof ResourceAlreadyExistsException);
        await assert.rejects(
          logs.send(new PutLogEventsCommand({ logGroupName: "/aws/kinesisfirehose/gpu", logStreamName: "missing", logEvents: [{ timestamp: T0, message: "x" }] })),
          (error) => error instanceof ResourceNotFoundException && error.message === "The specified log stream does not exist.",
        );
      });
      await emulator.close();
    });

    test("refuses a PutLogEvents batch out of chronological order, and leaves out events more than 2 hours ahead", async () => {
      const emulator = await withLogs(async (logs) => {
        await logs.send(new CreateLogGroupCommand({ logGroupName: "g" }));
        await logs.send(new CreateLogStreamCommand({ logGroupName: "g", logStreamName: "s" }));
        await assert.rejects(
          logs.send(new PutLogEventsCommand({ logGroupName: "g", logStreamName: "s", logEvents: [{ timestamp: T0, message: "b" }, { timestamp: T0 - 1, message: "a" }] })),
          (error) => error instanceof InvalidParameterException && /chronological order/.test(error.message),
        );
        const answer = await logs.send(new PutLogEventsCommand({ logGroupName: "g", logStreamName: "s", logEvents: [{ timestamp: T0, message: "now" }, { timestamp: T0 + 3 * 3_600_000, message: "ahead" }] }));
        assert.deepEqual(answer.rejectedLogEventsInfo, { tooNewLogEventStartIndex: 1 });
        const events = await logs.send(new GetLogEventsCommand({ logGroupName: "g", logStreamName: "s", startFromHead: true }));
        assert.deepEqual(events.events?.map((event) => event.message), ["now"]);
      });
      await emulator.close();
    });
  });

  describe("behaviour", () => {
    test("lists log groups by prefix a page at a time", async () => {
      const emulator = await withLogs(async (logs) => {
        for (const name of ["/aws/kinesisfirehose/a", "/aws/kinesisfirehose/b", "/aws/kinesisfirehose/c", "/aws-glue/crawlers"]) {
          await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
        }
        const first = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/kinesisfirehose/", limit: 2 }));
        assert.deepEqual(first.logGroups?.map((group) => group.logGroupName), ["/aws/kinesisfirehose/a", "/aws/kinesisfirehose/b"]);
        assert.equal(first.logGroups?.[0]?.arn, "arn:aws:logs:us-east-1:000000000000:log-group:/aws/kinesisfirehose/a:*");
        assert.equal(first.logGroups?.[0]?.creationTime, T0);
        const second = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/kinesisfirehose/", limit: 2, nextToken: first.nextToken! }));
        assert.deepEqual(second.logGroups?.map((group) => group.logGroupName), ["/aws/kinesisfirehose/c"]);
        assert.equal(second.nextToken, undefined);
        await logs.send(new DeleteLogGroupCommand({ logGroupName: "/aws/kinesisfirehose/b" }));
        const after = await logs.send(new DescribeLogGroupsCommand({}));
        assert.deepEqual(after.logGroups?.map((group) => group.logGroupName), ["/aws-glue/crawlers", "/aws/kinesisfirehose/a", "/aws/kinesisfirehose/c"]);
      });
      await emulator.close();
    });

    test("reads events back with GetLogEvents and FilterLogEvents, and keeps them across a restart", async () => {
      const first = await withLogs(async (logs) => {
        await logs.send(new CreateLogGroupCommand({ logGroupName: "g" }));
        await logs.send(new CreateLogStreamCommand({ logGroupName: "g", logStreamName: "DestinationDelivery" }));
        await logs.send(new CreateLogStreamCommand({ logGroupName: "g", logStreamName: "BackupDelivery" }));
        await logs.send(
          new PutLogEventsCommand({
            logGroupName: "g",
            logStreamName: "DestinationDelivery",
            logEvents: [
              { timestamp: T0 - 2000, message: JSON.stringify({ errorCode: "S3.NoSuchBucket", message: "The specified bucket does not exist" }) },
              { timestamp: T0 - 1000, message: "plain line" },
            ],
          }),
        );
      });
      await first.stop();
      const second = await withLogs(async (logs) => {
        const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: "g" }));
        assert.deepEqual(streams.logStreams?.map((stream) => [stream.logStreamName, stream.firstEventTimestamp, stream.lastEventTimestamp]), [
          ["BackupDelivery", undefined, undefined],
          ["DestinationDelivery", T0 - 2000, T0 - 1000],
        ]);
        const newest = await logs.send(new GetLogEventsCommand({ logGroupName: "g", logStreamName: "DestinationDelivery", limit: 1 }));
        assert.deepEqual(newest.events?.map((event) => event.message), ["plain line"]);
        const older = await logs.send(new GetLogEventsCommand({ logGroupName: "g", logStreamName: "DestinationDelivery", limit: 1, nextToken: newest.nextBackwardToken! }));
        assert.equal(older.events?.length, 1);
        const json = await logs.send(new FilterLogEventsCommand({ logGroupName: "g", filterPattern: '{ $.errorCode = "S3.NoSuchBucket" }' }));
        assert.deepEqual(json.events?.map((event) => [event.logStreamName, event.timestamp]), [["DestinationDelivery", T0 - 2000]]);
        const terms = await logs.send(new FilterLogEventsCommand({ logGroupName: "g", filterPattern: '"plain line"' }));
        assert.deepEqual(terms.events?.map((event) => event.message), ["plain line"]);
      }, first.dataDir);
      await second.close();
    });
  });
});
