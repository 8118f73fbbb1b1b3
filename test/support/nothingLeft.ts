import assert from "node:assert/strict";
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { ListDeliveryStreamsCommand } from "@aws-sdk/client-firehose";
import { GetCrawlersCommand, GetDatabasesCommand } from "@aws-sdk/client-glue";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { clientConfig, type TestEmulator } from "./testEmulator";

/** The crawlers' log group: every crawler of an account logs there, so a teardown deletes only its own streams. */
const CRAWLER_LOG_GROUP = "/aws-glue/crawlers";

/**
 * AWS mode's done-when, on the emulator playing AWS: no stream, delivery stream, role, crawler, database, log group
 * (the shared crawler group aside, and no stream left in it) or bucket.
 */
export async function assertNothingLeft(emulator: TestEmulator): Promise<void> {
  const iam = new IAMClient(clientConfig(emulator.emulator.url));
  const logs = new CloudWatchLogsClient(clientConfig(emulator.emulator.url));
  try {
    assert.deepEqual((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames ?? [], [], "streams");
    assert.deepEqual((await emulator.firehose.send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames ?? [], [], "delivery streams");
    assert.deepEqual(((await iam.send(new ListRolesCommand({}))).Roles ?? []).map((role) => role.RoleName), [], "roles");
    assert.deepEqual(((await emulator.glue.send(new GetCrawlersCommand({}))).Crawlers ?? []).map((crawler) => crawler.Name), [], "crawlers");
    assert.deepEqual(((await emulator.glue.send(new GetDatabasesCommand({}))).DatabaseList ?? []).map((database) => database.Name), [], "databases");
    const groups = ((await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map((group) => group.logGroupName);
    assert.deepEqual(groups.filter((name) => name !== CRAWLER_LOG_GROUP), [], "log groups (the account's shared crawler group aside)");
    if (groups.includes(CRAWLER_LOG_GROUP)) {
      const streams = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: CRAWLER_LOG_GROUP }))).logStreams ?? [];
      assert.deepEqual(streams.map((stream) => stream.logStreamName), [], "the crawlers' log streams");
    }
    assert.deepEqual((await emulator.s3.send(new ListBucketsCommand({}))).Buckets ?? [], [], "buckets");
  } finally {
    iam.destroy();
    logs.destroy();
  }
}
