import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeDeliveryStreamCommand, FirehoseClient } from "@aws-sdk/client-firehose";
import { S3Client } from "@aws-sdk/client-s3";
import { CreateRoleCommand, DeleteRolePolicyCommand, GetRoleCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { createBucket, createDeliveryStream, createKinesisStream, kinesisArn, putKinesisRecords, readObjects, rejectsWith, uniqueName } from "../../support/firehoseSdk";
import { ROLE_ARN } from "../../support/firehoseTestKit";
import { startChildEmulator } from "../../support/childEmulator";
import { rawRequest } from "../../support/rawHttp";
import { clientConfig, startTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { REPO_ROOT } from "../../support/repoRoot";

// Firehose acts as the roles it is given: it assumes them as firehose.amazonaws.com (the account as sts:ExternalId)
// at CreateDeliveryStream, and asks them for each read of the Kinesis source, each S3 PutObject and each error log
// event ("Controlling access with Amazon Data Firehose"; "Monitor Amazon Data Firehose Using CloudWatch Logs").

const ACCOUNT = "000000000000";
const ASSUME_REFUSED = (roleArn: string): string => `Firehose is unable to assume role ${roleArn}. Please check the role provided.`;
const S3_ACCESS_DENIED = "Access was denied. Ensure that the trust policy for the provided IAM role allows Firehose to assume the role, and the access policy allows access to the S3 bucket.";
const KINESIS_ACCESS_DENIED = "Access was denied when calling Kinesis. Ensure the access policy on the IAM role used allows access to the appropriate Kinesis APIs.";
const LOG_GROUP = "/aws/kinesisfirehose/acts-as-role";
const LOG_STREAM = "DestinationDelivery";
const LOGGING = { Enabled: true, LogGroupName: LOG_GROUP, LogStreamName: LOG_STREAM };

function trustPolicy(service: string, condition?: unknown): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition === undefined ? {} : { Condition: condition }) }],
  });
}

type Statement = Record<string, unknown>;
const policy = (...statements: Statement[]): string => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const readSource = (stream: string): Statement => ({ Effect: "Allow", Action: ["kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords"], Resource: kinesisArn(stream) });
const describeSource = (stream: string): Statement => ({ Effect: "Allow", Action: "kinesis:DescribeStream", Resource: kinesisArn(stream) });
const putObjects = (bucket: string): Statement => ({ Effect: "Allow", Action: "s3:PutObject", Resource: `arn:aws:s3:::${bucket}/*` });
const writeLog: Statement = { Effect: "Allow", Action: "logs:PutLogEvents", Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${LOG_GROUP}:log-stream:${LOG_STREAM}` };

describe("Firehose acts as its role", () => {
  let aws: TestEmulator;
  let iam: IAMClient;
  let logs: CloudWatchLogsClient;
  before(async () => {
    aws = await startTestEmulator();
    iam = new IAMClient(clientConfig(aws.emulator.url));
    logs = new CloudWatchLogsClient(clientConfig(aws.emulator.url));
    await logs.send(new CreateLogGroupCommand({ logGroupName: LOG_GROUP }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: LOG_GROUP, logStreamName: LOG_STREAM }));
  });
  after(async () => {
    iam.destroy();
    logs.destroy();
    await aws.close();
  });

  /** A role trusting Firehose (with the account as external id, as the console makes them), with `statements` inline. */
  async function role(statements: Statement[], trust = trustPolicy("firehose.amazonaws.com", { StringEquals: { "sts:ExternalId": ACCOUNT } })): Promise<{ name: string; arn: string }> {
    const name = uniqueName("role");
    const created = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
    if (statements.length > 0) {
      await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "delivery", PolicyDocument: policy(...statements) }));
    }
    return { name, arn: created.Role!.Arn! };
  }

  /** A Kinesis-sourced delivery stream whose source and destination roles are `roleArn`, logging its errors. */
  async function kinesisPipeline(statementsFor: (stream: string, bucket: string) => Statement[]) {
    const stream = await createKinesisStream(aws.kinesis);
    const bucket = await createBucket(aws.s3);
    const { name: roleName, arn: roleArn } = await role(statementsFor(stream, bucket));
    const name = await createDeliveryStream(aws.firehose, {
      bucket,
      kinesisStream: stream,
      KinesisStreamSourceConfiguration: { KinesisStreamARN: kinesisArn(stream), RoleARN: roleArn },
      destination: { RoleARN: roleArn, CloudWatchLoggingOptions: LOGGING },
    });
    return { stream, bucket, name, roleName, roleArn };
  }

  async function loggedEvents(deliveryStreamName: string): Promise<Record<string, unknown>[]> {
    const found = await logs.send(new FilterLogEventsCommand({ logGroupName: LOG_GROUP, logStreamNames: [LOG_STREAM] }));
    return (found.events ?? []).map((event) => JSON.parse(event.message!) as Record<string, unknown>).filter((event) => String(event["deliveryStreamARN"]).endsWith(`/${deliveryStreamName}`));
  }

  describe("CreateDeliveryStream assumes the roles", () => {
    test("refuses a role whose trust policy names glue.amazonaws.com, worded as AWS words it", async () => {
      const bucket = await createBucket(aws.s3);
      const glueRole = await role([putObjects(bucket)], trustPolicy("glue.amazonaws.com"));
      const refused = await rejectsWith(createDeliveryStream(aws.firehose, { bucket, destination: { RoleARN: glueRole.arn } }), { name: "InvalidArgumentException", message: ASSUME_REFUSED(glueRole.arn) });
      assert.equal(refused.$metadata?.httpStatusCode, 400);
    });

    test("passes the account as sts:ExternalId: a trust policy naming another account is refused, the right one passes", async () => {
      const bucket = await createBucket(aws.s3);
      const other = await role([putObjects(bucket)], trustPolicy("firehose.amazonaws.com", { StringEquals: { "sts:ExternalId": "111111111111" } }));
      await rejectsWith(createDeliveryStream(aws.firehose, { bucket, destination: { RoleARN: other.arn } }), { name: "InvalidArgumentException", message: ASSUME_REFUSED(other.arn) });
      const right = await role([putObjects(bucket)]);
      const name = await createDeliveryStream(aws.firehose, { bucket, destination: { RoleARN: right.arn } });
      const described = await aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
      assert.equal(described.DeliveryStreamDescription?.DeliveryStreamStatus, "ACTIVE");
    });

    test("passes aws:SourceArn, the delivery stream's ARN: a trust policy for another delivery stream is refused", async () => {
      const bucket = await createBucket(aws.s3);
      const condition = { ArnLike: { "aws:SourceArn": `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/only-this-one` }, StringEquals: { "aws:SourceAccount": ACCOUNT } };
      const scoped = await role([putObjects(bucket)], trustPolicy("firehose.amazonaws.com", condition));
      await rejectsWith(createDeliveryStream(aws.firehose, { bucket, destination: { RoleARN: scoped.arn } }), { name: "InvalidArgumentException", message: ASSUME_REFUSED(scoped.arn) });
      await createDeliveryStream(aws.firehose, { bucket, name: "only-this-one", destination: { RoleARN: scoped.arn } });
    });

    test("refuses a Kinesis source whose role may not kinesis:DescribeStream the stream", async () => {
      const stream = await createKinesisStream(aws.kinesis);
      const bucket = await createBucket(aws.s3);
      const writer = await role([putObjects(bucket)]);
      await rejectsWith(
        createDeliveryStream(aws.firehose, { bucket, kinesisStream: stream, KinesisStreamSourceConfiguration: { KinesisStreamARN: kinesisArn(stream), RoleARN: writer.arn }, destination: { RoleARN: writer.arn } }),
        { name: "InvalidArgumentException", message: `Role ${writer.arn} is not authorized to perform: kinesis:DescribeStream on resource ${kinesisArn(stream)}.` },
      );
    });

    test("takes a role ARN that names no role in the emulator, unrestricted (local mode names roles it never creates)", async () => {
      const bucket = await createBucket(aws.s3);
      const name = await createDeliveryStream(aws.firehose, { bucket, destination: { RoleARN: ROLE_ARN } });
      assert.equal((await aws.emulator.flushFirehose(name)).deliveryStreams[0]!.error, undefined);
    });
  });

  describe("delivery asks the role at each attempt", () => {
    test("without s3:PutObject nothing is delivered, the stream stays ACTIVE, S3.AccessDenied is logged; with it the records arrive", async () => {
      const { stream, bucket, name, roleName } = await kinesisPipeline((source) => [readSource(source), writeLog]);
      await putKinesisRecords(aws.kinesis, stream, ["{\"a\":1}", "{\"a\":2}", "{\"a\":3}"]);
      const refused = await aws.emulator.flushFirehose(name);
      assert.deepEqual(refused.deliveryStreams[0], { deliveryStreamName: name, objects: [], bufferedRecords: 3, error: { code: "S3.AccessDenied", message: S3_ACCESS_DENIED } });
      assert.deepEqual(await readObjects(aws.s3, bucket), []);
      const described = await aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
      assert.equal(described.DeliveryStreamDescription?.DeliveryStreamStatus, "ACTIVE");
      assert.deepEqual(await loggedEvents(name), [
        { deliveryStreamARN: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/${name}`, destination: `arn:aws:s3:::${bucket}`, deliveryStreamVersionId: 1, message: S3_ACCESS_DENIED, errorCode: "S3.AccessDenied" },
      ]);

      await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: "write", PolicyDocument: policy(putObjects(bucket)) }));
      const delivered = await aws.emulator.flushFirehose(name);
      assert.equal(delivered.deliveryStreams[0]!.error, undefined);
      const objects = await readObjects(aws.s3, bucket);
      assert.equal(objects.length, 1);
      assert.equal(objects[0]!.body.toString(), "{\"a\":1}{\"a\":2}{\"a\":3}", "every record, once");
    });

    test("an explicit Deny wins over an Allow, until it is deleted", async () => {
      const { stream, bucket, name, roleName } = await kinesisPipeline((source, target) => [readSource(source), { Effect: "Allow", Action: "s3:*", Resource: "*" }, { Effect: "Deny", Action: "s3:PutObject", Resource: `arn:aws:s3:::${target}/*` }]);
      await putKinesisRecords(aws.kinesis, stream, ["{\"a\":1}"]);
      assert.equal((await aws.emulator.flushFirehose(name)).deliveryStreams[0]!.error?.code, "S3.AccessDenied");
      await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: "delivery", PolicyDocument: policy(readSource(stream), { Effect: "Allow", Action: "s3:*", Resource: "*" }) }));
      assert.equal((await aws.emulator.flushFirehose(name)).deliveryStreams[0]!.objects.length, 1);
      assert.equal((await readObjects(aws.s3, bucket)).length, 1);
    });

    test("a role without logs:PutLogEvents writes no error event, silently, and delivery is refused all the same", async () => {
      const { stream, name } = await kinesisPipeline((source) => [readSource(source)]);
      await putKinesisRecords(aws.kinesis, stream, ["{\"a\":1}"]);
      assert.equal((await aws.emulator.flushFirehose(name)).deliveryStreams[0]!.error?.code, "S3.AccessDenied");
      assert.deepEqual(await loggedEvents(name), []);
    });

    test("a role that may not read the source reads nothing, logs Kinesis.AccessDenied, and reads it all once allowed", async () => {
      const { stream, bucket, name, roleName } = await kinesisPipeline((source, target) => [describeSource(source), putObjects(target), writeLog]);
      await putKinesisRecords(aws.kinesis, stream, ["{\"a\":1}", "{\"a\":2}"]);
      const refused = await aws.emulator.flushFirehose(name);
      assert.deepEqual(refused.deliveryStreams[0], { deliveryStreamName: name, objects: [], bufferedRecords: 0, error: { code: "Kinesis.AccessDenied", message: KINESIS_ACCESS_DENIED } });
      const events = await loggedEvents(name);
      assert.ok(events.length >= 1, "the refused read is logged");
      assert.deepEqual(new Set(events.map((event) => event["errorCode"])), new Set(["Kinesis.AccessDenied"]));

      await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: "delivery", PolicyDocument: policy(readSource(stream), putObjects(bucket), writeLog) }));
      const delivered = await aws.emulator.flushFirehose(name);
      assert.equal(delivered.deliveryStreams[0]!.error, undefined);
      assert.equal((await readObjects(aws.s3, bucket))[0]?.body.toString(), "{\"a\":1}{\"a\":2}");
    });
  });

  describe("faults (not AWS)", () => {
    async function setFaults(faults: unknown): Promise<void> {
      const response = await rawRequest(aws.emulator.url, { method: "POST", path: "/_emulator/faults", headers: { "content-type": "application/json" }, body: JSON.stringify(faults) });
      assert.equal(response.status, 200, response.body.toString());
    }
    after(() => rawRequest(aws.emulator.url, { method: "DELETE", path: "/_emulator/faults" }));

    test("iam.role.propagationDelay: CreateDeliveryStream refuses a new role as AWS does until the delay has passed", async () => {
      await setFaults({ "iam.role.propagationDelay": { forMs: 1500 } });
      const bucket = await createBucket(aws.s3);
      const fresh = await role([putObjects(bucket)]);
      const createdAt = Date.now();
      let attempts = 0;
      for (;;) {
        attempts += 1;
        try {
          await createDeliveryStream(aws.firehose, { bucket, destination: { RoleARN: fresh.arn } });
          break;
        } catch (error) {
          assert.equal((error as Error).name, "InvalidArgumentException");
          assert.equal((error as Error).message, ASSUME_REFUSED(fresh.arn));
          assert.ok(Date.now() - createdAt < 5_000, "refused long after the delay");
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      assert.ok(attempts > 1, "the first attempt, right after CreateRole, was refused");
      assert.ok(Date.now() - createdAt >= 1_300, "accepted before the delay had passed");
    });

    test("iam.latency: every IAM request is answered that late", async () => {
      const { name } = await role([]);
      await setFaults({ "iam.latency": { forMs: 400 } });
      const slowStart = Date.now();
      await iam.send(new GetRoleCommand({ RoleName: name }));
      assert.ok(Date.now() - slowStart >= 390, `answered after ${Date.now() - slowStart} ms`);
      await setFaults({ "iam.latency": { forMs: 0 } });
      const fastStart = Date.now();
      await iam.send(new GetRoleCommand({ RoleName: name }));
      assert.ok(Date.now() - fastStart < 390);
    });
  });

  test("a policy deleted takes effect at the next attempt", async () => {
    const { stream, bucket, name, roleName } = await kinesisPipeline((source, target) => [readSource(source), putObjects(target)]);
    await putKinesisRecords(aws.kinesis, stream, ["{\"a\":1}"]);
    assert.equal((await aws.emulator.flushFirehose(name)).deliveryStreams[0]!.objects.length, 1);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: "delivery" }));
    await putKinesisRecords(aws.kinesis, stream, ["{\"a\":2}"]);
    const refused = await aws.emulator.flushFirehose(name);
    assert.equal(refused.deliveryStreams[0]!.error?.code, "Kinesis.AccessDenied");
    assert.equal((await readObjects(aws.s3, bucket)).length, 1);
  });
});

describe("--enforce-iam", () => {
  test("refuses a role ARN that names no role in the emulator, as AWS does", async () => {
    const aws = await startTestEmulator({ enforceIam: true });
    try {
      const bucket = await createBucket(aws.s3);
      await rejectsWith(createDeliveryStream(aws.firehose, { bucket, destination: { RoleARN: ROLE_ARN } }), { name: "InvalidArgumentException", message: ASSUME_REFUSED(ROLE_ARN) });
    } finally {
      await aws.close();
    }
  });

  test("is the emulator CLI's flag, described in its --help, and refuses there too", async () => {
    const help = spawnSync(process.execPath, [join(REPO_ROOT, "emulator", "dist", "cli.js"), "--help"], { encoding: "utf8" });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout.replace(/\s+/g, " "), /--enforce-iam refuse a role ARN that names no role in the emulator's IAM/);
    const dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-enforce-iam-"));
    const child = await startChildEmulator(dataDir, ["--enforce-iam"]);
    const firehose = new FirehoseClient(clientConfig(child.url));
    const s3 = new S3Client({ ...clientConfig(child.url), forcePathStyle: true });
    try {
      const bucket = await createBucket(s3);
      await rejectsWith(createDeliveryStream(firehose, { bucket, destination: { RoleARN: ROLE_ARN } }), { name: "InvalidArgumentException", message: ASSUME_REFUSED(ROLE_ARN) });
    } finally {
      firehose.destroy();
      s3.destroy();
      await child.stop("SIGTERM");
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
