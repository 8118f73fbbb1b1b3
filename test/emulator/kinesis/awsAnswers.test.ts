import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { AddTagsToStreamCommand, CreateStreamCommand, GetShardIteratorCommand, RemoveTagsFromStreamCommand } from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { createStream, rejectsWith, uniqueStreamName } from "../../support/kinesisTestKit";

const INVALID_CHARACTERS = "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.";
const ACCOUNT = "000000000000";

/** Kinesis's answers as kinesalite's suite recorded them against production Kinesis (the test file named in each case). */
describe("Kinesis answers as AWS does where the emulator was lenient", () => {
  let emulator: TestEmulator;
  let stream: string;
  useTestEmulator(async (started) => {
    emulator = started;
    stream = await createStream(emulator.kinesis, 2);
  });

  describe("tag characters (test/addTagsToStream.js, test/removeTagsFromStream.js)", () => {
    test("a tab or a newline in a tag key or value is refused: white space means a space", async () => {
      const refused: Record<string, string>[] = [{ "abc\tdef": "1" }, { "abc\ndef": "1" }, { a: "abc\tdef" }, { a: "abc\ndef" }];
      for (const Tags of refused) {
        await rejectsWith(emulator.kinesis.send(new AddTagsToStreamCommand({ StreamName: stream, Tags })), { name: "InvalidArgumentException", message: INVALID_CHARACTERS });
      }
      await rejectsWith(emulator.kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: stream, TagKeys: ["abc\tdef"] })), { name: "InvalidArgumentException", message: INVALID_CHARACTERS });
    });

    test("% is refused with its own wording naming the operation and the stream", async () => {
      const allowed = "Unicode letters, white-spaces, '_',',','/','=','+','-','@'.";
      await rejectsWith(
        emulator.kinesis.send(new AddTagsToStreamCommand({ StreamName: stream, Tags: { a: "abc%def" } })),
        { name: "InvalidArgumentException", message: `Failed to add tags to stream ${stream} under account ${ACCOUNT} because some tags contained illegal characters. The allowed characters are ${allowed}` },
      );
      await rejectsWith(
        emulator.kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: stream, TagKeys: ["abc%def"] })),
        { name: "InvalidArgumentException", message: `Failed to remove tags from stream ${stream} under account ${ACCOUNT} because some tags contained illegal characters. The allowed characters are ${allowed}` },
      );
    });

    test("letters, digits, spaces and _ . / = + - @ are taken", async () => {
      await emulator.kinesis.send(new AddTagsToStreamCommand({ StreamName: stream, Tags: { "ü0 _.": "a", "/=+-@": "ü0 _./=+-@" } }));
    });
  });

  describe("GetShardIterator's shard ID (test/getShardIterator.js)", () => {
    test("any <prefix>-<number> or bare number names a shard", async () => {
      for (const ShardId of ["shard-0", "a-00000001", "-1", "1", `${uniqueStreamName()}-0`]) {
        const { ShardIterator } = await emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId, ShardIteratorType: "LATEST" }));
        assert.ok(ShardIterator, ShardId);
      }
    });

    test("a missing shard is named padded, also when the stream is missing: the shard is read first", async () => {
      await rejectsWith(
        emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: "shardId-5", ShardIteratorType: "LATEST" })),
        { name: "ResourceNotFoundException", message: `Shard shardId-000000000005 in stream ${stream} under account ${ACCOUNT} does not exist` },
      );
      await rejectsWith(
        emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: "no-such-stream", ShardId: "x-2147483647", ShardIteratorType: "LATEST" })),
        { name: "ResourceNotFoundException", message: `Shard shardId-002147483647 in stream no-such-stream under account ${ACCOUNT} does not exist` },
      );
    });

    test("a shard ID with no number a Java int holds is not found as given", async () => {
      for (const ShardId of ["2147483648", "shardId-002147483648", "ABKLFD8", "2.14E4"]) {
        await rejectsWith(
          emulator.kinesis.send(new GetShardIteratorCommand({ StreamName: "no-such-stream", ShardId, ShardIteratorType: "LATEST" })),
          { name: "ResourceNotFoundException", message: `Could not find shard ${ShardId} in stream no-such-stream under account ${ACCOUNT}.` },
        );
      }
    });
  });

  test("CreateStream over the shard limit ends as AWS's message does (test/createStream.js)", async () => {
    await rejectsWith(
      emulator.kinesis.send(new CreateStreamCommand({ StreamName: uniqueStreamName(), ShardCount: 100000 })),
      { name: "LimitExceededException", message: / Number of additional shards that would have resulted from this request: 100000\. Refer to the AWS Service Limits page \(http:\/\/docs\.aws\.amazon\.com\/general\/latest\/gr\/aws_service_limits\.html\) for current limits and how to request higher limits\.$/ },
    );
  });
});
