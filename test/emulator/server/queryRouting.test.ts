import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CreateRoleCommand, GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateStreamCommand, DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { clientConfig, useTestEmulator, type TestEmulator } from "../../support/testEmulator";

const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const KEY = { accessKeyId: "AKIDQUERYTEST", secretAccessKey: "query/secret+key" };

function formPost(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", ...headers }, body });
}

describe("query protocol routing on the shared port", () => {
  let emulator: TestEmulator;
  useTestEmulator((started) => {
    emulator = started;
  });

  it("an unsigned form POST goes to IAM or STS by its Action, answered in XML with a request id", async () => {
    const sts = await formPost(emulator.emulator.url, "Action=GetCallerIdentity&Version=2011-06-15");
    assert.equal(sts.status, 200);
    const text = await sts.text();
    assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><GetCallerIdentityResult>/);
    assert.match(text, /<Account>000000000000<\/Account>/);
    assert.match(text, /<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata>/);
    const missing = await formPost(emulator.emulator.url, "Action=GetRole&Version=2010-05-08&RoleName=nobody");
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>NoSuchEntity<\/Code><Message>The role with name nobody cannot be found\.<\/Message><\/Error><RequestId>/);
    const unknown = await formPost(emulator.emulator.url, "Action=CreateUser&Version=2010-05-08&UserName=u");
    assert.equal(unknown.status, 400);
    assert.match(await unknown.text(), /<Code>InvalidAction<\/Code><Message>Could not find operation CreateUser for version 2010-05-08<\/Message>/);
    const noAction = await formPost(emulator.emulator.url, "Version=2010-05-08");
    assert.match(await noAction.text(), /<Code>MissingAction<\/Code>/);
  });

  it("S3 and Kinesis answer as before on the same port, beside IAM", async () => {
    const iam = new IAMClient(clientConfig(emulator.emulator.url));
    await iam.send(new CreateRoleCommand({ RoleName: "beside-s3", AssumeRolePolicyDocument: TRUST }));
    await emulator.s3.send(new CreateBucketCommand({ Bucket: "routing-bucket" }));
    await emulator.s3.send(new PutObjectCommand({ Bucket: "routing-bucket", Key: "a.txt", Body: "hello" }));
    const object = await emulator.s3.send(new GetObjectCommand({ Bucket: "routing-bucket", Key: "a.txt" }));
    assert.equal(await object.Body!.transformToString(), "hello");
    // A form-encoded POST to a bucket's path is S3's, not IAM's.
    const toBucket = await fetch(`${emulator.emulator.url}/routing-bucket`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=GetCallerIdentity" });
    assert.doesNotMatch(await toBucket.text(), /GetCallerIdentityResponse/);
    await emulator.kinesis.send(new CreateStreamCommand({ StreamName: "routing-stream", ShardCount: 1 }));
    assert.equal((await emulator.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: "routing-stream" }))).StreamDescriptionSummary!.StreamName, "routing-stream");
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: "beside-s3" }))).Role!.RoleName, "beside-s3");
    iam.destroy();
  });

  it("a page of another origin is refused while no credentials are checked", async () => {
    const response = await formPost(emulator.emulator.url, "Action=GetCallerIdentity&Version=2011-06-15", { origin: "https://evil.example" });
    assert.equal(response.status, 403);
    assert.match(await response.text(), /<Code>AccessDenied<\/Code>/);
  });

  it("the Host check applies: an unknown host name gets 421", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request(`${emulator.emulator.url}/`, { method: "POST", headers: { host: "attacker.example", "content-type": "application/x-www-form-urlencoded" } }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      outgoing.on("error", reject);
      outgoing.end("Action=GetCallerIdentity&Version=2011-06-15");
    });
    assert.equal(status, 421);
  });
});

describe("query protocol with --credentials", () => {
  let emulator: TestEmulator;
  useTestEmulator(
    (started) => {
      emulator = started;
    },
    { credentials: [KEY] },
  );

  it("takes a request signed with a configured key, for IAM and STS", async () => {
    const iam = new IAMClient({ ...clientConfig(emulator.emulator.url), credentials: KEY });
    const sts = new STSClient({ ...clientConfig(emulator.emulator.url), credentials: KEY });
    await iam.send(new CreateRoleCommand({ RoleName: "signed", AssumeRolePolicyDocument: TRUST }));
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Account, "000000000000");
    iam.destroy();
    sts.destroy();
  });

  it("refuses an unknown key, a wrong secret and an unsigned request, in the query protocol's words", async () => {
    const unknown = new STSClient({ ...clientConfig(emulator.emulator.url), credentials: { accessKeyId: "AKIDUNKNOWN", secretAccessKey: "x" } });
    await assert.rejects(unknown.send(new GetCallerIdentityCommand({})), { name: "InvalidClientTokenId", message: "The security token included in the request is invalid." });
    unknown.destroy();
    const wrongSecret = new IAMClient({ ...clientConfig(emulator.emulator.url), credentials: { ...KEY, secretAccessKey: "wrong" } });
    await assert.rejects(wrongSecret.send(new GetRoleCommand({ RoleName: "signed" })), (error: Error & { $metadata: { httpStatusCode?: number } }) => {
      assert.equal(error.name, "SignatureDoesNotMatch");
      assert.equal(error.$metadata.httpStatusCode, 403);
      return true;
    });
    wrongSecret.destroy();
    const unsigned = await formPost(emulator.emulator.url, "Action=GetCallerIdentity&Version=2011-06-15");
    assert.equal(unsigned.status, 403);
    assert.match(await unsigned.text(), /<Code>MissingAuthenticationToken<\/Code>/);
  });
});
