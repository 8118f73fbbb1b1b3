import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { AddTagsToStreamCommand, ListTagsForStreamCommand, RemoveTagsFromStreamCommand } from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { createStream, rejectsWith } from "../../support/kinesisTestKit";

describe("Kinesis AddTagsToStream, ListTagsForStream and RemoveTagsFromStream", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  async function tags(name: string): Promise<Record<string, string>> {
    const { Tags } = await emulator.kinesis.send(new ListTagsForStreamCommand({ StreamName: name }));
    return Object.fromEntries((Tags ?? []).map((tag) => [tag.Key!, tag.Value!]));
  }

  describe("validation", () => {
    test("rejects an empty Tags map with ValidationException", async () => {
      await rejectsWith(emulator.kinesis.send(new AddTagsToStreamCommand({ StreamName: "s", Tags: {} })), { name: "ValidationException", message: /at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1/ });
    });

    test("rejects a 129-character tag key with ValidationException", async () => {
      await rejectsWith(emulator.kinesis.send(new AddTagsToStreamCommand({ StreamName: "s", Tags: { ["k".repeat(129)]: "v" } })), { name: "ValidationException" });
    });

    test("rejects a ListTagsForStream Limit of 51 with ValidationException", async () => {
      await rejectsWith(emulator.kinesis.send(new ListTagsForStreamCommand({ StreamName: "s", Limit: 51 })), { name: "ValidationException", message: /at 'limit'/ });
    });
  });

  describe("errors", () => {
    test("answers InvalidArgumentException past 50 tags on a stream", async () => {
      const name = await createStream(emulator.kinesis);
      await emulator.kinesis.send(new AddTagsToStreamCommand({ StreamName: name, Tags: Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`k${index}`, "v"])) }));
      await rejectsWith(
        emulator.kinesis.send(new AddTagsToStreamCommand({ StreamName: name, Tags: { one: "more" } })),
        { name: "InvalidArgumentException", message: /cannot have more than 50 tags/ },
      );
    });

    test("answers InvalidArgumentException for characters AWS refuses", async () => {
      const name = await createStream(emulator.kinesis);
      await rejectsWith(emulator.kinesis.send(new AddTagsToStreamCommand({ StreamName: name, Tags: { ok: "no*stars" } })), { name: "InvalidArgumentException" });
    });

    test("answers ResourceNotFoundException for a stream that does not exist", async () => {
      await rejectsWith(emulator.kinesis.send(new ListTagsForStreamCommand({ StreamName: "missing" })), { name: "ResourceNotFoundException" });
    });
  });

  describe("behaviour", () => {
    test("adds, overwrites, lists by key and removes tags", async () => {
      const name = await createStream(emulator.kinesis);
      assert.deepEqual(await tags(name), {});
      await emulator.kinesis.send(new AddTagsToStreamCommand({ StreamName: name, Tags: { course: "aws", unit: "W", "área": "dados 1" } }));
      await emulator.kinesis.send(new AddTagsToStreamCommand({ StreamName: name, Tags: { course: "gpu-stream" } }));
      assert.deepEqual(await tags(name), { course: "gpu-stream", unit: "W", "área": "dados 1" });
      await emulator.kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: name, TagKeys: ["unit", "absent"] }));
      assert.deepEqual(await tags(name), { course: "gpu-stream", "área": "dados 1" });
    });

    test("pages tags with Limit and ExclusiveStartTagKey", async () => {
      const name = await createStream(emulator.kinesis);
      await emulator.kinesis.send(new AddTagsToStreamCommand({ StreamName: name, Tags: { a: "1", b: "2", c: "3" } }));
      const first = await emulator.kinesis.send(new ListTagsForStreamCommand({ StreamName: name, Limit: 2 }));
      assert.deepEqual(first.Tags, [
        { Key: "a", Value: "1" },
        { Key: "b", Value: "2" },
      ]);
      assert.equal(first.HasMoreTags, true);
      const rest = await emulator.kinesis.send(new ListTagsForStreamCommand({ StreamName: name, ExclusiveStartTagKey: "b" }));
      assert.deepEqual(rest.Tags, [{ Key: "c", Value: "3" }]);
      assert.equal(rest.HasMoreTags, false);
    });
  });
});
