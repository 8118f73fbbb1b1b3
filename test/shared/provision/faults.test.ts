import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DeleteDeliveryStreamCommand, DescribeDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { DeleteStreamCommand, DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { DeliveryStreamFailedError, ensureBucket, ensureDeliveryStream, ensureStream, type AwsClients } from "@gpu-stream/shared";
import { rawRequest } from "../../support/rawHttp";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

// What a real account does that a fresh emulator does not: a name still being deleted, a creation that fails.
// Each fault is injected through /_emulator/faults (not AWS) or the emulator's lifecycle delay.

const ROLE = "arn:aws:iam::000000000000:role/firehose";
const STREAM_DELAY_MS = 1500;

async function injectFaults(emulator: TestEmulator, faults: Record<string, unknown>): Promise<void> {
  const answer = await rawRequest(emulator.emulator.url, { method: "POST", path: "/_emulator/faults", headers: { "content-type": "application/json" }, body: JSON.stringify(faults) });
  assert.equal(answer.status, 200, answer.body.toString("utf8"));
}

async function clearFaults(emulator: TestEmulator): Promise<void> {
  await rawRequest(emulator.emulator.url, { method: "DELETE", path: "/_emulator/faults" });
}

describe("provisioning copes with a real account's faults", () => {
  let emulator: TestEmulator;
  let clients: AwsClients;
  useTestEmulator(
    (started) => {
      emulator = started;
      clients = started.clients;
    },
    { createStreamDelayMs: STREAM_DELAY_MS },
  );

  test("ensureBucket retries CreateBucket's OperationAborted (a bucket of that name still being deleted) and says so", async () => {
    await injectFaults(emulator, { "s3.createBucket.operationAborted": { forMs: 2000 } });
    const progress: string[] = [];
    const started = Date.now();
    const result = await ensureBucket(clients.s3, "reborn", { operationAbortedRetry: { initialDelayMs: 300, maxDelayMs: 1000 }, onProgress: (line) => progress.push(line) });
    assert.deepEqual(result, { created: true });
    assert.ok(Date.now() - started >= 1900);
    assert.ok(progress.length >= 2, progress.join("\n"));
    assert.match(progress[0]!, /creating S3 bucket 'reborn': S3 answered OperationAborted .* retrying in 0\.3 s/);
  });

  test("ensureBucket gives up after its limit with S3's OperationAborted", async () => {
    await injectFaults(emulator, { "s3.createBucket.operationAborted": { forMs: 60_000 } });
    try {
      await assert.rejects(ensureBucket(clients.s3, "never", { operationAbortedRetry: { timeoutMs: 500, initialDelayMs: 100 } }), { name: "OperationAborted" });
    } finally {
      await clearFaults(emulator);
    }
  });

  test("ensureStream waits out a stream still DELETING and creates it again", async () => {
    const first = await ensureStream(clients.kinesis, "phoenix", { timeoutMs: 10_000 });
    await clients.kinesis.send(new DeleteStreamCommand({ StreamName: "phoenix" }));
    const { StreamDescriptionSummary: summary } = await clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: "phoenix" }));
    assert.equal(summary?.StreamStatus, "DELETING");
    const progress: string[] = [];
    const again = await ensureStream(clients.kinesis, "phoenix", { timeoutMs: 10_000, onProgress: (line) => progress.push(line) });
    assert.equal(again.created, true);
    assert.equal(again.streamArn, first.streamArn);
    assert.match(progress.join("\n"), /'phoenix' is still being deleted \(DELETING\)/);
    assert.match(progress.join("\n"), /created it again/);
  });

  test("ensureDeliveryStream fails fast with Firehose's FailureDescription when the stream goes CREATING_FAILED", async () => {
    const { streamArn } = await ensureStream(clients.kinesis, "source", { timeoutMs: 10_000 });
    const failureDescription = { Type: "INVALID_KMS_KEY", Details: "The KMS key is pending deletion." };
    await injectFaults(emulator, { "firehose.createDeliveryStream.fail": { failureDescription } });
    const started = Date.now();
    try {
      await assert.rejects(
        ensureDeliveryStream(clients.firehose, "doomed", { sourceStreamArn: streamArn, bucket: "reborn", roleArn: ROLE, timeoutMs: 60_000 }),
        (error: unknown) => {
          assert.ok(error instanceof DeliveryStreamFailedError);
          assert.equal(error.status, "CREATING_FAILED");
          assert.deepEqual(error.failureDescription, failureDescription);
          assert.match(error.message, /'doomed' is CREATING_FAILED \(INVALID_KMS_KEY: The KMS key is pending deletion\.\)/);
          return true;
        },
      );
    } finally {
      await clearFaults(emulator);
    }
    assert.ok(Date.now() - started < 10_000);
  });

  test("ensureDeliveryStream waits out a delivery stream still DELETING and creates it again", async () => {
    const { streamArn } = await ensureStream(clients.kinesis, "source", { timeoutMs: 10_000 });
    const options = { deliveryStreamName: "again", sourceStreamArn: streamArn, bucket: "reborn", roleArn: ROLE, timeoutMs: 20_000 };
    await ensureDeliveryStream(clients.firehose, options.deliveryStreamName, options);
    await injectFaults(emulator, { "firehose.deleteDeliveryStream.deleting": { forMs: 2500 } });
    await clients.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: "again" }));
    await clearFaults(emulator);
    const { DeliveryStreamDescription: description } = await clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "again" }));
    assert.equal(description?.DeliveryStreamStatus, "DELETING");
    const progress: string[] = [];
    assert.deepEqual(await ensureDeliveryStream(clients.firehose, options.deliveryStreamName, { ...options, onProgress: (line) => progress.push(line) }), { created: true, logsErrors: false });
    assert.match(progress.join("\n"), /'again' is still being deleted \(DELETING\)/);
    assert.match(progress.join("\n"), /created it again/);
  });
});
