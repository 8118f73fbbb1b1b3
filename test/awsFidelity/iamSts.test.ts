import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CreateRoleCommand, DeleteRoleCommand, DeleteRolePolicyCommand, GetRoleCommand, GetRolePolicyCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { rejectsWith } from "../support/awsAssertions";
import { untilSettled, useFidelityTarget, type FidelityTarget } from "../support/fidelityTarget";

function trustPolicy(service: string): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
}

/** IAM and STS as AWS mode calls them: who signs, and the roles set-up makes for Firehose and the crawler. */
describe("IAM's and STS's answers and errors, emulator and AWS alike", () => {
  let target: FidelityTarget;
  let role: string;
  useFidelityTarget("iam", (opened) => {
    target = opened;
    role = `${opened.prefix}-role`;
  });

  describe("behaviour", () => {
    // The account and the caller differ by target (000000000000 and its root on the emulator): their shapes do not.
    test("GetCallerIdentity answers a 12-digit account, the caller's ARN in it, and a user id", async () => {
      const identity = await target.sts.send(new GetCallerIdentityCommand({}));
      assert.match(identity.Account ?? "", /^\d{12}$/);
      assert.match(identity.Arn ?? "", new RegExp(`^arn:aws:(iam|sts)::${identity.Account}:(root|user/.+|assumed-role/.+|federated-user/.+)$`));
      assert.ok((identity.UserId ?? "").length > 0);
    });

    test("CreateRole, GetRole, PutRolePolicy, GetRolePolicy and DeleteRole, policies answered URL-encoded", async () => {
      const created = (await target.iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trustPolicy("firehose.amazonaws.com"), Description: "fidelity" }))).Role!;
      assert.match(created.Arn ?? "", new RegExp(`^arn:aws:iam::\\d{12}:role/${role}$`));
      assert.match(created.RoleId ?? "", /^AROA[A-Z0-9]{17}$/);
      assert.equal(created.Path, "/");

      const fetched = (await target.iam.send(new GetRoleCommand({ RoleName: role }))).Role!;
      assert.equal(fetched.Arn, created.Arn);
      assert.equal(fetched.Description, "fidelity");
      assert.equal(fetched.MaxSessionDuration, 3600);
      assert.deepEqual(JSON.parse(decodeURIComponent(fetched.AssumeRolePolicyDocument!)), JSON.parse(trustPolicy("firehose.amazonaws.com")));

      const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::nothing/*" }] };
      await target.iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: "read", PolicyDocument: JSON.stringify(policy) }));
      const inline = await target.iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: "read" }));
      assert.equal(inline.RoleName, role);
      assert.deepEqual(JSON.parse(decodeURIComponent(inline.PolicyDocument!)), policy);

      // IAM refuses to delete a role that still has an inline policy (DeleteConflict); remove the policy first.
      await target.iam.send(new DeleteRolePolicyCommand({ RoleName: role, PolicyName: "read" }));
      await target.iam.send(new DeleteRoleCommand({ RoleName: role }));
      await untilSettled(target, () => target.iam.send(new GetRoleCommand({ RoleName: role })).then(() => false, () => true));
      await rejectsWith(target.iam.send(new GetRoleCommand({ RoleName: role })), { name: "NoSuchEntityException", message: `The role with name ${role} cannot be found.` });
    });
  });

  describe("errors", () => {
    test("CreateRole with a trust policy that is not JSON: MalformedPolicyDocument", async () => {
      const refused = await rejectsWith(
        target.iam.send(new CreateRoleCommand({ RoleName: `${target.prefix}-malformed`, AssumeRolePolicyDocument: "{not json" })),
        { name: "MalformedPolicyDocumentException", message: "This policy contains invalid Json" },
      );
      assert.equal(refused.$metadata?.httpStatusCode, 400);
    });

    test("CreateRole of a name that exists, in any case: EntityAlreadyExists", async () => {
      const twice = `${target.prefix}-twice`;
      await target.iam.send(new CreateRoleCommand({ RoleName: twice, AssumeRolePolicyDocument: trustPolicy("glue.amazonaws.com") }));
      const refused = await rejectsWith(
        target.iam.send(new CreateRoleCommand({ RoleName: twice.toUpperCase(), AssumeRolePolicyDocument: trustPolicy("glue.amazonaws.com") })),
        { name: "EntityAlreadyExistsException", message: `Role with name ${twice.toUpperCase()} already exists.` },
      );
      assert.equal(refused.$metadata?.httpStatusCode, 409);
      await target.iam.send(new DeleteRoleCommand({ RoleName: twice }));
    });
  });
});
