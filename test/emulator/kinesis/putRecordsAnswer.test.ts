import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jsonResponse } from "@gpu-stream/emulator/internal/protocol/awsJson/jsonResponse";
import { splitHashKeySpace } from "@gpu-stream/emulator/internal/services/kinesis/hashKeyRanges";
import { putEntry } from "@gpu-stream/emulator/internal/services/kinesis/putEntry";
import { PutRecordsAnswer } from "@gpu-stream/emulator/internal/services/kinesis/PutRecordsAnswer";
import { shardIdOf, Stream, type PutOutcome } from "@gpu-stream/emulator/internal/services/kinesis/Stream";

const JSON_1_1 = "application/x-amz-json-1.1";

/** Error texts JSON must escape, beside plain ones (an error entry's code and message are written through JSON.stringify). */
const TRICKY_MESSAGES = ['Rate exceeded for shard shardId-000000000001 in stream "s"', "back\\slash\u0000\n\t", "é ✓ 😀 \u2028", "lone \ud800 surrogate"];

/** PutRecords' answer writes itself byte for byte as the generic serializer writes the same output. */
describe("PutRecordsAnswer", () => {
  let directory: string;
  let stream: Stream;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "put-records-answer-"));
    stream = Stream.create(
      directory,
      {
        name: "answers",
        createdMs: Date.UTC(2026, 11, 8, 1, 0, 0),
        activeAtMs: 0,
        mode: "PROVISIONED",
        retentionHours: 24,
        tags: {},
        shards: splitHashKeySpace(4).map((range, index) => ({ shardId: shardIdOf(index), startingHashKey: range.start.toString(), endingHashKey: range.end.toString() })),
      },
      { enforceShardLimits: false, fsync: false, log: () => undefined },
    );
  });
  after(async () => {
    await Promise.all(stream.shards.map((shard) => shard.log.close()));
    await rm(directory, { recursive: true, force: true });
  });

  function putOutcomes(count: number): PutOutcome[] {
    const entries = Array.from({ length: count }, (_, index) => putEntry(`key-${index % 16}`, Uint8Array.of(index % 256, 1, 2), undefined));
    return [...stream.put(entries, Date.now(), "000000000000")];
  }

  function genericBody(answer: PutRecordsAnswer): string {
    return jsonResponse(200, answer.toOutput(), JSON_1_1, {}, true).body as string;
  }

  test("records written to every shard: the same bytes as the generic answer", () => {
    const outcomes = putOutcomes(500);
    assert.equal(new Set(outcomes.map((outcome) => outcome.shard.id)).size, 4);
    const answer = new PutRecordsAnswer(outcomes, 0);
    assert.equal(answer.writeJson().toString("utf8"), genericBody(answer));
  });

  test("failed entries, with messages JSON must escape, between written ones", () => {
    const written = putOutcomes(3);
    const failed: PutOutcome[] = TRICKY_MESSAGES.map((message, index) => ({
      shard: written[index % written.length]!.shard,
      errorCode: index % 2 === 0 ? "ProvisionedThroughputExceededException" : "InternalFailure",
      errorMessage: message,
    }));
    const outcomes = [failed[0]!, written[0]!, failed[1]!, failed[2]!, written[1]!, failed[3]!, written[2]!];
    const answer = new PutRecordsAnswer(outcomes, failed.length);
    const body = answer.writeJson().toString("utf8");
    assert.equal(body, genericBody(answer));
    assert.deepEqual(
      (JSON.parse(body) as { Records: { ErrorMessage?: string }[] }).Records.map((record) => record.ErrorMessage),
      outcomes.map((outcome) => (outcome.errorCode === undefined ? undefined : outcome.errorMessage)),
    );
  });
});
