import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { clientConfig, startTestEmulator, useTestEmulator, type TestEmulator } from "../../support/testEmulator";

const GLUE_SERVICE_ROLE = "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole";

function trustPolicy(service: string): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
}

const READ_POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });

async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const failure = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, message: failure.message, status: failure.$metadata?.httpStatusCode };
  }
  assert.fail("expected the request to be refused");
}

describe("IAM roles over the query protocol (real @aws-sdk/client-iam)", () => {
  let iam: IAMClient;
  useTestEmulator((emulator) => {
    iam = new IAMClient(clientConfig(emulator.emulator.url));
  });

  it("CreateRole answers the role with an ARN, an AROA id, the trust policy URL-encoded; GetRole finds it", async () => {
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: "firehose-delivery",
        Path: "/service-role/",
        AssumeRolePolicyDocument: trustPolicy("firehose.amazonaws.com"),
        Description: "delivers to S3",
        MaxSessionDuration: 7200,
        Tags: [{ Key: "project", Value: "gpu-stream" }],
      }),
    );
    const role = created.Role!;
    assert.equal(role.Arn, "arn:aws:iam::000000000000:role/service-role/firehose-delivery");
    assert.match(role.RoleId!, /^AROA[A-Z0-9]{17}$/);
    assert.ok(role.CreateDate instanceof Date && Math.abs(role.CreateDate.getTime() - Date.now()) < 60_000);
    assert.deepEqual(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)), JSON.parse(trustPolicy("firehose.amazonaws.com")));
    const fetched = (await iam.send(new GetRoleCommand({ RoleName: "firehose-delivery" }))).Role!;
    assert.equal(fetched.Description, "delivers to S3");
    assert.equal(fetched.MaxSessionDuration, 7200);
    assert.equal(fetched.Path, "/service-role/");
    assert.deepEqual(fetched.Tags, [{ Key: "project", Value: "gpu-stream" }]);
  });

  it("refuses a second role of the same name (any case), and a malformed name or trust policy", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "twice", AssumeRolePolicyDocument: trustPolicy("glue.amazonaws.com") }));
    const again = await refusal(iam.send(new CreateRoleCommand({ RoleName: "TWICE", AssumeRolePolicyDocument: trustPolicy("glue.amazonaws.com") })));
    assert.deepEqual(again, { name: "EntityAlreadyExistsException", message: "Role with name TWICE already exists.", status: 409 });
    const badName = await refusal(iam.send(new CreateRoleCommand({ RoleName: "has space", AssumeRolePolicyDocument: trustPolicy("glue.amazonaws.com") })));
    assert.equal(badName.name, "ValidationError");
    assert.equal(badName.message, "1 validation error detected: Value 'has space' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    const tooLong = await refusal(iam.send(new CreateRoleCommand({ RoleName: "x".repeat(65), AssumeRolePolicyDocument: trustPolicy("glue.amazonaws.com") })));
    assert.match(tooLong.message, /Member must have length less than or equal to 64/);
    const badPolicy = await refusal(iam.send(new CreateRoleCommand({ RoleName: "bad-policy", AssumeRolePolicyDocument: "{not json" })));
    assert.deepEqual(badPolicy, { name: "MalformedPolicyDocumentException", message: "This policy contains invalid Json", status: 400 });
    const missing = await refusal(iam.send(new GetRoleCommand({ RoleName: "nobody" })));
    assert.deepEqual(missing, { name: "NoSuchEntityException", message: "The role with name nobody cannot be found.", status: 404 });
  });

  it("inline policies: put, get (URL-encoded), list, delete; DeleteRole conflicts while any remain", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "with-inline", AssumeRolePolicyDocument: trustPolicy("glue.amazonaws.com") }));
    await iam.send(new PutRolePolicyCommand({ RoleName: "with-inline", PolicyName: "read", PolicyDocument: READ_POLICY }));
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: "with-inline", PolicyName: "read" }));
    assert.equal(decodeURIComponent(got.PolicyDocument!), READ_POLICY);
    assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: "with-inline" }))).PolicyNames, ["read"]);
    const conflict = await refusal(iam.send(new DeleteRoleCommand({ RoleName: "with-inline" })));
    assert.deepEqual(conflict, { name: "DeleteConflictException", message: "Cannot delete entity, must delete policies first.", status: 409 });
    const malformed = await refusal(iam.send(new PutRolePolicyCommand({ RoleName: "with-inline", PolicyName: "bad", PolicyDocument: "[]" })));
    assert.equal(malformed.name, "MalformedPolicyDocumentException");
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "with-inline", PolicyName: "read" }));
    const gone = await refusal(iam.send(new GetRolePolicyCommand({ RoleName: "with-inline", PolicyName: "read" })));
    assert.deepEqual(gone, { name: "NoSuchEntityException", message: "The role policy with name read cannot be found.", status: 404 });
    await iam.send(new DeleteRoleCommand({ RoleName: "with-inline" }));
    assert.equal((await refusal(iam.send(new GetRoleCommand({ RoleName: "with-inline" })))).name, "NoSuchEntityException");
  });

  it("managed policies: AWS's own attach, list and detach; a customer ARN is no such entity; DeleteRole conflicts while attached", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "with-managed", AssumeRolePolicyDocument: trustPolicy("glue.amazonaws.com") }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: "with-managed", PolicyArn: GLUE_SERVICE_ROLE }));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "with-managed" }));
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: "AWSGlueServiceRole", PolicyArn: GLUE_SERVICE_ROLE }]);
    assert.deepEqual((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "with-managed", PathPrefix: "/other/" }))).AttachedPolicies, []);
    const customer = "arn:aws:iam::000000000000:policy/mine";
    assert.deepEqual(await refusal(iam.send(new AttachRolePolicyCommand({ RoleName: "with-managed", PolicyArn: customer }))), {
      name: "NoSuchEntityException",
      message: `Policy ${customer} does not exist or is not attachable.`,
      status: 404,
    });
    assert.equal((await refusal(iam.send(new AttachRolePolicyCommand({ RoleName: "with-managed", PolicyArn: "arn:aws:iam::aws:nonsense-that-is-long" })))).name, "InvalidInputException");
    assert.deepEqual(await refusal(iam.send(new DeleteRoleCommand({ RoleName: "with-managed" }))), {
      name: "DeleteConflictException",
      message: "Cannot delete entity, must detach all policies first.",
      status: 409,
    });
    await iam.send(new DetachRolePolicyCommand({ RoleName: "with-managed", PolicyArn: GLUE_SERVICE_ROLE }));
    assert.equal((await refusal(iam.send(new DetachRolePolicyCommand({ RoleName: "with-managed", PolicyArn: GLUE_SERVICE_ROLE })))).name, "NoSuchEntityException");
    await iam.send(new DeleteRoleCommand({ RoleName: "with-managed" }));
  });

  it("TagRole adds and replaces tags; UpdateAssumeRolePolicy replaces the trust policy", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "tagged", AssumeRolePolicyDocument: trustPolicy("glue.amazonaws.com"), Tags: [{ Key: "a", Value: "1" }] }));
    await iam.send(new TagRoleCommand({ RoleName: "tagged", Tags: [{ Key: "a", Value: "2" }, { Key: "b", Value: "3" }] }));
    assert.deepEqual((await iam.send(new GetRoleCommand({ RoleName: "tagged" }))).Role!.Tags, [{ Key: "a", Value: "2" }, { Key: "b", Value: "3" }]);
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: "tagged", PolicyDocument: trustPolicy("firehose.amazonaws.com") }));
    const role = (await iam.send(new GetRoleCommand({ RoleName: "tagged" }))).Role!;
    assert.match(decodeURIComponent(role.AssumeRolePolicyDocument!), /firehose\.amazonaws\.com/);
  });

  it("ListRoles filters by PathPrefix and pages with Marker and MaxItems", async () => {
    for (const name of ["page-a", "page-b", "page-c"]) {
      await iam.send(new CreateRoleCommand({ RoleName: name, Path: "/paged/", AssumeRolePolicyDocument: trustPolicy("glue.amazonaws.com") }));
    }
    const first = await iam.send(new ListRolesCommand({ PathPrefix: "/paged/", MaxItems: 2 }));
    assert.deepEqual(first.Roles!.map((role) => role.RoleName), ["page-a", "page-b"]);
    assert.equal(first.IsTruncated, true);
    assert.equal(first.Roles![0]!.Tags, undefined);
    const second = await iam.send(new ListRolesCommand({ PathPrefix: "/paged/", MaxItems: 2, Marker: first.Marker! }));
    assert.deepEqual(second.Roles!.map((role) => role.RoleName), ["page-c"]);
    assert.equal(second.IsTruncated, false);
    assert.equal(second.Marker, undefined);
    const all = await iam.send(new ListRolesCommand({}));
    assert.ok(all.Roles!.some((role) => role.RoleName === "tagged"));
  });
});

describe("IAM state survives a restart", () => {
  it("roles, inline and attached policies are there after the emulator restarts on the same data directory", async () => {
    let emulator: TestEmulator = await startTestEmulator();
    try {
      let iam = new IAMClient(clientConfig(emulator.emulator.url));
      await iam.send(new CreateRoleCommand({ RoleName: "kept", AssumeRolePolicyDocument: trustPolicy("glue.amazonaws.com") }));
      await iam.send(new PutRolePolicyCommand({ RoleName: "kept", PolicyName: "read", PolicyDocument: READ_POLICY }));
      await iam.send(new AttachRolePolicyCommand({ RoleName: "kept", PolicyArn: GLUE_SERVICE_ROLE }));
      const before = (await iam.send(new GetRoleCommand({ RoleName: "kept" }))).Role!;
      iam.destroy();
      await emulator.stop();
      emulator = await startTestEmulator({ dataDir: emulator.dataDir });
      iam = new IAMClient(clientConfig(emulator.emulator.url));
      const after = (await iam.send(new GetRoleCommand({ RoleName: "kept" }))).Role!;
      assert.equal(after.RoleId, before.RoleId);
      assert.equal(after.CreateDate!.getTime(), before.CreateDate!.getTime());
      assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: "kept" }))).PolicyNames, ["read"]);
      assert.equal((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "kept" }))).AttachedPolicies!.length, 1);
      iam.destroy();
    } finally {
      await emulator.close();
    }
  });
});
