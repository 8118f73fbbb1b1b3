import { after, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { awsPipelineNames, createAwsClients, localPipelineNames, resolvePipelineNames } from "@gpu-stream/shared";

// Node 20 is what this project supports; the SDK's notice about Node 22 is noise in test output.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] = "true";

const sts = new STSClient({ region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
const stsMock = mockClient(sts);
beforeEach(() => stsMock.reset());
after(() => stsMock.restore());

describe("resolvePipelineNames", () => {
  test("local mode: the emulator's fixed names, without asking STS", async () => {
    const clients = createAwsClients({ mode: "local", region: "eu-west-1", endpoint: "http://127.0.0.1:4566" }, {});
    try {
      assert.deepEqual(await resolvePipelineNames(clients, sts), localPipelineNames("eu-west-1"));
      assert.equal(stsMock.calls().length, 0);
    } finally {
      clients.destroy();
    }
  });

  test("aws mode: the signed-in account and the clients' region make the names", async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/student", UserId: "AIDA" });
    const clients = createAwsClients({ mode: "aws", region: "eu-west-1" }, {});
    try {
      const names = await resolvePipelineNames(clients, sts);
      assert.deepEqual(names, awsPipelineNames("123456789012", "eu-west-1"));
      assert.equal(names.bucket, "gpu-stream-123456789012-eu-west-1");
    } finally {
      clients.destroy();
    }
  });

  test("aws mode without credentials: says how to sign in", async () => {
    stsMock.on(GetCallerIdentityCommand).rejects(new Error("Could not load credentials from any providers"));
    const clients = createAwsClients({ mode: "aws", region: "us-east-1" }, {});
    try {
      await assert.rejects(resolvePipelineNames(clients, sts), /Could not tell which AWS account.*Could not load credentials.*aws sso login/);
    } finally {
      clients.destroy();
    }
  });
});
