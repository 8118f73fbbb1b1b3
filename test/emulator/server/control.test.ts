import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { EmulatorControl, EmulatorControlError } from "@gpu-stream/emulator/control";
import { createBucket, createDeliveryStream } from "../../support/firehoseSdk";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

describe("EmulatorControl, the client of /_emulator/ (not AWS)", () => {
  let emulator: TestEmulator;
  let control: EmulatorControl;
  useTestEmulator((started) => {
    emulator = started;
    control = new EmulatorControl(`${started.emulator.url}/`);
  });

  test("health() answers the services and the data directory's instance id", async () => {
    const health = await control.health();
    assert.equal(health.status, "ok");
    assert.equal(health.instance, emulator.emulator.instance);
    assert.ok(health.services.includes("firehose") && health.services.includes("athena"), health.services.join(", "));
  });

  test("firehoseBuffers() and flushFirehose() report and deliver one delivery stream's buffer", async () => {
    const bucket = await createBucket(emulator.s3);
    const name = await createDeliveryStream(emulator.firehose, { bucket, destination: { BufferingHints: { IntervalInSeconds: 900, SizeInMBs: 128 } } });
    await emulator.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: [{ Data: Buffer.from('{"n":1}\n') }, { Data: Buffer.from('{"n":2}\n') }] }));
    const buffered = await control.firehoseBuffers(name);
    assert.equal(buffered.deliveryStreams.length, 1);
    assert.equal(buffered.deliveryStreams[0]!.deliveryStreamName, name);
    assert.equal(buffered.deliveryStreams[0]!.bufferedRecords, 2);
    assert.ok((await control.firehoseBuffers()).deliveryStreams.some((stream) => stream.deliveryStreamName === name));

    const flushed = await control.flushFirehose(name);
    assert.deepEqual(
      flushed.deliveryStreams.map((stream) => ({ name: stream.deliveryStreamName, records: stream.objects.reduce((sum, object) => sum + object.records, 0), left: stream.bufferedRecords })),
      [{ name, records: 2, left: 0 }],
    );
    assert.equal((await control.firehoseBuffers(name)).deliveryStreams[0]!.recordsDelivered, 2);
  });

  test("a delivery stream that does not exist is an EmulatorControlError with the route's status and message", async () => {
    for (const call of [() => control.flushFirehose("no-such-stream"), () => control.firehoseBuffers("no-such-stream")]) {
      await assert.rejects(call(), (error: unknown) => {
        assert.ok(error instanceof EmulatorControlError);
        assert.equal(error.status, 404);
        assert.equal(error.refusal?.__type, "ResourceNotFoundException");
        assert.match(error.message, /no-such-stream/);
        return true;
      });
    }
  });

  test("setFaults(), faults() and clearFaults() set, list and clear faults; a bad one is refused with 400", async () => {
    const set = await control.setFaults({ "iam.latency": { forMs: 5 } });
    assert.deepEqual(set, { faults: { "iam.latency": { forMs: 5 } } });
    assert.deepEqual(await control.faults(), set);
    assert.deepEqual(await control.clearFaults(), { faults: {} });
    await assert.rejects(control.setFaults({ "iam.latency": { forMs: -1 } }), (error: unknown) => error instanceof EmulatorControlError && error.status === 400 && /faults/.test(error.refusal?.message ?? ""));
    assert.deepEqual(await control.faults(), { faults: {} });
  });
});
