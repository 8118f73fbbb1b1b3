import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GetRecordsOutput } from "@aws-sdk/client-kinesis";
import { jsonResponse } from "@gpu-stream/emulator/internal/protocol/awsJson/jsonResponse";
import { GetRecordsAnswer, type GetRecordsTail } from "@gpu-stream/emulator/internal/services/kinesis/GetRecordsAnswer";
import { formatSequenceNumber, sequencePrefix, writeOrdinalOverZero } from "@gpu-stream/emulator/internal/services/kinesis/sequenceNumbers";
import { ShardLog } from "@gpu-stream/emulator/internal/services/kinesis/ShardLog";

const JSON_1_1 = "application/x-amz-json-1.1";
const PREFIX = sequencePrefix(Date.UTC(2026, 11, 7, 22, 0, 0), 3);
const sequenceNumber = (ordinal: number): string => formatSequenceNumber(PREFIX, ordinal);
const ARRIVAL_MS = Date.UTC(2026, 11, 7, 22, 0, 1, 123);

/** Keys JSON must escape or that are not ASCII, and plain ones around them. */
const TRICKY_KEYS = [
  "plain-key",
  'say "hi"',
  "back\\slash\\",
  "é unicode ✓ 😀 中文",
  "\u0000\u0001\b\f\n\r\t\u001f",
  "\u007f delete",
  "</script>\u2028\u2029",
  "lone \ud800 surrogate",
  "k".repeat(256),
  " ",
];

/** Data of lengths around base64's groups of three, every byte value, empty, and larger than a read buffer. */
const TRICKY_DATA = [
  new Uint8Array(0),
  Uint8Array.of(0),
  Uint8Array.of(0xff, 0xfe),
  Uint8Array.of(1, 2, 3),
  Uint8Array.from({ length: 256 }, (_, index) => index),
  new TextEncoder().encode(JSON.stringify({ gpu: 3, utilization: 97.5, note: 'quotes " and \\ and é' })),
  randomBytes(256 * 1024),
];

/** What the handler answered before the answer wrote itself: records as objects from `read`, through the generic serializer. */
async function genericBody(log: ShardLog, from: number, limit: number, minArrivalMs: number, tail: GetRecordsTail): Promise<Buffer> {
  const { records } = await log.read(from, limit, 10 * 1024 * 1024, minArrivalMs);
  const output: GetRecordsOutput = {
    Records: records.map((record) => ({
      SequenceNumber: sequenceNumber(record.ordinal),
      ApproximateArrivalTimestamp: new Date(record.arrivalMs),
      Data: record.data,
      PartitionKey: record.partitionKey,
    })),
    ...tail,
  };
  return Buffer.from(jsonResponse(200, output, JSON_1_1, {}, true).body as string, "utf8");
}

async function selfWrittenBody(log: ShardLog, from: number, limit: number, minArrivalMs: number, tail: GetRecordsTail): Promise<{ body: Buffer; answer: GetRecordsAnswer }> {
  const { frames } = await log.readFrames(from, limit, 10 * 1024 * 1024, minArrivalMs);
  const answer = new GetRecordsAnswer(frames, sequenceNumber, tail);
  return { body: jsonResponse(200, answer, JSON_1_1, {}, true).body as Buffer, answer };
}

const OPEN_TAIL: GetRecordsTail = { NextShardIterator: "AAAA/iterator+with=base64&\"quote\"", MillisBehindLatest: 1234 };
const CLOSED_TAIL: GetRecordsTail = {
  MillisBehindLatest: 0,
  ChildShards: [
    { ShardId: "shardId-000000000004", ParentShards: ["shardId-000000000003"], HashKeyRange: { StartingHashKey: "0", EndingHashKey: "170141183460469231731687303715884105727" } },
    { ShardId: "shardId-000000000005", ParentShards: ["shardId-000000000003"], HashKeyRange: { StartingHashKey: "170141183460469231731687303715884105728", EndingHashKey: "340282366920938463463374607431768211455" } },
  ],
};

describe("GetRecords' self-written JSON answer", () => {
  let directory: string;
  let log: ShardLog;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "gpu-stream-get-records-answer-"));
    log = ShardLog.open(join(directory, "shard.log"), { fsync: false, log: () => undefined });
    // Every key with every data, then many small records over a few arrivals (a fraction of a millisecond, whole seconds).
    log.append(TRICKY_KEYS.flatMap((partitionKey) => TRICKY_DATA.map((data) => ({ partitionKey, data }))), ARRIVAL_MS);
    for (const [batch, arrivalMs] of [ARRIVAL_MS + 1, ARRIVAL_MS + 877, ARRIVAL_MS + 877.5, Date.UTC(2026, 11, 7, 22, 0, 3)].entries()) {
      log.append(Array.from({ length: 3000 }, (_, index) => ({ partitionKey: `gpu-${index % 64}`, data: new TextEncoder().encode(`{"batch":${batch},"index":${index}}`) })), arrivalMs);
    }
  });
  after(async () => {
    await log.close();
    await rm(directory, { recursive: true, force: true });
  });

  describe("behaviour", () => {
    test("writes byte for byte the generic serializer's text for tricky keys and data, with NextShardIterator and MillisBehindLatest", async () => {
      const count = TRICKY_KEYS.length * TRICKY_DATA.length;
      const { body, answer } = await selfWrittenBody(log, 1, count, -Infinity, OPEN_TAIL);
      assert.equal(answer.toOutput().Records!.length, count);
      assert.ok(body.equals(await genericBody(log, 1, count, -Infinity, OPEN_TAIL)));
      assert.ok(body.equals(Buffer.from(jsonResponse(200, answer.toOutput(), JSON_1_1, {}, true).body as string, "utf8")));
    });

    test("writes the same text for 10,000 records read across buffers, from mid-block, with ChildShards", async () => {
      const { body } = await selfWrittenBody(log, 65, 10_000, -Infinity, CLOSED_TAIL);
      assert.ok(body.equals(await genericBody(log, 65, 10_000, -Infinity, CLOSED_TAIL)));
    });

    test("writes the same text when retention skips records and for an empty read", async () => {
      const retentionStart = ARRIVAL_MS + 877;
      const { body } = await selfWrittenBody(log, 1, 500, retentionStart, OPEN_TAIL);
      assert.ok(body.equals(await genericBody(log, 1, 500, retentionStart, OPEN_TAIL)));
      const empty = await selfWrittenBody(log, log.count + 1, 100, -Infinity, CLOSED_TAIL);
      assert.ok(empty.body.equals(await genericBody(log, log.count + 1, 100, -Infinity, CLOSED_TAIL)));
      assert.equal(empty.body.toString("utf8").slice(0, 30), '{"Records":[],"MillisBehindLat');
    });

    test("its text parses back to the records as stored", async () => {
      const count = TRICKY_KEYS.length * TRICKY_DATA.length;
      const { body } = await selfWrittenBody(log, 1, count, -Infinity, OPEN_TAIL);
      const parsed = JSON.parse(body.toString("utf8")) as { Records: { SequenceNumber: string; ApproximateArrivalTimestamp: number; Data: string; PartitionKey: string }[] };
      parsed.Records.forEach((record, index) => {
        assert.equal(record.SequenceNumber, sequenceNumber(index + 1));
        assert.equal(record.ApproximateArrivalTimestamp, ARRIVAL_MS / 1000);
        assert.equal(record.PartitionKey, TRICKY_KEYS[Math.floor(index / TRICKY_DATA.length)]!.replace("\ud800", "\ufffd"));
        assert.ok(Buffer.from(record.Data, "base64").equals(TRICKY_DATA[index % TRICKY_DATA.length]!));
      });
    });

    test("writes a sequence number's ordinal over the shard's zero number", () => {
      for (const ordinal of [0, 1, 9, 10, 99, 100, 12_345, 1_000_000, Number.MAX_SAFE_INTEGER]) {
        const text = Buffer.from(sequenceNumber(0), "latin1");
        writeOrdinalOverZero(text, text.length, ordinal);
        assert.equal(text.toString("latin1"), sequenceNumber(ordinal));
      }
    });
  });
});
