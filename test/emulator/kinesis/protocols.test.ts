import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { GetRecordsCommand, PutRecordCommand, PutRecordsCommand, EnableEnhancedMonitoringCommand, StartStreamEncryptionCommand } from "@aws-sdk/client-kinesis";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { bytes, createStream, readStream, rejectsWith, shardIterator, text } from "../../support/kinesisTestKit";

describe("Kinesis over HTTP/2 and HTTP/1.1, and unknown operations", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  async function post(target: string, body: string, contentType = "application/x-amz-json-1.1"): Promise<{ status: number; errorType: string | null; body: { __type?: string; message?: string } }> {
    const response = await fetch(emulator.emulator.url, { method: "POST", headers: { "content-type": contentType, "x-amz-target": target }, body });
    return { status: response.status, errorType: response.headers.get("x-amzn-errortype"), body: (await response.json()) as { __type?: string; message?: string } };
  }

  describe("validation", () => {
    test("answers SerializationException for a body that is not JSON", async () => {
      const answer = await post("Kinesis_20131202.ListStreams", "{not json");
      assert.equal(answer.status, 400);
      assert.equal(answer.body.__type, "SerializationException");
    });

    test("answers SerializationException for a Data that is not base64", async () => {
      const name = await createStream(emulator.kinesis);
      const answer = await post("Kinesis_20131202.PutRecord", JSON.stringify({ StreamName: name, PartitionKey: "k", Data: "not base64!" }));
      assert.equal(answer.status, 400);
      assert.equal(answer.body.__type, "SerializationException");
    });
  });

  describe("errors", () => {
    test("an operation of the API the emulator does not implement answers 501 naming it", async () => {
      const name = await createStream(emulator.kinesis);
      const error = await rejectsWith(
        emulator.kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: name, ShardLevelMetrics: ["ALL"] })),
        { name: "NotImplemented", message: /Kinesis operation EnableEnhancedMonitoring is not implemented/ },
      );
      assert.equal(error.$metadata?.httpStatusCode, 501);
      await rejectsWith(emulator.kinesisHttp1.send(new StartStreamEncryptionCommand({ StreamName: name, EncryptionType: "KMS", KeyId: "alias/aws/kinesis" })), { name: "NotImplemented", message: /StartStreamEncryption/ });
    });

    test("an operation Kinesis does not have answers UnknownOperationException with no message, as Kinesis does", async () => {
      // kinesalite test/connection.js "should return CBOR UnknownOperationException if random action" (JSON: assertUnknownJson).
      const answer = await post("Kinesis_20131202.MakeCoffee", "{}");
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, { __type: "UnknownOperationException" });
    });

    test("errors carry the x-amzn-ErrorType header the SDK reads first", async () => {
      const answer = await post("Kinesis_20131202.DescribeStream", JSON.stringify({ StreamName: "missing" }));
      assert.equal(answer.status, 400);
      assert.match(answer.errorType ?? "", /^ResourceNotFoundException:/);
      assert.deepEqual(answer.body, { __type: "ResourceNotFoundException", message: "Stream missing under account 000000000000 not found." });
    });
  });

  describe("behaviour", () => {
    test("records put over HTTP/2 read back over HTTP/1.1, and the other way round", async () => {
      const name = await createStream(emulator.kinesis, 2);
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "h2", Data: bytes("over h2") }));
      await emulator.kinesisHttp1.send(new PutRecordsCommand({ StreamName: name, Records: [{ PartitionKey: "h1", Data: bytes("over http/1.1") }] }));
      const viaHttp1 = await readStream(emulator.kinesisHttp1, name);
      const viaHttp2 = await readStream(emulator.kinesis, name);
      assert.deepEqual(viaHttp1, viaHttp2);
      assert.deepEqual(viaHttp2.map((record) => text(record.Data)).sort(), ["over h2", "over http/1.1"]);
    });

    test("a plain JSON client gets epoch-second timestamps and base64 data", async () => {
      const name = await createStream(emulator.kinesis, 1);
      await emulator.kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes("raw") }));
      const iterator = await shardIterator(emulator.kinesis, name, "shardId-000000000000");
      const answer = await post("Kinesis_20131202.GetRecords", JSON.stringify({ ShardIterator: iterator }));
      const records = (answer.body as { Records?: { Data: string; ApproximateArrivalTimestamp: number }[] }).Records ?? [];
      assert.equal(records.length, 1);
      assert.equal(Buffer.from(records[0]!.Data, "base64").toString(), "raw");
      assert.equal(typeof records[0]!.ApproximateArrivalTimestamp, "number");
      const viaSdk = await emulator.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
      assert.equal(viaSdk.Records?.[0]?.ApproximateArrivalTimestamp?.getTime(), Math.round(records[0]!.ApproximateArrivalTimestamp * 1000));
    });
  });
});
