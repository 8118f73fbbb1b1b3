import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

const CBOR = "application/x-amz-cbor-1.1";

/** `{"__type": <code>}` as CBOR: a map of one pair of texts. */
function cborTypeOnly(code: string): Buffer {
  const textHead = code.length < 24 ? [0x60 + code.length] : [0x78, code.length];
  return Buffer.concat([Buffer.from([0xa1, 0x66]), Buffer.from("__type"), Buffer.from(textHead), Buffer.from(code)]);
}

/**
 * What Kinesis answers at the door, by Content-Type, target and body (kinesalite test/connection.js, run against
 * Kinesis), and the empty body of operations that return nothing (test/createStream.js).
 */
describe("Kinesis's protocol answers, as Kinesis (Coral) gives them", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  async function post(target: string, body: string | Buffer, contentType?: string): Promise<{ status: number; contentType: string | null; amzId2: string | null; bytes: Buffer }> {
    const headers: Record<string, string> = { "x-amz-target": target };
    if (contentType !== undefined) {
      headers["content-type"] = contentType;
    }
    const response = await fetch(emulator.emulator.url, { method: "POST", headers, body });
    return { status: response.status, contentType: response.headers.get("content-type"), amzId2: response.headers.get("x-amz-id-2"), bytes: Buffer.from(await response.arrayBuffer()) };
  }

  describe("JSON 1.1", () => {
    test("an empty body, a body that is not JSON, or not an object: SerializationException with no message", async () => {
      for (const body of ["", "hello", "true", "null", "[]"]) {
        const answer = await post("Kinesis_20131202.ListStreams", body, "application/x-amz-json-1.1");
        assert.equal(answer.status, 400, body);
        assert.deepEqual(JSON.parse(answer.bytes.toString()), { __type: "SerializationException" }, body);
      }
    });

    test("Content-Type with spaces and parameters is still JSON 1.1", async () => {
      const answer = await post("Kinesis_20131202.ListStreams", "{}", "   application/x-amz-json-1.1   ;whatever");
      assert.equal(answer.status, 200);
    });

    test("an operation that returns nothing answers an empty body; every answer carries x-amz-id-2", async () => {
      const name = `coral-${Date.now()}`;
      const created = await post("Kinesis_20131202.CreateStream", JSON.stringify({ StreamName: name, ShardCount: 1 }), "application/x-amz-json-1.1");
      assert.equal(created.status, 200);
      assert.equal(created.bytes.length, 0);
      assert.ok(created.amzId2 !== null && Buffer.from(created.amzId2, "base64").length >= 64);
    });
  });

  describe("other Content-Types", () => {
    test("none, x-amz-json-1.0 or an unknown one is read as CBOR: an unknown operation answers CBOR UnknownOperationException", async () => {
      for (const contentType of [undefined, "application/x-amz-json-1.0", "application/x-amz-json-1.1asdf"]) {
        for (const target of ["Kinesis_20131202.", "Kinesis_20131202.Whatever", "Kinesis_20131202.ListStream"]) {
          const answer = await post(target, "", contentType);
          assert.equal(answer.status, 400, `${contentType} ${target}`);
          assert.equal(answer.contentType, CBOR);
          assert.deepEqual(answer.bytes, cborTypeOnly("UnknownOperationException"));
        }
      }
    });

    test("a known operation with no body answers CBOR SerializationException, application/json included", async () => {
      for (const contentType of [undefined, "application/json"]) {
        const answer = await post("Kinesis_20131202.ListStreams", "", contentType);
        assert.equal(answer.status, 400);
        assert.equal(answer.contentType, CBOR);
        assert.deepEqual(answer.bytes, cborTypeOnly("SerializationException"));
      }
    });

    test("application/json answers in the deprecated envelope: 404 UnknownOperation for JSON, 400 Serialization otherwise", async () => {
      const known = await post("Kinesis_20131202.ListStreams", "{}", "application/json");
      assert.equal(known.status, 404);
      assert.equal(known.contentType, "application/json");
      assert.deepEqual(JSON.parse(known.bytes.toString()), { Output: { __type: "com.amazon.coral.service#UnknownOperationException" }, Version: "1.0" });
      const notJson = await post("Kinesis_20131202.ListStreams", "hello", "     application/json     ;");
      assert.equal(notJson.status, 400);
      assert.deepEqual(JSON.parse(notJson.bytes.toString()), { Output: { __type: "com.amazon.coral.service#SerializationException" }, Version: "1.0" });
    });

    test("a CBOR body is read: ListStreams' answer in CBOR, a body that is no CBOR a CBOR SerializationException", async () => {
      // An empty CBOR map (0xa0) is `{}` (kinesalite index.js decodes application/x-amz-cbor-1.1 bodies and answers in
      // CBOR; test/emulator/kinesis/cborWire.test.ts has each operation and its encodings).
      const answer = await post("Kinesis_20131202.ListStreams", Buffer.from([0xa0]), CBOR);
      assert.equal(answer.status, 200);
      assert.equal(answer.contentType, CBOR);
      const { decode } = await import("cborg");
      const streams = decode(answer.bytes, { tags: { 1: (content: () => unknown) => new Date(content() as number) } }) as object;
      assert.deepEqual(Object.keys(streams).sort(), ["HasMoreStreams", "StreamNames", "StreamSummaries"]);
      const notCbor = await post("Kinesis_20131202.ListStreams", "hello", CBOR);
      assert.equal(notCbor.status, 400);
      assert.deepEqual(notCbor.bytes, cborTypeOnly("SerializationException"));
    });
  });
});
