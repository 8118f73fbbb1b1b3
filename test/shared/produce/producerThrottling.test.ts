import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { KinesisClient, type PutRecordsCommandInput, type PutRecordsCommandOutput } from "@aws-sdk/client-kinesis";
import { originalProfile, produceRecords, serializeRecord, uniformSamples, type AcknowledgedRecord, type ProduceReport } from "@gpu-stream/shared";
import { createStream, readStream, text } from "../../support/kinesisTestKit";
import { clientConfig, useTestEmulator, type TestEmulator } from "../../support/testEmulator";

// The real emulator with AWS's per-shard write limits (1,000 records and 1 MiB a second), a one-shard stream,
// and producers writing faster than that: what Kinesis turns away must come back, once.

/** Patient enough that nothing is given up in a few seconds of contention; short waits keep the test quick. */
const RETRY = { maxAttempts: 50, baseDelayMs: 20, maxDelayMs: 200 };

interface PutRecordsCall {
  readonly sent: readonly string[];
  /** The ErrorCode of each entry ("" when it went in), or undefined when the whole request failed. */
  readonly errors: readonly string[] | undefined;
}

/** A Kinesis client for the emulator that records every PutRecords request's entries and their outcome. */
function recordingClient(url: string, calls: PutRecordsCall[]): KinesisClient {
  const client = new KinesisClient(clientConfig(url));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "PutRecordsCommand") return next(args);
      const sent = ((args.input as PutRecordsCommandInput).Records ?? []).map((entry) => text(entry.Data));
      try {
        const result = await next(args);
        calls.push({ sent, errors: ((result.output as PutRecordsCommandOutput).Records ?? []).map((entry) => entry.ErrorCode ?? "") });
        return result;
      } catch (error) {
        calls.push({ sent, errors: undefined });
        throw error;
      }
    },
    { step: "initialize", name: "recordPutRecords" },
  );
  return client;
}

function produce(kinesis: KinesisClient, streamName: string, gpuId: string, count: number, batchSize: number, acknowledged: AcknowledgedRecord[]): Promise<ProduceReport> {
  return produceRecords({
    kinesis,
    streamName,
    source: uniformSamples({ profile: originalProfile(), seed: gpuId.charCodeAt(0), gpuId }),
    metrics: ["energia", "Frequencia", "temperatura", "Uso", "usoVRAM"],
    intervalMs: 0,
    count,
    batchSize,
    retry: RETRY,
    onRecord: (record) => acknowledged.push(record),
  });
}

/** Every record in the stream is one the producers had acknowledged, at its sequence number, and each appears once. */
async function assertStreamHoldsExactly(kinesis: KinesisClient, streamName: string, acknowledged: readonly AcknowledgedRecord[]): Promise<void> {
  const stored = await readStream(kinesis, streamName);
  assert.equal(stored.length, acknowledged.length, "as many records in the stream as acknowledged: none lost, none twice");
  const bySequence = new Map(acknowledged.map((ack) => [ack.sequenceNumber, serializeRecord(ack.record)]));
  assert.equal(bySequence.size, acknowledged.length, "one sequence number per acknowledged record");
  for (const record of stored) {
    assert.equal(text(record.Data), bySequence.get(record.SequenceNumber!), `record ${record.SequenceNumber}`);
  }
  const identities = stored.map((record) => {
    const { gpu, idtemp } = JSON.parse(text(record.Data)) as { gpu: string; idtemp: string };
    return `${gpu}/${idtemp}`;
  });
  assert.equal(new Set(identities).size, stored.length, "no record twice");
}

describe("produceRecords against Kinesis's per-shard write limits (enforceShardLimits)", () => {
  let emulator: TestEmulator;
  useTestEmulator(
    (started) => {
      emulator = started;
    },
    { enforceShardLimits: true },
  );

  test("PutRecords at full speed into one shard: partial failures re-send only the failed entries until all 3,000 records are in, once", async () => {
    const stream = await createStream(emulator.kinesis);
    const calls: PutRecordsCall[] = [];
    const kinesis = recordingClient(emulator.emulator.url, calls);
    const acknowledged: AcknowledgedRecord[] = [];
    try {
      const report = await produce(kinesis, stream, "0", 3000, 400, acknowledged);
      assert.equal(report.sent, 3000);
      assert.equal(report.failed, 0);
      assert.ok(report.throttled > 0, `throttled ${report.throttled}: 3,000 records cannot fit one second's 1,000`);
      assert.ok(report.retried > 0);
      const partial = calls.filter((call) => call.errors !== undefined && call.errors.some((code) => code !== "") && call.errors.some((code) => code === ""));
      assert.ok(partial.length > 0, "some PutRecords answered with a partial failure");

      // The producer sends one request at a time: after an answer with failed entries, the next request is exactly those entries.
      for (let index = 0; index + 1 < calls.length; index++) {
        const { sent, errors } = calls[index]!;
        const failed = errors === undefined ? sent : sent.filter((_, entry) => errors[entry] !== "");
        if (failed.length > 0) {
          assert.deepEqual(calls[index + 1]!.sent, failed, `request ${index + 1} re-sends the ${failed.length} failed entries of request ${index}, in order, and nothing else`);
        }
      }
      assert.equal(
        calls.reduce((sum, call) => sum + call.sent.length, 0),
        3000 + report.retried,
        "entries sent = records + re-sends",
      );
      assert.equal(calls.reduce((sum, call) => sum + (call.errors?.filter((code) => code === "").length ?? 0), 0), 3000, "each record accepted exactly once");
      await assertStreamHoldsExactly(emulator.kinesis, stream, acknowledged);
    } finally {
      kinesis.destroy();
    }
  });

  test("PutRecord sharing the shard with a PutRecords producer: its throttled puts are retried until every record is in, once", async () => {
    const stream = await createStream(emulator.kinesis);
    const acknowledged: AcknowledgedRecord[] = [];
    // The five producers of the course write into one stream; here a fast batching one fills each second's budget.
    const [batched, single] = await Promise.all([produce(emulator.kinesis, stream, "a", 2000, 500, acknowledged), produce(emulator.kinesis, stream, "b", 200, 1, acknowledged)]);
    assert.equal(batched.sent, 2000);
    assert.equal(single.sent, 200);
    assert.equal(batched.failed + single.failed, 0);
    assert.ok(single.throttled > 0, `PutRecord throttled ${single.throttled} times`);
    assert.ok(single.retried > 0);
    assert.equal(single.requests, 200 + single.retried, "one PutRecord per record, plus one per retry");
    await assertStreamHoldsExactly(emulator.kinesis, stream, acknowledged);
  });
});
