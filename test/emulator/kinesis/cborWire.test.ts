import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { ManualClock, uniqueStreamName } from "../../support/kinesisTestKit";

const CBOR = "application/x-amz-cbor-1.1";
const SHARD_0 = "shardId-000000000000";

/**
 * A request body as the AWS SDK for Java writes it in CBOR (SDK v1 SdkCborGenerator and v2's, over Jackson's
 * CBORGenerator in jackson-dataformats-binary):
 * - a structure or map is an INDEFINITE-length map (0xbf ... 0xff) and a list an indefinite-length array
 *   (0x9f ... 0xff): the SDK calls writeStartObject() / writeStartArray() with no size, which Jackson writes so;
 * - member names and strings are definite-length text (Jackson chunks only texts longer than its long-string limit);
 * - integers in their shortest form (Jackson's WRITE_MINIMAL_INTS, on by default);
 * - a blob (ByteBuffer) is a definite-length byte string (writeBinary), not base64 text;
 * - a timestamp is tag 1 (0xc1) over whole epoch MILLISECONDS (`writeTag(1); writeNumber(date.getTime())`; v2
 *   `instant.toEpochMilli()`), not RFC 8949's epoch seconds.
 */
type JavaValue = string | number | boolean | Uint8Array | Date | readonly JavaValue[] | { readonly [member: string]: JavaValue };

function head(majorType: number, argument: number): Buffer {
  const major = majorType << 5;
  if (argument < 24) {
    return Buffer.from([major | argument]);
  }
  if (argument < 0x100) {
    return Buffer.from([major | 24, argument]);
  }
  if (argument < 0x10000) {
    const bytes = Buffer.from([major | 25, 0, 0]);
    bytes.writeUInt16BE(argument, 1);
    return bytes;
  }
  if (argument < 0x100000000) {
    const bytes = Buffer.from([major | 26, 0, 0, 0, 0]);
    bytes.writeUInt32BE(argument, 1);
    return bytes;
  }
  const bytes = Buffer.from([major | 27, 0, 0, 0, 0, 0, 0, 0, 0]);
  bytes.writeBigUInt64BE(BigInt(argument), 1);
  return bytes;
}

const BREAK = Buffer.from([0xff]);

function javaCbor(value: JavaValue): Buffer {
  if (typeof value === "string") {
    const utf8 = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, utf8.length), utf8]);
  }
  if (typeof value === "number") {
    return value >= 0 ? head(0, value) : head(1, -value - 1);
  }
  if (typeof value === "boolean") {
    return Buffer.from([value ? 0xf5 : 0xf4]);
  }
  if (value instanceof Uint8Array) {
    return Buffer.concat([head(2, value.length), value]);
  }
  if (value instanceof Date) {
    return Buffer.concat([Buffer.from([0xc1]), head(0, value.getTime())]);
  }
  if (Array.isArray(value)) {
    return Buffer.concat([Buffer.from([0x9f]), ...value.map(javaCbor), BREAK]);
  }
  const members = Object.entries(value as { readonly [member: string]: JavaValue });
  return Buffer.concat([Buffer.from([0xbf]), ...members.flatMap(([name, member]) => [javaCbor(name), javaCbor(member)]), BREAK]);
}

/** Tag 1's content as decoded from an answer, kept apart so its encoding can be checked. */
class EpochMillis {
  constructor(readonly content: unknown) {}
}

/** An answer's CBOR as the same answer's JSON wire value: tag 1 epoch millis -> epoch seconds, byte strings -> base64. */
function asJsonWire(value: unknown): unknown {
  if (value instanceof EpochMillis) {
    assert.ok(Number.isInteger(value.content), `tag 1 over a whole number of milliseconds, got ${String(value.content)}`);
    return (value.content as number) / 1000;
  }
  if (value instanceof Uint8Array) {
    return Buffer.from(value).toString("base64");
  }
  if (Array.isArray(value)) {
    return value.map(asJsonWire);
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, asJsonWire(member)]));
  }
  return value;
}

interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly errorType: string | null;
  readonly bytes: Buffer;
  /** The body decoded (CBOR with tag 1 kept as EpochMillis, or JSON); undefined when empty. */
  readonly body: unknown;
}

/**
 * Kinesis over CBOR, the wire of the AWS SDK for Java and the KCL: every operation answers as it does over JSON
 * 1.1, in CBOR, with AWS's encodings of timestamps, blobs and errors (emulator/src/protocol/awsJson/coralCbor.ts).
 */
describe("Kinesis over CBOR (application/x-amz-cbor-1.1), as the AWS SDK for Java sends it", () => {
  const clock = new ManualClock();
  let emulator: TestEmulator;
  useTestEmulator(
    (started) => {
      emulator = started;
    },
    { now: clock.now },
  );

  async function send(operation: string, body: Buffer | string, contentType: string): Promise<Answer> {
    const response = await fetch(emulator.emulator.url, { method: "POST", headers: { "x-amz-target": `Kinesis_20131202.${operation}`, "content-type": contentType }, body });
    const bytes = Buffer.from(await response.arrayBuffer());
    const answerType = response.headers.get("content-type");
    let decoded: unknown;
    if (bytes.length > 0) {
      const { decode } = await import("cborg");
      decoded = answerType === CBOR ? decode(bytes, { tags: { 1: (content: () => unknown) => new EpochMillis(content()) } }) : JSON.parse(bytes.toString("utf8"));
    }
    return { status: response.status, contentType: answerType, errorType: response.headers.get("x-amzn-errortype"), bytes, body: decoded };
  }

  function overCbor(operation: string, request: JavaValue): Promise<Answer> {
    return send(operation, javaCbor(request), CBOR);
  }

  function overJson(operation: string, request: unknown): Promise<Answer> {
    return send(operation, JSON.stringify(request), "application/x-amz-json-1.1");
  }

  /** The CBOR answer, read as JSON wire values, equals the JSON answer: same status, error type and members. */
  function assertSameAnswer(cbor: Answer, json: Answer, ignoring: readonly string[] = []): void {
    assert.equal(cbor.contentType, CBOR);
    assert.equal(cbor.status, json.status);
    assert.equal(cbor.errorType, json.errorType);
    const without = (value: unknown): unknown => (typeof value === "object" && value !== null ? Object.fromEntries(Object.entries(value).filter(([key]) => !ignoring.includes(key))) : value);
    assert.deepEqual(without(asJsonWire(cbor.body)), without(json.body));
  }

  async function createStreamOverCbor(shardCount = 1): Promise<string> {
    const name = uniqueStreamName("cbor");
    const created = await overCbor("CreateStream", { StreamName: name, ShardCount: shardCount });
    assert.equal(created.status, 200);
    assert.equal(created.contentType, CBOR);
    // An operation that returns nothing answers an empty body, as over JSON (kinesalite index.js sendCbor: `data != null ? ... : ''`).
    assert.equal(created.bytes.length, 0);
    return name;
  }

  describe("behaviour", () => {
    test("CreateStream then DescribeStreamSummary: the summary equals JSON's, its creation time tag 1 over epoch milliseconds", async () => {
      const name = await createStreamOverCbor(2);
      const cbor = await overCbor("DescribeStreamSummary", { StreamName: name });
      assert.equal(cbor.status, 200);
      const summary = (cbor.body as { StreamDescriptionSummary: { StreamCreationTimestamp: unknown; OpenShardCount: number } }).StreamDescriptionSummary;
      assert.ok(summary.StreamCreationTimestamp instanceof EpochMillis);
      assert.equal(summary.OpenShardCount, 2);
      assertSameAnswer(cbor, await overJson("DescribeStreamSummary", { StreamName: name }));
    });

    test("a definite-length map, as other CBOR writers send, is read the same", async () => {
      const name = await createStreamOverCbor();
      const definite = Buffer.concat([Buffer.from([0xa1]), javaCbor("StreamName"), javaCbor(name)]);
      assertSameAnswer(await send("DescribeStreamSummary", definite, CBOR), await overJson("DescribeStreamSummary", { StreamName: name }));
    });

    test("PutRecord takes Data as a byte string; ListShards equals JSON's", async () => {
      const name = await createStreamOverCbor(2);
      const put = await overCbor("PutRecord", { StreamName: name, PartitionKey: "alpha", Data: Uint8Array.from([0, 255, 1, 128]) });
      const putOverJson = await overJson("PutRecord", { StreamName: name, PartitionKey: "alpha", Data: Buffer.from([0, 255, 1, 128]).toString("base64") });
      assert.equal(put.status, 200);
      assertSameAnswer(put, putOverJson, ["SequenceNumber"]);
      assert.match((put.body as { SequenceNumber: string }).SequenceNumber, /^\d+$/);
      assertSameAnswer(await overCbor("ListShards", { StreamName: name }), await overJson("ListShards", { StreamName: name }));
    });

    test("PutRecords, GetShardIterator and GetRecords: records come back with Data as byte strings and arrival times as tag 1 epoch milliseconds", async () => {
      const name = await createStreamOverCbor();
      const payloads = [Uint8Array.from([1, 2, 3]), Buffer.from("hello"), new Uint8Array(0)];
      clock.advance(1234);
      const put = await overCbor("PutRecords", { StreamName: name, Records: payloads.map((Data, index) => ({ Data, PartitionKey: `key-${index}` })) });
      assert.equal(put.status, 200);
      const putBody = put.body as { FailedRecordCount: number; Records: { ShardId: string }[] };
      assert.equal(putBody.FailedRecordCount, 0);
      assert.deepEqual(
        putBody.Records.map((entry) => entry.ShardId),
        payloads.map(() => SHARD_0),
      );

      const iterator = await overCbor("GetShardIterator", { StreamName: name, ShardId: SHARD_0, ShardIteratorType: "TRIM_HORIZON" });
      assert.equal(iterator.status, 200);
      const cborRecords = await overCbor("GetRecords", { ShardIterator: (iterator.body as { ShardIterator: string }).ShardIterator });
      const jsonIterator = await overJson("GetShardIterator", { StreamName: name, ShardId: SHARD_0, ShardIteratorType: "TRIM_HORIZON" });
      const jsonRecords = await overJson("GetRecords", { ShardIterator: (jsonIterator.body as { ShardIterator: string }).ShardIterator });
      assertSameAnswer(cborRecords, jsonRecords, ["NextShardIterator"]);

      const records = (cborRecords.body as { Records: { Data: unknown; ApproximateArrivalTimestamp: unknown }[] }).Records;
      assert.deepEqual(
        records.map((record) => Buffer.from(record.Data as Uint8Array)),
        payloads.map((payload) => Buffer.from(payload)),
      );
      for (const record of records) {
        assert.ok(record.ApproximateArrivalTimestamp instanceof EpochMillis);
        assert.equal(record.ApproximateArrivalTimestamp.content, clock.now());
      }
    });

    test("GetShardIterator AT_TIMESTAMP reads a tag 1 timestamp in epoch milliseconds", async () => {
      const name = await createStreamOverCbor();
      clock.advance(10_000);
      await overCbor("PutRecord", { StreamName: name, PartitionKey: "k", Data: Buffer.from("before") });
      clock.advance(1_001);
      const second = clock.now();
      await overCbor("PutRecord", { StreamName: name, PartitionKey: "k", Data: Buffer.from("at") });

      const iterator = await overCbor("GetShardIterator", { StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AT_TIMESTAMP", Timestamp: new Date(second) });
      assert.equal(iterator.status, 200);
      const read = await overCbor("GetRecords", { ShardIterator: (iterator.body as { ShardIterator: string }).ShardIterator });
      const records = (read.body as { Records: { Data: Uint8Array }[] }).Records;
      assert.deepEqual(
        records.map((record) => Buffer.from(record.Data).toString()),
        ["at"],
      );

      // The same position as JSON names it, in epoch seconds.
      const jsonIterator = await overJson("GetShardIterator", { StreamName: name, ShardId: SHARD_0, ShardIteratorType: "AT_TIMESTAMP", Timestamp: second / 1000 });
      const jsonRead = await overJson("GetRecords", { ShardIterator: (jsonIterator.body as { ShardIterator: string }).ShardIterator });
      assertSameAnswer(read, jsonRead, ["NextShardIterator"]);
    });
  });

  describe("errors", () => {
    test("ResourceNotFoundException: a CBOR map {__type, message}, as over JSON", async () => {
      const missing = { StreamName: uniqueStreamName("missing") };
      const cbor = await overCbor("DescribeStreamSummary", missing);
      assert.equal(cbor.status, 400);
      assert.deepEqual(Object.keys(cbor.body as object).sort(), ["__type", "message"]);
      assert.equal((cbor.body as { __type: string }).__type, "ResourceNotFoundException");
      assertSameAnswer(cbor, await overJson("DescribeStreamSummary", missing));
    });

    test("ValidationException: the same wording as over JSON, a blob's length included", async () => {
      const name = await createStreamOverCbor();
      assertSameAnswer(await overCbor("CreateStream", { StreamName: "", ShardCount: 0 }), await overJson("CreateStream", { StreamName: "", ShardCount: 0 }));
      const oversized = new Uint8Array(1024 * 1024 + 1);
      const cbor = await overCbor("PutRecord", { StreamName: name, PartitionKey: "k", Data: oversized });
      assert.equal((cbor.body as { __type: string }).__type, "ValidationException");
      assertSameAnswer(cbor, await overJson("PutRecord", { StreamName: name, PartitionKey: "k", Data: Buffer.from(oversized).toString("base64") }));
    });

    test("a member of the wrong type: Coral's SerializationException, as over JSON", async () => {
      assertSameAnswer(await overCbor("DescribeStreamSummary", { StreamName: 12 }), await overJson("DescribeStreamSummary", { StreamName: 12 }));
    });

    test("a body that is not CBOR, or not a CBOR map: SerializationException with no message, in CBOR", async () => {
      for (const body of [Buffer.from("{}"), Buffer.from("hello"), Buffer.from([0xbf, 0x61]), javaCbor(["StreamName"]), javaCbor("text")]) {
        const answer = await send("ListStreams", body, CBOR);
        assert.equal(answer.status, 400, body.toString("hex"));
        assert.equal(answer.contentType, CBOR);
        assert.deepEqual(answer.body, { __type: "SerializationException" }, body.toString("hex"));
      }
    });
  });
});
