import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DescribeDeliveryStreamCommand, FirehoseClient, InvalidArgumentException } from "@aws-sdk/client-firehose";
import { GetCrawlerCommand, GlueClient } from "@aws-sdk/client-glue";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import {
  awsPipelineNames,
  firehoseErrorLog,
  firehoseRolePolicies,
  listPipelineResources,
  provisionPipeline,
  provisionStorageAndStream,
  resolvePipelineNames,
  retryWhileRolePropagates,
  teardownPipeline,
  type AwsClients,
  type PipelineNames,
} from "@gpu-stream/shared";
import { clientConfig, startTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { awsModeClientsAt } from "../../support/awsModeClients";
import { injectFaults, recordIamCalls, rolesOf } from "../../support/emulatorIam";
import { assertNothingLeft } from "../../support/nothingLeft";

/** The emulator's account, as its STS answers GetCallerIdentity. */
const ACCOUNT = "000000000000";
const QUICK = { rolePropagation: { intervalMs: 10, timeoutMs: 5_000 } };

interface Propagation {
  /** How many more times the command finds the new roles still propagating. */
  failuresLeft: number;
}

/**
 * Logs each call of `commandName` to `log` and, just before it is sent, has the emulator's new roles still
 * propagating for the first `failuresLeft` calls (the injected fault iam.role.propagationDelay), propagated after:
 * the emulator itself then refuses the role as AWS does before a new role is usable.
 */
function controlRolePropagation(client: FirehoseClient | GlueClient, emulatorUrl: string, commandName: string, log: string[], propagation: Propagation): void {
  (client.middlewareStack as { add(middleware: unknown, options: unknown): void }).add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      if (context.commandName === commandName) {
        log.push(commandName);
        const propagating = propagation.failuresLeft > 0;
        propagation.failuresLeft -= propagating ? 1 : 0;
        await injectFaults(emulatorUrl, { "iam.role.propagationDelay": { forMs: propagating ? 3_600_000 : 0 } });
      }
      return next(args);
    },
    { step: "initialize", name: `control-iam-propagation-${commandName}` },
  );
}

describe("aws mode against the emulator, its IAM and STS included", () => {
  let emulator: TestEmulator;
  let clients: AwsClients;
  let iam: IAMClient;
  let sts: STSClient;
  let names: PipelineNames;
  const log: string[] = [];
  const firehosePropagation: Propagation = { failuresLeft: 0 };
  const gluePropagation: Propagation = { failuresLeft: 0 };

  before(async () => {
    // Enforced, as AWS: Firehose and the crawler act as the roles set-up makes.
    emulator = await startTestEmulator({ enforceIam: true });
    clients = awsModeClientsAt(emulator.emulator.url);
    iam = new IAMClient(clientConfig(emulator.emulator.url));
    recordIamCalls(iam, log);
    sts = new STSClient(clientConfig(emulator.emulator.url));
    names = await resolvePipelineNames(clients, sts);
    controlRolePropagation(clients.firehose, emulator.emulator.url, "CreateDeliveryStreamCommand", log, firehosePropagation);
    controlRolePropagation(clients.glue, emulator.emulator.url, "CreateCrawlerCommand", log, gluePropagation);
  });
  after(async () => {
    iam.destroy();
    sts.destroy();
    clients.destroy();
    await emulator.close();
  });

  test("the names are the signed-in account's", () => {
    assert.deepEqual(names, awsPipelineNames(ACCOUNT, "us-east-1"));
  });

  test("the first call creates the roles before the delivery stream, and retries while the new roles propagate", async () => {
    firehosePropagation.failuresLeft = 2;
    gluePropagation.failuresLeft = 1;
    const steps: string[] = [];
    const result = await provisionPipeline(clients, names, { iam, ...QUICK, onStep: (line) => steps.push(line) });

    assert.deepEqual(result.resources, [
      { kind: "bucket", name: names.bucket, created: true },
      { kind: "stream", name: "gpucontrole", created: true },
      { kind: "role", name: "gpu-stream-firehose", created: true },
      { kind: "role", name: "gpu-stream-glue-crawler", created: true },
      { kind: "logGroup", name: "/aws/kinesisfirehose/gpucontrole-to-s3", created: true },
      { kind: "logStream", name: "/aws/kinesisfirehose/gpucontrole-to-s3/DestinationDelivery", created: true },
      { kind: "deliveryStream", name: "gpucontrole-to-s3", created: true },
      { kind: "database", name: "gpu_stream", created: true },
      { kind: "crawler", name: "gpu-stream-crawler", created: true },
    ]);
    assert.deepEqual(result.roleArns, { firehose: `arn:aws:iam::${ACCOUNT}:role/gpu-stream-firehose`, crawler: `arn:aws:iam::${ACCOUNT}:role/gpu-stream-glue-crawler` });

    const lastRoleCall = Math.max(log.lastIndexOf("IAM:PutRolePolicy gpu-stream-firehose"), log.lastIndexOf("IAM:AttachRolePolicy gpu-stream-glue-crawler"));
    assert.ok(log.indexOf("IAM:CreateRole gpu-stream-firehose") >= 0 && log.indexOf("IAM:CreateRole gpu-stream-glue-crawler") >= 0, log.join("\n"));
    assert.ok(lastRoleCall < log.indexOf("CreateDeliveryStreamCommand"), log.join("\n"));
    assert.equal(log.filter((call) => call === "CreateDeliveryStreamCommand").length, 3);
    assert.equal(log.filter((call) => call === "CreateCrawlerCommand").length, 2);
    assert.equal(steps.filter((line) => /the new IAM role is not usable yet/.test(line)).length, 3, steps.join("\n"));

    const { DeliveryStreamDescription: delivery } = await clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: names.deliveryStream }));
    assert.equal(delivery?.Destinations?.[0]?.ExtendedS3DestinationDescription?.RoleARN, result.roleArns.firehose);
    assert.equal(delivery?.Destinations?.[0]?.ExtendedS3DestinationDescription?.BucketARN, `arn:aws:s3:::gpu-stream-${ACCOUNT}-us-east-1`);
    const { Crawler: crawler } = await clients.glue.send(new GetCrawlerCommand({ Name: names.crawler }));
    assert.equal(crawler?.Role, result.roleArns.crawler);

    const roles = await rolesOf(iam);
    assert.deepEqual(JSON.parse(roles.get("gpu-stream-firehose")!.trustPolicy), firehoseRolePolicies({ accountId: ACCOUNT, region: "us-east-1", streamNames: ["gpucontrole", "gpucontrole-reshard-demo"], bucket: names.bucket, errorLog: firehoseErrorLog(names) }).trustPolicy);
    assert.deepEqual([...roles.keys()].sort(), ["gpu-stream-firehose", "gpu-stream-glue-crawler"]);
  });

  test("a second call creates nothing, yet puts the roles' policies again", async () => {
    log.length = 0;
    const result = await provisionPipeline(clients, names, { iam, ...QUICK });
    assert.ok(result.resources.every((resource) => !resource.created), JSON.stringify(result.resources));
    assert.ok(!log.some((call) => call.startsWith("IAM:CreateRole") || call === "CreateDeliveryStreamCommand" || call === "CreateCrawlerCommand"), log.join("\n"));
    assert.ok(log.includes("IAM:PutRolePolicy gpu-stream-firehose") && log.includes("IAM:PutRolePolicy gpu-stream-glue-crawler"), log.join("\n"));
  });

  test("listPipelineResources lists the roles too", async () => {
    const resources = await listPipelineResources(clients, names, { iam });
    assert.deepEqual(
      resources.filter((resource) => resource.kind === "role"),
      [
        { kind: "role", name: "gpu-stream-firehose", detail: `arn:aws:iam::${ACCOUNT}:role/gpu-stream-firehose` },
        { kind: "role", name: "gpu-stream-glue-crawler", detail: `arn:aws:iam::${ACCOUNT}:role/gpu-stream-glue-crawler` },
      ],
    );
  });

  test("teardown deletes the roles after what uses them, and leaves nothing listed", async () => {
    log.length = 0;
    const deleted = await teardownPipeline(clients, names, { iam, wait: { intervalMs: 50 } });
    assert.deepEqual(
      deleted.map(({ kind, name }) => `${kind} ${name}`),
      [
        "crawler gpu-stream-crawler",
        "database gpu_stream",
        "deliveryStream gpucontrole-to-s3",
        "logGroup /aws/kinesisfirehose/gpucontrole-to-s3",
        "stream gpucontrole",
        "role gpu-stream-firehose",
        "role gpu-stream-glue-crawler",
        `bucket gpu-stream-${ACCOUNT}-us-east-1`,
      ],
    );
    assert.deepEqual(await listPipelineResources(clients, names, { iam }), []);
    await assertNothingLeft(emulator);
  });

  test("a role that never becomes usable fails with AWS's message once the propagation wait is over", async () => {
    firehosePropagation.failuresLeft = Number.POSITIVE_INFINITY;
    try {
      await assert.rejects(
        provisionStorageAndStream(clients, names, { iam, rolePropagation: { intervalMs: 10, timeoutMs: 100 } }),
        (error: Error) => error instanceof InvalidArgumentException && error.message === `Firehose is unable to assume role arn:aws:iam::${ACCOUNT}:role/gpu-stream-firehose. Please check the role provided.`,
      );
    } finally {
      firehosePropagation.failuresLeft = 0;
      await teardownPipeline(clients, names, { iam, wait: { intervalMs: 50 } });
    }
    await assertNothingLeft(emulator);
  });
});

describe("retryWhileRolePropagates", () => {
  test("does not retry other errors", async () => {
    let attempts = 0;
    const failure = new InvalidArgumentException({ message: "BufferingHints.SizeInMBs must be at least 1", $metadata: {} });
    await assert.rejects(
      retryWhileRolePropagates("creating", async () => {
        attempts += 1;
        throw failure;
      }, { intervalMs: 1, timeoutMs: 1000 }),
      failure,
    );
    assert.equal(attempts, 1);
  });
});
