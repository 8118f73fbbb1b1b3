import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DeleteResourcePolicyCommand, DeleteStreamCommand, DeregisterStreamConsumerCommand, GetResourcePolicyCommand, PutResourcePolicyCommand, RegisterStreamConsumerCommand } from "@aws-sdk/client-kinesis";
import { startTestEmulator, useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { createStream, rejectsWith } from "../../support/kinesisTestKit";

const ACCOUNT = "000000000000";
const arnOf = (name: string): string => `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`;

/** LocalStack's test_resource_policy_crud policy, as it put it to AWS (tests/aws/services/kinesis/test_kinesis.py). */
function writePolicy(resourceArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "AllowCrossAccountWrite", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kinesis:PutRecord", Resource: resourceArn }],
  });
}

describe("Kinesis PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  const policyOf = async (resourceArn: string) => (await emulator.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: resourceArn }))).Policy;

  describe("validation", () => {
    test("rejects a ResourceARN outside AWS's pattern with ValidationException", async () => {
      await rejectsWith(emulator.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: `arn:aws:kinesis:us-east-1:${ACCOUNT}:table/t` })), {
        name: "ValidationException",
        message: /at 'resourceARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws\.\*:kinesis:\.\*:\\d\{12\}:\.\*stream\/\\S\+/,
      });
    });

    test("rejects a PutResourcePolicy without Policy with ValidationException", async () => {
      const name = await createStream(emulator.kinesis);
      await rejectsWith(emulator.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: arnOf(name), Policy: undefined as unknown as string })), {
        name: "ValidationException",
        message: /at 'policy' failed to satisfy constraint: Member must not be null/,
      });
    });

    test("rejects a Policy that is not JSON, or not a policy, with InvalidArgumentException", async () => {
      const name = await createStream(emulator.kinesis);
      for (const policy of ["", "{not json", "[]", "{}", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kinesis:PutRecord" }] })]) {
        await rejectsWith(emulator.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: arnOf(name), Policy: policy })), { name: "InvalidArgumentException", status: 400 });
      }
      assert.equal(await policyOf(arnOf(name)), "{}");
    });
  });

  describe("errors", () => {
    test("answers ResourceNotFoundException for a stream that does not exist, as stream operations word it", async () => {
      const arn = arnOf("missing");
      const notFound = { name: "ResourceNotFoundException", message: `Stream missing under account ${ACCOUNT} not found.` };
      await rejectsWith(emulator.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: arn, Policy: writePolicy(arn) })), notFound);
      await rejectsWith(emulator.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: arn })), notFound);
      await rejectsWith(emulator.kinesis.send(new DeleteResourcePolicyCommand({ ResourceARN: arn })), notFound);
    });

    test("answers ResourceNotFoundException for a consumer's ARN that names no registered consumer", async () => {
      const name = await createStream(emulator.kinesis);
      const consumerArn = `${arnOf(name)}/consumer/reader:1700000000`;
      await rejectsWith(emulator.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: consumerArn })), {
        name: "ResourceNotFoundException",
        message: `Consumer ${consumerArn} under account ${ACCOUNT} not found.`,
      });
      await rejectsWith(emulator.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: consumerArn, Policy: writePolicy(consumerArn) })), { name: "ResourceNotFoundException" });
    });

    test("keeps a registered consumer's policy apart from its stream's, and forgets it with the consumer", async () => {
      const name = await createStream(emulator.kinesis);
      const { Consumer: consumer } = await emulator.kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: arnOf(name), ConsumerName: "reader" }));
      const consumerArn = consumer!.ConsumerARN!;
      assert.equal(await policyOf(consumerArn), "{}");
      await rejectsWith(emulator.kinesis.send(new DeleteResourcePolicyCommand({ ResourceARN: consumerArn })), {
        name: "ResourceNotFoundException",
        message: `Consumer ${consumerArn} under account ${ACCOUNT} has no resource policy.`,
      });
      const policy = writePolicy(consumerArn);
      await emulator.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: consumerArn, Policy: policy }));
      assert.equal(await policyOf(consumerArn), policy);
      assert.equal(await policyOf(arnOf(name)), "{}");
      await emulator.kinesis.send(new DeleteResourcePolicyCommand({ ResourceARN: consumerArn }));
      assert.equal(await policyOf(consumerArn), "{}");
      await emulator.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: consumerArn, Policy: policy }));
      await emulator.kinesis.send(new DeregisterStreamConsumerCommand({ ConsumerARN: consumerArn }));
      await rejectsWith(emulator.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: consumerArn })), { name: "ResourceNotFoundException" });
    });

    test("answers InvalidArgumentException for an ARN in the pattern that names no stream", async () => {
      await rejectsWith(emulator.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: `arn:aws:kinesis:us-east-1:${ACCOUNT}:deliverystream/x` })), {
        name: "InvalidArgumentException",
        message: /is not the ARN of a Kinesis data stream or consumer/,
      });
    });

    test("answers ResourceNotFoundException when deleting a policy from a stream that has none", async () => {
      const name = await createStream(emulator.kinesis);
      await rejectsWith(emulator.kinesis.send(new DeleteResourcePolicyCommand({ ResourceARN: arnOf(name) })), { name: "ResourceNotFoundException", message: `Stream ${name} under account ${ACCOUNT} has no resource policy.` });
    });
  });

  describe("behaviour", () => {
    // AWS's record: LocalStack tests/aws/services/kinesis/test_kinesis.snapshot.json, test_resource_policy_crud.
    test("answers Policy \"{}\" before a put and after a delete, and the policy byte for byte in between", async () => {
      const arn = arnOf(await createStream(emulator.kinesis));
      assert.equal(await policyOf(arn), "{}");
      const spaced = `{ "Version": "2012-10-17",\n  "Statement": { "Effect": "Allow", "Principal": { "AWS": "111111111111" }, "Action": ["kinesis:GetRecords"], "Resource": "${arn}" } }`;
      await emulator.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: arn, Policy: spaced }));
      assert.equal(await policyOf(arn), spaced);
      await emulator.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: arn, Policy: writePolicy(arn) }));
      assert.equal(await policyOf(arn), writePolicy(arn));
      const deleted = await emulator.kinesis.send(new DeleteResourcePolicyCommand({ ResourceARN: arn }));
      assert.equal(deleted.$metadata.httpStatusCode, 200);
      assert.equal(await policyOf(arn), "{}");
    });

    test("a recreated stream starts without its predecessor's policy", async () => {
      const name = await createStream(emulator.kinesis);
      await emulator.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: arnOf(name), Policy: writePolicy(arnOf(name)) }));
      await emulator.kinesis.send(new DeleteStreamCommand({ StreamName: name }));
      await createStream(emulator.kinesis, 1, name);
      assert.equal(await policyOf(arnOf(name)), "{}");
    });
  });
});

describe("Kinesis resource policies across a restart", () => {
  test("a policy survives an emulator restart, and so does its deletion", async () => {
    const first = await startTestEmulator();
    const name = await createStream(first.kinesis);
    const arn = arnOf(name);
    await first.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: arn, Policy: writePolicy(arn) }));
    await first.stop();
    const second = await startTestEmulator({ dataDir: first.dataDir });
    try {
      assert.equal((await second.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: arn }))).Policy, writePolicy(arn));
      await second.kinesis.send(new DeleteResourcePolicyCommand({ ResourceARN: arn }));
    } finally {
      await second.stop();
    }
    const third = await startTestEmulator({ dataDir: first.dataDir });
    try {
      assert.equal((await third.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: arn }))).Policy, "{}");
    } finally {
      await third.close();
    }
  });
});
