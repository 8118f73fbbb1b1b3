import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, test } from "node:test";
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  PutRecordCommand,
  PutRecordsCommand,
  type _Record,
} from "@aws-sdk/client-kinesis";
import { rejectsWith } from "../support/awsAssertions";
import { useFidelityTarget, type FidelityTarget } from "../support/fidelityTarget";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined): string => new TextDecoder().decode(data);

/** Kinesis sequence numbers are decimal strings of 56 digits (as every AWS answer and kinesalite show). */
const SEQUENCE_NUMBER = /^\d{56}$/;

/**
 * Kinesis as the pipeline calls it, answered by the emulator (npm test) or by AWS (npm run test:aws): one
 * provisioned shard for the few seconds the file takes.
 */
describe("Kinesis's answers and errors, emulator and AWS alike", () => {
  let target: FidelityTarget;
  let stream: string;
  useFidelityTarget("kin", (opened) => {
    target = opened;
    stream = `${opened.prefix}-stream`;
  });

  async function readAll(expected: number): Promise<_Record[]> {
    const { kinesis } = target.clients;
    let iterator = (await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" }))).ShardIterator;
    const records: _Record[] = [];
    // AWS may answer a read with no records before the ones written: read on, as a consumer does.
    for (let read = 0; read < 30 && records.length < expected && iterator !== undefined; read++) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(page.Records ?? []));
      iterator = page.NextShardIterator;
      if (records.length < expected) {
        await sleep(target.pollMs);
      }
    }
    return records;
  }

  describe("behaviour", () => {
    test("CreateStream answers at once and the stream turns ACTIVE with one open shard", async () => {
      await target.clients.kinesis.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 1 }));
      let summary;
      for (let poll = 0; poll < 120; poll++) {
        summary = (await target.clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary;
        if (summary?.StreamStatus === "ACTIVE") {
          break;
        }
        assert.equal(summary?.StreamStatus, "CREATING");
        await sleep(target.pollMs);
      }
      assert.equal(summary?.StreamStatus, "ACTIVE");
      assert.equal(summary?.OpenShardCount, 1);
      assert.match(summary?.StreamARN ?? "", new RegExp(`^arn:aws:kinesis:${target.region}:\\d{12}:stream/${stream}$`));
    });

    test("PutRecord answers the shard and a 56-digit sequence number, rising record by record", async () => {
      const first = await target.clients.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "gpu-0", Data: bytes("one") }));
      const second = await target.clients.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "gpu-0", Data: bytes("two") }));
      for (const answer of [first, second]) {
        assert.equal(answer.ShardId, "shardId-000000000000");
        assert.match(answer.SequenceNumber ?? "", SEQUENCE_NUMBER);
      }
      assert.ok(BigInt(second.SequenceNumber!) > BigInt(first.SequenceNumber!));
    });

    test("PutRecords answers one result per record, in order, and FailedRecordCount 0", async () => {
      const answer = await target.clients.kinesis.send(
        new PutRecordsCommand({ StreamName: stream, Records: ["three", "four", "five"].map((word) => ({ PartitionKey: `gpu-${word}`, Data: bytes(word) })) }),
      );
      assert.equal(answer.FailedRecordCount, 0);
      assert.equal(answer.Records?.length, 3);
      for (const result of answer.Records ?? []) {
        assert.equal(result.ShardId, "shardId-000000000000");
        assert.match(result.SequenceNumber ?? "", SEQUENCE_NUMBER);
        assert.equal(result.ErrorCode, undefined);
      }
    });

    // Data may be empty: its length constraint is 0 to 1 MiB (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html).
    test("takes a record with empty Data", async () => {
      const answer = await target.clients.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "empty", Data: new Uint8Array(0) }));
      assert.match(answer.SequenceNumber ?? "", SEQUENCE_NUMBER);
    });

    test("GetRecords from TRIM_HORIZON reads every record back in order, with its partition key and arrival time", async () => {
      const records = await readAll(6);
      assert.deepEqual(records.map((record) => text(record.Data)), ["one", "two", "three", "four", "five", ""]);
      assert.deepEqual(records.map((record) => record.PartitionKey), ["gpu-0", "gpu-0", "gpu-three", "gpu-four", "gpu-five", "empty"]);
      for (const record of records) {
        assert.match(record.SequenceNumber ?? "", SEQUENCE_NUMBER);
        assert.ok(record.ApproximateArrivalTimestamp instanceof Date);
      }
    });
  });

  describe("errors", () => {
    test("DescribeStreamSummary of a missing stream: ResourceNotFoundException naming the stream and the account", async () => {
      const missing = `${target.prefix}-missing`;
      await rejectsWith(
        target.clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: missing })),
        { name: "ResourceNotFoundException", message: new RegExp(`^Stream ${missing} under account \\d{12} not found\\.$`) },
      );
    });

    test("PutRecord with a 257-character partition key: ValidationException in AWS's validation wording", async () => {
      await rejectsWith(
        target.clients.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "k".repeat(257), Data: bytes("x") })),
        { name: "ValidationException", message: /^1 validation error detected: Value 'k{257}' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256$/ },
      );
    });

    test("PutRecord without Data: ValidationException, Data must not be null", async () => {
      await rejectsWith(
        target.clients.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "k", Data: undefined })),
        { name: "ValidationException", message: /Value null at 'data' failed to satisfy constraint: Member must not be null/ },
      );
    });
  });
});
