import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PutRecordCommand, UpdateDestinationCommand } from "@aws-sdk/client-firehose";
import { createBucket, createDeliveryStream, readObjects, rejectsWith } from "../../support/firehoseSdk";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

describe("Firehose on the wire", () => {
  let aws: TestEmulator;
  useTestEmulator((started) => {
    aws = started;
  });

  const firehoseRequest = (operation: string, body: unknown) =>
    fetch(aws.emulator.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `Firehose_20150804.${operation}` },
      body: JSON.stringify(body),
    });

  describe("errors", () => {
    test("answers 501 naming an operation of the API it does not implement", async () => {
      const error = await rejectsWith(
        aws.firehose.send(new UpdateDestinationCommand({ DeliveryStreamName: "gpu", CurrentDeliveryStreamVersionId: "1", DestinationId: "destinationId-000000000001" })),
        { name: "NotImplemented", message: "Firehose operation UpdateDestination is not implemented by the gpu-stream emulator" },
      );
      assert.equal(error.$metadata?.httpStatusCode, 501);
    });

    test("answers an error as JSON with __type and the x-amzn-ErrorType header", async () => {
      const response = await firehoseRequest("DescribeDeliveryStream", { DeliveryStreamName: "nowhere" });
      assert.equal(response.status, 400);
      assert.equal(response.headers.get("x-amzn-errortype"), "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.firehose/");
      assert.deepEqual(await response.json(), { __type: "ResourceNotFoundException", message: "Firehose nowhere under account 000000000000 not found." });
    });

    test("answers a record that is not base64 with SerializationException", async () => {
      const response = await firehoseRequest("PutRecord", { DeliveryStreamName: "gpu", Record: { Data: "not base64!" } });
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as { __type: string }).__type, "SerializationException");
    });
  });

  describe("the flush endpoint (not AWS)", () => {
    test("POST /_emulator/firehose/flush delivers every buffer and answers what it delivered", async () => {
      const bucket = await createBucket(aws.s3);
      const name = await createDeliveryStream(aws.firehose, { bucket });
      await aws.firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: Buffer.from("hello") } }));
      const response = await fetch(`${aws.emulator.url}/_emulator/firehose/flush`, { method: "POST" });
      assert.equal(response.status, 200);
      const report = (await response.json()) as { deliveryStreams: { deliveryStreamName: string; objects: { bucket: string; key: string; records: number }[] }[] };
      const [object] = await readObjects(aws.s3, bucket);
      const mine = report.deliveryStreams.find((entry) => entry.deliveryStreamName === name);
      assert.deepEqual(mine?.objects.map((entry) => [entry.bucket, entry.key, entry.records]), [[bucket, object!.key, 1]]);
    });

    test("flushes only the delivery stream named by ?name=", async () => {
      const bucket = await createBucket(aws.s3);
      const one = await createDeliveryStream(aws.firehose, { bucket });
      const other = await createDeliveryStream(aws.firehose, { bucket });
      for (const name of [one, other]) {
        await aws.firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: Buffer.from(name) } }));
      }
      const response = await fetch(`${aws.emulator.url}/_emulator/firehose/flush?name=${encodeURIComponent(one)}`, { method: "POST" });
      const report = (await response.json()) as { deliveryStreams: { deliveryStreamName: string }[] };
      assert.deepEqual(report.deliveryStreams.map((entry) => entry.deliveryStreamName), [one]);
      assert.deepEqual((await readObjects(aws.s3, bucket)).map((object) => object.body.toString()), [one]);
    });

    test("answers 404 for a delivery stream that does not exist and 405 for anything but POST", async () => {
      const missing = await fetch(`${aws.emulator.url}/_emulator/firehose/flush?name=nowhere`, { method: "POST" });
      assert.equal(missing.status, 404);
      assert.deepEqual(await missing.json(), { __type: "ResourceNotFoundException", message: "Firehose nowhere under account 000000000000 not found." });
      assert.equal((await fetch(`${aws.emulator.url}/_emulator/firehose/flush`)).status, 405);
    });
  });
});
