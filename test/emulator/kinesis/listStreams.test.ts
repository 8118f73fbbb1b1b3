import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { createStream, rejectsWith } from "../../support/kinesisTestKit";

describe("Kinesis ListStreams", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  describe("validation", () => {
    test("rejects a Limit of 0 with ValidationException", async () => {
      await rejectsWith(emulator.kinesis.send(new ListStreamsCommand({ Limit: 0 })), { name: "ValidationException", message: /at 'limit'/ });
    });
  });

  describe("errors", () => {
    test("answers InvalidArgumentException for a NextToken it did not issue", async () => {
      await rejectsWith(emulator.kinesis.send(new ListStreamsCommand({ NextToken: "bm90IGEgdG9rZW4=" })), { name: "InvalidArgumentException" });
    });
  });

  describe("behaviour", () => {
    test("lists nothing before any stream exists", async () => {
      const { StreamNames, HasMoreStreams, StreamSummaries } = await emulator.kinesis.send(new ListStreamsCommand({}));
      assert.deepEqual(StreamNames, []);
      assert.deepEqual(StreamSummaries, []);
      assert.equal(HasMoreStreams, false);
    });

    test("lists streams by name with their summaries, page by page", async () => {
      const names = ["list-c", "list-a", "list-b", "list-d", "list-e"];
      for (const name of names) {
        await createStream(emulator.kinesis, 1, name);
      }
      const seen: string[] = [];
      let page = await emulator.kinesis.send(new ListStreamsCommand({ Limit: 2 }));
      seen.push(...(page.StreamNames ?? []));
      assert.equal(page.HasMoreStreams, true);
      assert.deepEqual(
        page.StreamSummaries?.map((summary) => [summary.StreamName, summary.StreamStatus, summary.StreamARN]),
        page.StreamNames?.map((name) => [name, "ACTIVE", `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`]),
      );
      while (page.HasMoreStreams === true) {
        page = await emulator.kinesis.send(new ListStreamsCommand({ Limit: 2, NextToken: page.NextToken }));
        seen.push(...(page.StreamNames ?? []));
      }
      assert.equal(page.NextToken, undefined);
      assert.deepEqual(seen, [...names].sort());
    });

    test("starts after ExclusiveStartStreamName", async () => {
      for (const name of ["after-a", "after-b", "after-c"]) {
        await createStream(emulator.kinesis, 1, name);
      }
      const { StreamNames } = await emulator.kinesis.send(new ListStreamsCommand({ ExclusiveStartStreamName: "after-a", Limit: 2 }));
      assert.deepEqual(StreamNames, ["after-b", "after-c"]);
    });
  });
});
