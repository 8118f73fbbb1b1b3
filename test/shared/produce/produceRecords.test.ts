import { test, describe, beforeEach, after } from "node:test";
import assert from "node:assert/strict";
import {
  InternalFailureException,
  KinesisClient,
  ProvisionedThroughputExceededException,
  PutRecordCommand,
  PutRecordsCommand,
  ResourceNotFoundException,
  ValidationException,
  type PutRecordsRequestEntry,
  type PutRecordsResultEntry,
} from "@aws-sdk/client-kinesis";
import { mockClient } from "aws-sdk-client-mock";
import {
  abortableSleep,
  formatProduceProgress,
  produceRecords,
  ProduceError,
  type AcknowledgedRecord,
  type FailedRecord,
  type GpuSample,
  type ProduceProgress,
} from "@gpu-stream/shared";

const kinesisMock = mockClient(KinesisClient);
const kinesis = new KinesisClient({ region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
const MiB = 1024 * 1024;
const T0_US = Date.UTC(2026, 10, 28, 6, 29, 32) * 1000 + 123456;

beforeEach(() => kinesisMock.reset());
after(() => kinesisMock.restore());

function sample(index: number, gpuId = "0"): GpuSample {
  return {
    timeUs: T0_US + index * 1_000_000,
    gpuId,
    values: { energia: 36.2107 + index, Frequencia: 1410, temperatura: 41.5, Uso: 12.25, usoVRAM: 1100 },
  };
}

function samples(count: number, gpuIds: readonly string[] = ["0"]): GpuSample[] {
  return Array.from({ length: count }, (_, index) => sample(index, gpuIds[index % gpuIds.length]));
}

function* endlessSamples(): Generator<GpuSample> {
  for (let index = 0; ; index += 1) {
    yield sample(index);
  }
}

function decode(data: Uint8Array | undefined): Record<string, string> {
  return JSON.parse(new TextDecoder().decode(data)) as Record<string, string>;
}

/** PutRecord answers with increasing sequence numbers, one shard per partition key. */
function acceptPutRecord(): void {
  let sequence = 0;
  kinesisMock.on(PutRecordCommand).callsFake((input: { PartitionKey: string }) => {
    sequence += 1;
    return { ShardId: `shardId-${input.PartitionKey}`, SequenceNumber: String(sequence) };
  });
}

/** PutRecords answers that fail the entries whose idtemp is in `failTimes`, that many times each. */
function putRecordsFailing(failTimes: Map<string, { times: number; code: string }>): string[][] {
  const requests: string[][] = [];
  let sequence = 0;
  kinesisMock.on(PutRecordsCommand).callsFake((input: { Records: PutRecordsRequestEntry[] }) => {
    requests.push(input.Records.map((entry) => decode(entry.Data).idtemp!));
    const results: PutRecordsResultEntry[] = input.Records.map((entry) => {
      const id = decode(entry.Data).idtemp!;
      const failure = failTimes.get(id);
      if (failure !== undefined && failure.times > 0) {
        failure.times -= 1;
        return { ErrorCode: failure.code, ErrorMessage: `${failure.code} for ${id}` };
      }
      sequence += 1;
      return { ShardId: "shardId-000000000000", SequenceNumber: String(sequence) };
    });
    return { FailedRecordCount: results.filter((result) => result.ErrorCode !== undefined).length, Records: results };
  });
  return requests;
}

function throttle(): ProvisionedThroughputExceededException {
  return new ProvisionedThroughputExceededException({ message: "Rate exceeded for shard", $metadata: { httpStatusCode: 400 } });
}

/** A clock that only moves when the producer sleeps, and a log of the sleeps it asked for. */
function fakeTime(): { now: () => number; sleep: (ms: number) => Promise<void>; sleeps: number[] } {
  let clock = 0;
  const sleeps: number[] = [];
  return {
    now: () => clock,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clock += ms;
    },
    sleeps,
  };
}

describe("produceRecords with PutRecord", () => {
  test("puts one record per metric of each sample, one PutRecord each, in the original record shape", async () => {
    acceptPutRecord();
    const report = await produceRecords({
      kinesis,
      streamName: "gpu-telemetry",
      source: samples(2),
      metrics: ["energia", "temperatura"],
      intervalMs: 0,
      restamp: false,
      sleep: fakeTime().sleep,
    });
    const calls = kinesisMock.commandCalls(PutRecordCommand);
    assert.equal(calls.length, 4);
    const records = calls.map((call) => decode(call.args[0].input.Data));
    assert.deepEqual(
      records.map(({ idtemp, dado, tipo, timestamp }) => ({ idtemp, dado, tipo, timestamp })),
      [
        { idtemp: "1", dado: "36.2107", tipo: "energia", timestamp: "2026-11-28 06:29:32.123456" },
        { idtemp: "2", dado: "41.5", tipo: "temperatura", timestamp: "2026-11-28 06:29:32.123456" },
        { idtemp: "3", dado: "37.2107", tipo: "energia", timestamp: "2026-11-28 06:29:33.123456" },
        { idtemp: "4", dado: "41.5", tipo: "temperatura", timestamp: "2026-11-28 06:29:33.123456" },
      ],
    );
    for (const call of calls) {
      assert.equal(call.args[0].input.StreamName, "gpu-telemetry");
    }
    assert.equal(report.sent, 4);
    assert.equal(report.requests, 4);
    assert.equal(report.failed, 0);
    assert.equal(report.lastSequenceNumber, "4");
    assert.equal(report.stoppedBy, "source");
  });

  test("gives each GPU its own partition key, so two GPUs use two keys", async () => {
    acceptPutRecord();
    const report = await produceRecords({
      kinesis,
      streamName: "gpu-telemetry",
      source: samples(4, ["0", "1"]),
      metrics: ["Uso"],
      intervalMs: 0,
    });
    const keys = kinesisMock.commandCalls(PutRecordCommand).map((call) => call.args[0].input.PartitionKey);
    assert.deepEqual(keys, ["gpu-0", "gpu-1", "gpu-0", "gpu-1"]);
    assert.deepEqual(report.shards, { "shardId-gpu-0": 2, "shardId-gpu-1": 2 });
  });

  test("numbers the records from firstIdtemp, so a producer goes on after records it put by hand", async () => {
    acceptPutRecord();
    await produceRecords({ kinesis, streamName: "s", source: samples(3), metrics: ["Uso"], intervalMs: 0, firstIdtemp: 6 });
    const ids = kinesisMock.commandCalls(PutRecordCommand).map((call) => decode(call.args[0].input.Data).idtemp);
    assert.deepEqual(ids, ["6", "7", "8"]);
  });

  test("stamps each sample with the time it is produced unless restamp is false", async () => {
    acceptPutRecord();
    await produceRecords({ kinesis, streamName: "s", source: [sample(0)], metrics: ["Uso"], intervalMs: 0 });
    const stamped = decode(kinesisMock.commandCalls(PutRecordCommand)[0]!.args[0].input.Data);
    assert.notEqual(stamped.timestamp, "2026-11-28 06:29:32.123456");
    assert.match(stamped.timestamp!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
  });

  test("retries a throttled PutRecord and counts the throttle and the re-send", async () => {
    kinesisMock
      .on(PutRecordCommand)
      .rejectsOnce(throttle())
      .rejectsOnce(new InternalFailureException({ message: "internal", $metadata: { httpStatusCode: 500 } }))
      .resolves({ ShardId: "shardId-000000000000", SequenceNumber: "49" });
    const time = fakeTime();
    const report = await produceRecords({
      kinesis,
      streamName: "s",
      source: [sample(0)],
      metrics: ["energia"],
      intervalMs: 0,
      sleep: time.sleep,
      random: () => 0.5,
    });
    assert.equal(kinesisMock.commandCalls(PutRecordCommand).length, 3);
    assert.equal(report.sent, 1);
    assert.equal(report.retried, 2);
    assert.equal(report.throttled, 1);
    assert.equal(report.requests, 3);
    assert.equal(report.failed, 0);
    assert.deepEqual(time.sleeps, [50, 100]);
  });

  test("retries an unnamed server fault as transient", async () => {
    const serverFault = Object.assign(new Error("bad gateway"), { name: "BadGateway", $fault: "server", $metadata: { httpStatusCode: 502 } });
    kinesisMock.on(PutRecordCommand).rejectsOnce(serverFault).resolves({ ShardId: "shardId-0", SequenceNumber: "1" });
    const report = await produceRecords({ kinesis, streamName: "s", source: [sample(0)], metrics: ["Uso"], intervalMs: 0, sleep: fakeTime().sleep });
    assert.equal(report.sent, 1);
    assert.equal(report.retried, 1);
    assert.equal(report.throttled, 0);
  });

  test("gives up on a record after maxAttempts and reports it as failed, not lost", async () => {
    kinesisMock.on(PutRecordCommand).rejects(throttle());
    const failures: FailedRecord[] = [];
    const report = await produceRecords({
      kinesis,
      streamName: "s",
      source: [sample(0)],
      metrics: ["energia", "Uso"],
      intervalMs: 0,
      retry: { maxAttempts: 3 },
      sleep: fakeTime().sleep,
      onFailedRecord: (failure) => failures.push(failure),
    });
    assert.equal(kinesisMock.commandCalls(PutRecordCommand).length, 6);
    assert.equal(report.sent, 0);
    assert.equal(report.failed, 2);
    assert.equal(report.retried, 4);
    assert.equal(report.throttled, 6);
    assert.deepEqual(
      failures.map((failure) => [failure.record.idtemp, failure.errorCode, failure.attempts]),
      [
        ["1", "ProvisionedThroughputExceededException", 3],
        ["2", "ProvisionedThroughputExceededException", 3],
      ],
    );
  });

  test("rejects on a non-retryable error with a message naming it and the records acknowledged before it", async () => {
    kinesisMock
      .on(PutRecordCommand)
      .resolvesOnce({ ShardId: "shardId-0", SequenceNumber: "1" })
      .rejects(new ResourceNotFoundException({ message: "Stream gpu-telemetry under account 000000000000 not found.", $metadata: {} }));
    await assert.rejects(
      produceRecords({ kinesis, streamName: "gpu-telemetry", source: endlessSamples(), metrics: ["Uso"], intervalMs: 0 }),
      (error: unknown) => {
        assert.ok(error instanceof ProduceError);
        assert.equal(error.code, "ResourceNotFoundException");
        assert.match(error.message, /PutRecord to stream 'gpu-telemetry' failed with ResourceNotFoundException: Stream gpu-telemetry/);
        assert.match(error.message, /1 record\(s\) acknowledged before it/);
        assert.equal(error.progress.sent, 1);
        return true;
      },
    );
    assert.equal(kinesisMock.commandCalls(PutRecordCommand).length, 2, "a non-retryable error is not retried");
  });

  test("rejects when a partition key function returns an invalid key", async () => {
    acceptPutRecord();
    await assert.rejects(
      produceRecords({ kinesis, streamName: "s", source: [sample(0)], metrics: ["Uso"], intervalMs: 0, partitionKey: () => "" }),
      /partition key has 1 to 256 characters/,
    );
  });
});

describe("produceRecords with PutRecords", () => {
  test("re-sends exactly the failed entries of a partial failure until every record is acknowledged once", async () => {
    const requests = putRecordsFailing(
      new Map([
        ["2", { times: 1, code: "ProvisionedThroughputExceededException" }],
        ["4", { times: 2, code: "InternalFailure" }],
        ["5", { times: 1, code: "ProvisionedThroughputExceededException" }],
      ]),
    );
    const acknowledged: AcknowledgedRecord[] = [];
    const time = fakeTime();
    const report = await produceRecords({
      kinesis,
      streamName: "s",
      source: [sample(0)],
      metrics: ["energia", "Frequencia", "temperatura", "Uso", "usoVRAM"],
      intervalMs: 0,
      batchSize: 5,
      sleep: time.sleep,
      random: () => 0,
      onRecord: (ack) => acknowledged.push(ack),
    });
    assert.deepEqual(requests, [["1", "2", "3", "4", "5"], ["2", "4", "5"], ["4"]]);
    assert.deepEqual(
      acknowledged.map((ack) => ack.record.idtemp),
      ["1", "3", "2", "5", "4"],
    );
    assert.equal(report.sent, 5);
    assert.equal(report.failed, 0);
    assert.equal(report.retried, 4);
    assert.equal(report.throttled, 1, "only the first answer had a throttled entry");
    assert.equal(report.requests, 3);
    assert.equal(report.lastSequenceNumber, "5");
    assert.equal(time.sleeps.length, 2);
  });

  test("retries a whole throttled PutRecords request with all its records", async () => {
    kinesisMock
      .on(PutRecordsCommand)
      .rejectsOnce(throttle())
      .resolves({ FailedRecordCount: 0, Records: [{ ShardId: "a", SequenceNumber: "1" }, { ShardId: "a", SequenceNumber: "2" }] });
    const report = await produceRecords({ kinesis, streamName: "s", source: [sample(0)], metrics: ["Uso", "energia"], intervalMs: 0, batchSize: 10, sleep: fakeTime().sleep });
    const calls = kinesisMock.commandCalls(PutRecordsCommand);
    assert.equal(calls.length, 2);
    assert.deepEqual(calls[1]!.args[0].input.Records, calls[0]!.args[0].input.Records);
    assert.equal(report.sent, 2);
    assert.equal(report.retried, 2);
    assert.equal(report.throttled, 1);
  });

  test("counts entries still failing after maxAttempts as failed and passes them on with their error code", async () => {
    putRecordsFailing(new Map([["2", { times: 99, code: "ProvisionedThroughputExceededException" }]]));
    const failures: FailedRecord[] = [];
    const report = await produceRecords({
      kinesis,
      streamName: "s",
      source: [sample(0)],
      metrics: ["energia", "Uso", "usoVRAM"],
      intervalMs: 0,
      batchSize: 3,
      retry: { maxAttempts: 4 },
      sleep: fakeTime().sleep,
      onFailedRecord: (failure) => failures.push(failure),
    });
    assert.equal(report.sent, 2);
    assert.equal(report.failed, 1);
    assert.equal(report.retried, 3);
    assert.equal(report.requests, 4);
    assert.deepEqual(
      failures.map((failure) => [failure.record.idtemp, failure.errorCode, failure.attempts]),
      [["2", "ProvisionedThroughputExceededException", 4]],
    );
  });

  test("rejects a non-retryable PutRecords error, saying how many records were acknowledged and how many not sent", async () => {
    kinesisMock.on(PutRecordsCommand).rejects(new ValidationException({ message: "1 validation error detected", $metadata: {} }));
    await assert.rejects(
      produceRecords({ kinesis, streamName: "s", source: [sample(0)], metrics: ["Uso", "energia"], intervalMs: 0, batchSize: 2 }),
      /PutRecords to stream 's' failed with ValidationException: 1 validation error detected \(0 record\(s\) acknowledged before it, 2 in this request not sent\)/,
    );
  });

  test("splits batches at 500 records per request", async () => {
    putRecordsFailing(new Map());
    const report = await produceRecords({
      kinesis,
      streamName: "s",
      source: samples(1203),
      metrics: ["Uso"],
      intervalMs: 0,
      batchSize: 500,
    });
    const sizes = kinesisMock.commandCalls(PutRecordsCommand).map((call) => call.args[0].input.Records!.length);
    assert.deepEqual(sizes, [500, 500, 203]);
    assert.equal(report.sent, 1203);
  });

  test("splits batches before 5 MiB per request, counting data and partition keys", async () => {
    putRecordsFailing(new Map());
    const bigGpu = "g".repeat(300_000);
    const report = await produceRecords({
      kinesis,
      streamName: "s",
      source: samples(40, [bigGpu]),
      metrics: ["Uso"],
      intervalMs: 0,
      batchSize: 500,
      partitionKey: () => "k".repeat(200),
    });
    const entrySizes = kinesisMock
      .commandCalls(PutRecordsCommand)
      .map((call) => call.args[0].input.Records!.map((entry) => entry.Data!.byteLength + entry.PartitionKey!.length));
    const requestBytes = entrySizes.map((sizes) => sizes.reduce((sum, size) => sum + size, 0));
    assert.ok(requestBytes.length >= 3);
    for (const bytes of requestBytes) {
      assert.ok(bytes <= 5 * MiB, `${bytes} bytes is over 5 MiB`);
    }
    requestBytes.slice(0, -1).forEach((bytes, index) => {
      const nextRecord = entrySizes[index + 1]![0]!;
      assert.ok(bytes + nextRecord > 5 * MiB, `a request of ${bytes} bytes had room for the next ${nextRecord}-byte record`);
    });
    assert.equal(report.sent, 40);
  });

  test("counts a record over 1 MiB as failed without sending it", async () => {
    putRecordsFailing(new Map());
    const failures: FailedRecord[] = [];
    const report = await produceRecords({
      kinesis,
      streamName: "s",
      source: [sample(0, "g".repeat(MiB))],
      metrics: ["Uso"],
      intervalMs: 0,
      batchSize: 10,
      partitionKey: () => "gpu-big",
      onFailedRecord: (failure) => failures.push(failure),
    });
    assert.equal(kinesisMock.commandCalls(PutRecordsCommand).length, 0);
    assert.equal(report.failed, 1);
    assert.equal(failures[0]?.errorCode, "RecordTooLarge");
  });

  test("sends a partial batch once its oldest record has waited lingerMs", async () => {
    const requests = putRecordsFailing(new Map());
    const time = fakeTime();
    const sentAt: number[] = [];
    await produceRecords({
      kinesis,
      streamName: "s",
      source: samples(6),
      metrics: ["Uso"],
      intervalMs: 400,
      batchSize: 100,
      lingerMs: 1000,
      now: time.now,
      sleep: time.sleep,
      onProgress: () => sentAt.push(time.now()),
    });
    assert.deepEqual(requests, [["1", "2", "3"], ["4", "5", "6"]]);
    assert.deepEqual(sentAt, [1000, 2000]);
    assert.deepEqual(time.sleeps, [400, 400, 200, 200, 400, 400]);
  });
});

describe("produceRecords bounds, pacing and abort", () => {
  test("stops after count records, even in the middle of a sample", async () => {
    acceptPutRecord();
    const report = await produceRecords({
      kinesis,
      streamName: "s",
      source: endlessSamples(),
      metrics: ["energia", "Frequencia", "temperatura", "Uso", "usoVRAM"],
      intervalMs: 0,
      count: 7,
    });
    const ids = kinesisMock.commandCalls(PutRecordCommand).map((call) => decode(call.args[0].input.Data).idtemp);
    assert.deepEqual(ids, ["1", "2", "3", "4", "5", "6", "7"]);
    assert.equal(report.stoppedBy, "count");
  });

  test("stops taking samples once durationMs has passed, cutting the last wait short", async () => {
    acceptPutRecord();
    const time = fakeTime();
    const report = await produceRecords({
      kinesis,
      streamName: "s",
      source: endlessSamples(),
      metrics: ["Uso"],
      intervalMs: 100,
      durationMs: 350,
      now: time.now,
      sleep: time.sleep,
    });
    assert.equal(kinesisMock.commandCalls(PutRecordCommand).length, 4);
    assert.deepEqual(time.sleeps, [100, 100, 100, 50]);
    assert.equal(report.stoppedBy, "duration");
    assert.equal(report.elapsedMs, 350);
  });

  test("stops at whichever bound comes first", async () => {
    acceptPutRecord();
    const time = fakeTime();
    const report = await produceRecords({
      kinesis,
      streamName: "s",
      source: endlessSamples(),
      metrics: ["Uso"],
      intervalMs: 100,
      durationMs: 10_000,
      count: 3,
      now: time.now,
      sleep: time.sleep,
    });
    assert.equal(report.sent, 3);
    assert.equal(report.stoppedBy, "count");
  });

  test("waits intervalMs between samples and not after the last one", async () => {
    acceptPutRecord();
    const time = fakeTime();
    await produceRecords({ kinesis, streamName: "s", source: samples(3), metrics: ["Uso", "energia"], intervalMs: 250, sleep: time.sleep, now: time.now });
    assert.deepEqual(time.sleeps, [250, 250]);
  });

  test("an abort during the wait between samples resolves with what was sent", { timeout: 10_000 }, async () => {
    acceptPutRecord();
    const controller = new AbortController();
    const requested: number[] = [];
    const report = await produceRecords({
      kinesis,
      streamName: "s",
      source: endlessSamples(),
      metrics: ["Uso", "energia"],
      intervalMs: 600_000,
      signal: controller.signal,
      sleep: (ms, signal) => {
        requested.push(ms);
        const waiting = abortableSleep(ms, signal);
        setImmediate(() => controller.abort());
        return waiting;
      },
    });
    assert.deepEqual(requested, [600_000]);
    assert.equal(report.stoppedBy, "abort");
    assert.equal(report.sent, 2);
  });

  test("an abort sends the partial batch already built", { timeout: 10_000 }, async () => {
    const requests = putRecordsFailing(new Map());
    const controller = new AbortController();
    const report = await produceRecords({
      kinesis,
      streamName: "s",
      source: endlessSamples(),
      metrics: ["Uso", "energia"],
      intervalMs: 60_000,
      batchSize: 100,
      lingerMs: 600_000,
      signal: controller.signal,
      sleep: (ms, signal) => {
        const waiting = abortableSleep(ms, signal);
        setImmediate(() => controller.abort());
        return waiting;
      },
    });
    assert.deepEqual(requests, [["1", "2"]]);
    assert.equal(report.sent, 2);
    assert.equal(report.stoppedBy, "abort");
  });

  test("an abort while an async source is still producing resolves without waiting for it", { timeout: 10_000 }, async () => {
    acceptPutRecord();
    const controller = new AbortController();
    async function* stalls(): AsyncGenerator<GpuSample> {
      yield sample(0);
      setImmediate(() => controller.abort());
      await new Promise(() => {});
    }
    const report = await produceRecords({ kinesis, streamName: "s", source: stalls(), metrics: ["Uso"], intervalMs: 0, signal: controller.signal });
    assert.equal(report.sent, 1);
    assert.equal(report.stoppedBy, "abort");
  });

  test("an already aborted signal sends nothing", async () => {
    acceptPutRecord();
    const report = await produceRecords({ kinesis, streamName: "s", source: endlessSamples(), metrics: ["Uso"], intervalMs: 0, signal: AbortSignal.abort() });
    assert.equal(report.sent, 0);
    assert.equal(kinesisMock.commandCalls(PutRecordCommand).length, 0);
  });

  test("backoff delays grow exponentially up to maxDelayMs, jittered by the random source", async () => {
    kinesisMock.on(PutRecordCommand).rejects(throttle());
    const time = fakeTime();
    const randoms = [0.5, 0.999, 0, 0.5, 0.25];
    await produceRecords({
      kinesis,
      streamName: "s",
      source: [sample(0)],
      metrics: ["Uso"],
      intervalMs: 0,
      retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 },
      random: () => randoms.shift()!,
      sleep: time.sleep,
    });
    // caps: 100, 200, 400, 800, 1000 (maxDelayMs); each delay is the cap times the random draw.
    assert.deepEqual(time.sleeps, [50, 199, 0, 400, 250]);
  });

  test("backoff delays stay below their cap even when the random source is at its top", async () => {
    kinesisMock.on(PutRecordCommand).rejects(throttle());
    const time = fakeTime();
    await produceRecords({
      kinesis,
      streamName: "s",
      source: [sample(0)],
      metrics: ["Uso"],
      intervalMs: 0,
      retry: { maxAttempts: 8 },
      random: () => 0.9999999,
      sleep: time.sleep,
    });
    const caps = [100, 200, 400, 800, 1600, 3200, 5000];
    assert.equal(time.sleeps.length, caps.length);
    time.sleeps.forEach((delay, index) => {
      assert.ok(delay < caps[index]! && delay >= caps[index]! - 1, `delay ${delay} for cap ${caps[index]}`);
    });
  });
});

describe("produce progress", () => {
  test("onProgress is called after every request, retries included", async () => {
    kinesisMock
      .on(PutRecordCommand)
      .rejectsOnce(throttle())
      .callsFake(() => ({ ShardId: "shardId-0", SequenceNumber: "7" }));
    const progress: ProduceProgress[] = [];
    const report = await produceRecords({
      kinesis,
      streamName: "s",
      source: samples(2),
      metrics: ["Uso"],
      intervalMs: 0,
      sleep: fakeTime().sleep,
      onProgress: (snapshot) => progress.push(snapshot),
    });
    assert.deepEqual(
      progress.map(({ sent, retried, throttled, requests }) => ({ sent, retried, throttled, requests })),
      [
        { sent: 0, retried: 0, throttled: 1, requests: 1 },
        { sent: 1, retried: 1, throttled: 1, requests: 2 },
        { sent: 2, retried: 1, throttled: 1, requests: 3 },
      ],
    );
    assert.equal(report.requests, progress.length);
  });

  test("formatProduceProgress gives one line with the counts and the rate", () => {
    const progress: ProduceProgress = { sent: 120, failed: 0, retried: 3, throttled: 0, requests: 123, elapsedMs: 10_170, recordsPerSecond: 11.799, shards: {} };
    assert.equal(formatProduceProgress(progress), "sent 120 · failed 0 · retried 3 · 11.8 records/s");
    assert.equal(formatProduceProgress({ ...progress, throttled: 2 }), "sent 120 · failed 0 · retried 3 · throttled 2 · 11.8 records/s");
  });

  test("the report's rate is acknowledged records per second of the injected clock", async () => {
    acceptPutRecord();
    const time = fakeTime();
    const report = await produceRecords({ kinesis, streamName: "s", source: samples(5), metrics: ["Uso", "energia"], intervalMs: 500, now: time.now, sleep: time.sleep });
    assert.equal(report.elapsedMs, 2000);
    assert.equal(report.recordsPerSecond, 5);
  });

  test("invalid options are rejected before anything is sent", async () => {
    await assert.rejects(produceRecords({ kinesis, streamName: "s", source: [], metrics: ["Uso"], intervalMs: 0, batchSize: 501 }), /batchSize must be a whole number from 1 to 500/);
    await assert.rejects(produceRecords({ kinesis, streamName: "s", source: [], metrics: [], intervalMs: 0 }), /metrics is empty/);
    await assert.rejects(produceRecords({ kinesis, streamName: "s", source: [], metrics: ["Uso"], intervalMs: -1 }), /intervalMs must be/);
    assert.equal(kinesisMock.calls().length, 0);
  });
});
