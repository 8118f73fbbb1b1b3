import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { createStream } from "../../support/kinesisTestKit";

/**
 * Kinesis's input errors, word for word as kinesalite's suite recorded them against production Kinesis
 * (test/helpers.js assertType and assertValidation; the test files named in each case).
 */
describe("Kinesis input errors, worded as Kinesis (Coral) words them", () => {
  let emulator: TestEmulator;
  let stream: string;
  useTestEmulator(async (started) => {
    emulator = started;
    stream = await createStream(emulator.kinesis);
  });

  async function call(operation: string, input: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(emulator.emulator.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `Kinesis_20131202.${operation}` },
      body: JSON.stringify(input),
    });
    const text = await response.text();
    return { status: response.status, body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>) };
  }

  async function assertSerialization(operation: string, input: unknown, message: string): Promise<void> {
    const answer = await call(operation, input);
    assert.equal(answer.status, 400, JSON.stringify(input));
    assert.deepEqual(answer.body, { __type: "SerializationException", Message: message }, JSON.stringify(input));
  }

  async function validationMessage(operation: string, input: unknown): Promise<string> {
    const answer = await call(operation, input);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.__type, "ValidationException");
    return answer.body.message as string;
  }

  describe("serialization", () => {
    const number = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";
    test("a String member given a boolean, a number, a list or an object", async () => {
      await assertSerialization("DescribeStream", { StreamName: true }, "class java.lang.Boolean can not be converted to an String");
      await assertSerialization("DescribeStream", { StreamName: 34.56 }, `${number} can not be converted to an String`);
      await assertSerialization("DescribeStream", { StreamName: [] }, "Start of list found where not expected");
      await assertSerialization("DescribeStream", { StreamName: {} }, "Start of structure or map found where not expected.");
    });

    test("an Integer member given a string or a boolean", async () => {
      await assertSerialization("ListStreams", { Limit: "23" }, "class java.lang.String can not be converted to an Integer");
      await assertSerialization("ListStreams", { Limit: true }, "class java.lang.Boolean can not be converted to an Integer");
    });

    test("a List, a Map and a Structure given the wrong kind", async () => {
      await assertSerialization("PutRecords", { Records: "23" }, "Expected list or null");
      await assertSerialization("PutRecords", { Records: {} }, "Start of structure or map found where not expected.");
      await assertSerialization("PutRecords", { Records: [23] }, "Expected null");
      await assertSerialization("AddTagsToStream", { Tags: 23 }, "Expected map or null");
      await assertSerialization("AddTagsToStream", { Tags: [] }, "Start of list found where not expected");
      await assertSerialization("AddTagsToStream", { Tags: { a: false } }, "class java.lang.Boolean can not be converted to an String");
    });

    test("a Timestamp given a string, a Boolean given a string", async () => {
      await assertSerialization("GetShardIterator", { Timestamp: "23" }, "class java.lang.String can not be converted to milliseconds since epoch");
      await assertSerialization("GetShardIterator", { DryRun: "yes" }, "'YES' can not be converted to an Boolean");
    });

    test("a Blob's base64: length, characters, and the bits of its last character (helpers.js assertType 'Blob')", async () => {
      const put = (Data: unknown) => ({ StreamName: stream, PartitionKey: "a", Data });
      await assertSerialization("PutRecord", put(23), `${number} can not be converted to a Blob`);
      await assertSerialization("PutRecord", put("23456"), "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5");
      await assertSerialization("PutRecord", put("=+/="), "'=+/=' can not be converted to a Blob: Invalid Base64 character: '='");
      await assertSerialization("PutRecord", put("+/+="), "'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
    });
  });

  describe("validation", () => {
    test("a fraction is truncated and an Integer saturates at 2^31-1 (test/createStream.js, test/getRecords.js)", async () => {
      const listed = await call("ListStreams", { Limit: 1.9 });
      assert.equal(listed.status, 200);
      assert.equal((listed.body.StreamNames as string[]).length, 1);
      assert.match(await validationMessage("CreateStream", { StreamName: "ok", ShardCount: 100000000000 }), /Value '2147483647' at 'shardCount' failed to satisfy constraint: Member must have value less than or equal to 100000/);
      assert.match(await validationMessage("ListStreams", { Limit: 0.5 }), /Value '0' at 'limit'/);
    });

    test("an empty list is printed as Java prints it: Value '[]' (test/putRecords.js)", async () => {
      assert.equal(
        await validationMessage("PutRecords", { StreamName: stream, Records: [] }),
        "1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });

    test("list members of a string list fail as one constraint on the list (test/removeTagsFromStream.js)", async () => {
      const long = "a".repeat(129);
      assert.equal(
        await validationMessage("RemoveTagsFromStream", { StreamName: stream, TagKeys: ["a", long, "b"] }),
        `1 validation error detected: Value '[a, ${long}, b]' at 'tagKeys' failed to satisfy constraint: ` +
          "Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]",
      );
    });

    test("map keys and values fail as one constraint on the map (test/addTagsToStream.js)", async () => {
      const long = "a".repeat(257);
      assert.equal(
        await validationMessage("AddTagsToStream", { StreamName: stream, Tags: { a: "1", c: long } }),
        `1 validation error detected: Value '{a=1, c=${long}}' at 'tags' failed to satisfy constraint: ` +
          "Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]",
      );
      assert.match(await validationMessage("AddTagsToStream", { StreamName: stream, Tags: { [long]: "3" } }), /at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: \[Member must have length less than or equal to 128, /);
    });

    test("a null tag value or tag key member is left out, and a key named __proto__ stays a key", async () => {
      const added = await call("AddTagsToStream", { StreamName: stream, Tags: JSON.parse('{"kept":"1","dropped":null,"constructor":null,"__proto__":"p"}') as unknown });
      assert.equal(added.status, 200);
      const listed = await call("ListTagsForStream", { StreamName: stream });
      const keys = (listed.body.Tags as { Key: string }[]).map((tag) => tag.Key);
      assert.ok(keys.includes("kept") && keys.includes("__proto__") && !keys.includes("dropped"), JSON.stringify(keys));
      const removed = await call("RemoveTagsFromStream", { StreamName: stream, TagKeys: ["kept", null] });
      assert.equal(removed.status, 200);
    });

    test("at most 10 problems are listed, and the count says 10 (test/putRecords.js \"too many records\")", async () => {
      const records = Array.from({ length: 501 }, () => ({ PartitionKey: "", Data: "" }));
      const message = await validationMessage("PutRecords", { StreamName: "", Records: records });
      assert.match(message, /^10 validation errors detected: Value '\[.*\]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500; /);
      assert.equal(message.split("; ").length, 10);
      assert.match(message, /records\.9\.member\.partitionKey/);
      assert.doesNotMatch(message, /streamName|records\.10\./);
    });
  });
});
