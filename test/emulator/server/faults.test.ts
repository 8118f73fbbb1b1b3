import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateDeliveryStreamCommand, DeleteDeliveryStreamCommand, DescribeDeliveryStreamCommand, ResourceInUseException, ResourceNotFoundException } from "@aws-sdk/client-firehose";
import { CreateBucketCommand, S3ServiceException } from "@aws-sdk/client-s3";
import { rawRequest } from "../../support/rawHttp";
import { useTestEmulator, type TestEmulator } from "../../support/testEmulator";

const ROLE = "arn:aws:iam::000000000000:role/firehose";
const FAILURE = { Type: "INVALID_KMS_KEY", Details: "The KMS key is not usable." } as const;

async function faultsRequest(emulator: TestEmulator, method: string, body?: string, headers: Record<string, string> = {}) {
  const response = await rawRequest(emulator.emulator.url, {
    method,
    path: "/_emulator/faults",
    headers: { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body }),
  });
  return { status: response.status, json: JSON.parse(response.body.toString("utf8")) as Record<string, unknown> };
}

function directPut(name: string) {
  return new CreateDeliveryStreamCommand({
    DeliveryStreamName: name,
    DeliveryStreamType: "DirectPut",
    ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: "arn:aws:s3:::faults" },
  });
}

describe("/_emulator/faults (not AWS)", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  describe("the route", () => {
    test("sets, lists and clears faults", async () => {
      const set = await faultsRequest(emulator, "POST", JSON.stringify({ "s3.createBucket.operationAborted": { forMs: 60_000 }, "firehose.createDeliveryStream.fail": { failureDescription: FAILURE } }));
      assert.equal(set.status, 200);
      const listed = await faultsRequest(emulator, "GET");
      assert.equal(listed.status, 200);
      const faults = listed.json["faults"] as Record<string, { forMs?: number; failureDescription?: unknown }>;
      assert.deepEqual(Object.keys(faults).sort(), ["firehose.createDeliveryStream.fail", "s3.createBucket.operationAborted"]);
      assert.ok(faults["s3.createBucket.operationAborted"]!.forMs! > 50_000 && faults["s3.createBucket.operationAborted"]!.forMs! <= 60_000);
      assert.deepEqual(faults["firehose.createDeliveryStream.fail"]!.failureDescription, FAILURE);
      const cleared = await faultsRequest(emulator, "DELETE");
      assert.deepEqual(cleared, { status: 200, json: { faults: {} } });
      assert.deepEqual((await faultsRequest(emulator, "GET")).json, { faults: {} });
    });

    test("answers 400 to a body that is not JSON, an unknown fault and a malformed one, setting none of them", async () => {
      for (const body of ["{not json", "[]", JSON.stringify({ "s3.deleteBucket.explode": {} }), JSON.stringify({ "s3.createBucket.operationAborted": { forMs: -1 } })]) {
        const answer = await faultsRequest(emulator, "POST", body);
        assert.equal(answer.status, 400, body);
        assert.match(String(answer.json["message"]), /faults/);
      }
      const badType = await faultsRequest(emulator, "POST", JSON.stringify({ "firehose.createDeliveryStream.fail": { failureDescription: { Type: "NOPE", Details: "x" } } }));
      assert.equal(badType.status, 400);
      assert.match(String(badType.json["message"]), /INVALID_KMS_KEY/);
      assert.deepEqual((await faultsRequest(emulator, "GET")).json, { faults: {} });
    });

    test("answers 405 to another method", async () => {
      assert.equal((await faultsRequest(emulator, "PUT", "{}")).status, 405);
    });

    test("refuses a page of another origin, as the other /_emulator/ routes do", async () => {
      const answer = await faultsRequest(emulator, "POST", JSON.stringify({ "s3.createBucket.operationAborted": { forMs: 60_000 } }), { origin: "https://evil.example" });
      assert.equal(answer.status, 403);
      assert.deepEqual((await faultsRequest(emulator, "GET")).json, { faults: {} });
    });
  });

  describe("what the services answer", () => {
    test("S3 CreateBucket answers 409 OperationAborted in AWS's words while the fault lasts, then creates the bucket", async () => {
      await faultsRequest(emulator, "POST", JSON.stringify({ "s3.createBucket.operationAborted": { forMs: 400 } }));
      const error = await emulator.s3.send(new CreateBucketCommand({ Bucket: "aborted" })).catch((caught: unknown) => caught);
      assert.ok(error instanceof S3ServiceException);
      assert.equal(error.name, "OperationAborted");
      assert.equal(error.$metadata.httpStatusCode, 409);
      assert.equal(error.message, "A conflicting conditional operation is currently in progress against this resource. Please try again.");
      await new Promise((resolve) => setTimeout(resolve, 450));
      await emulator.s3.send(new CreateBucketCommand({ Bucket: "aborted" }));
    });

    test("a delivery stream created under the fault is CREATING_FAILED with the FailureDescription, and can be deleted", async () => {
      await faultsRequest(emulator, "POST", JSON.stringify({ "firehose.createDeliveryStream.fail": { failureDescription: FAILURE } }));
      await emulator.firehose.send(directPut("failing"));
      await faultsRequest(emulator, "DELETE");
      const { DeliveryStreamDescription: description } = await emulator.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "failing" }));
      assert.equal(description?.DeliveryStreamStatus, "CREATING_FAILED");
      assert.deepEqual(description?.FailureDescription, FAILURE);
      await emulator.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: "failing" }));
      await emulator.firehose.send(directPut("failing"));
      const again = await emulator.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "failing" }));
      assert.equal(again.DeliveryStreamDescription?.DeliveryStreamStatus, "ACTIVE");
      assert.equal(again.DeliveryStreamDescription?.FailureDescription, undefined);
    });

    test("a delivery stream deleted under the fault stays DELETING, its name taken, then is gone", async () => {
      await emulator.firehose.send(directPut("lingering"));
      await faultsRequest(emulator, "POST", JSON.stringify({ "firehose.deleteDeliveryStream.deleting": { forMs: 400 } }));
      await emulator.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: "lingering" }));
      await faultsRequest(emulator, "DELETE");
      const { DeliveryStreamDescription: description } = await emulator.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "lingering" }));
      assert.equal(description?.DeliveryStreamStatus, "DELETING");
      await assert.rejects(emulator.firehose.send(directPut("lingering")), ResourceInUseException);
      await new Promise((resolve) => setTimeout(resolve, 450));
      await assert.rejects(emulator.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "lingering" })), ResourceNotFoundException);
    });
  });
});
