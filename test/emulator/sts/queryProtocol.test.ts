import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { clientConfig, useTestEmulator } from "../../support/testEmulator";

function trust(principal: unknown): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] });
}

describe("STS over the query protocol (real @aws-sdk/client-sts)", () => {
  let iam: IAMClient;
  let sts: STSClient;
  let url: string;
  useTestEmulator((emulator) => {
    url = emulator.emulator.url;
    iam = new IAMClient(clientConfig(url));
    sts = new STSClient(clientConfig(url));
  });

  it("GetCallerIdentity answers the emulator's account and its root for a long-term key", async () => {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, "000000000000");
    assert.equal(identity.Arn, "arn:aws:iam::000000000000:root");
  });

  it("AssumeRole issues ASIA credentials with an Expiration; GetCallerIdentity with them names the session", async () => {
    const role = (await iam.send(new CreateRoleCommand({ RoleName: "assumable", AssumeRolePolicyDocument: trust({ AWS: "arn:aws:iam::000000000000:root" }) }))).Role!;
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: "rehearsal", DurationSeconds: 900 }));
    const credentials = assumed.Credentials!;
    assert.match(credentials.AccessKeyId!, /^ASIA[A-Z0-9]{16}$/);
    assert.ok(credentials.SecretAccessKey!.length >= 40 && credentials.SessionToken!.length > 0);
    const remaining = credentials.Expiration!.getTime() - Date.now();
    assert.ok(remaining > 800_000 && remaining <= 901_000, `expires in ${remaining} ms`);
    assert.equal(assumed.AssumedRoleUser!.Arn, "arn:aws:sts::000000000000:assumed-role/assumable/rehearsal");
    assert.equal(assumed.AssumedRoleUser!.AssumedRoleId, `${role.RoleId}:rehearsal`);
    const asRole = new STSClient({
      ...clientConfig(url),
      credentials: { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretAccessKey!, sessionToken: credentials.SessionToken! },
    });
    assert.equal((await asRole.send(new GetCallerIdentityCommand({}))).Arn, "arn:aws:sts::000000000000:assumed-role/assumable/rehearsal");
    asRole.destroy();
  });

  it("AssumeRole of a service's role is allowed; of a missing role or one trusting another account, AccessDenied", async () => {
    const glueRole = (await iam.send(new CreateRoleCommand({ RoleName: "glue-crawler", AssumeRolePolicyDocument: trust({ Service: "glue.amazonaws.com" }) }))).Role!;
    await sts.send(new AssumeRoleCommand({ RoleArn: glueRole.Arn!, RoleSessionName: "crawler" }));
    const foreign = (await iam.send(new CreateRoleCommand({ RoleName: "foreign-trust", AssumeRolePolicyDocument: trust({ AWS: "123456789012" }) }))).Role!;
    for (const arn of [foreign.Arn!, "arn:aws:iam::000000000000:role/missing"]) {
      await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: "nope" })), (error: Error & { $metadata: { httpStatusCode?: number } }) => {
        assert.equal(error.name, "AccessDenied");
        assert.equal(error.message, `User: arn:aws:iam::000000000000:root is not authorized to perform: sts:AssumeRole on resource: ${arn}`);
        assert.equal(error.$metadata.httpStatusCode, 403);
        return true;
      });
    }
    await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: glueRole.Arn!, RoleSessionName: "s", DurationSeconds: 7200 })), { name: "ValidationError" });
  });
});
