import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import {
  awsPipelineNames,
  crawlerRolePolicies,
  deleteRole,
  ensureCrawlerRole,
  ensureFirehoseRole,
  ensureRole,
  firehoseErrorLog,
  firehoseRolePolicies,
  GLUE_SERVICE_ROLE_POLICY_ARN,
  type PolicyDocument,
} from "@gpu-stream/shared";
import { openEmulatorIam, type EmulatorIam } from "../../support/emulatorIam";

// Node 20 is what this project supports; the SDK's notice about Node 22 is noise in test output.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] = "true";

/** The emulator's account: the ARNs its IAM answers name it. */
const ACCOUNT = "000000000000";

const scope = {
  accountId: "123456789012",
  region: "eu-west-1",
  streamNames: ["gpucontrole"],
  bucket: "gpu-stream-123456789012-eu-west-1",
  errorLog: { logGroupName: "/aws/kinesisfirehose/gpucontrole-to-s3", logStreamName: "DestinationDelivery" },
};

describe("IAM policy documents (least privilege)", () => {
  test("Firehose: assumed by Firehose for this account only; reads this stream, writes this bucket and its error log stream, nothing else", () => {
    assert.deepEqual(firehoseRolePolicies(scope), {
      trustPolicy: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "firehose.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "sts:ExternalId": "123456789012" } },
          },
        ],
      },
      inlinePolicy: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards"],
            Resource: ["arn:aws:kinesis:eu-west-1:123456789012:stream/gpucontrole"],
          },
          {
            Effect: "Allow",
            Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
            Resource: ["arn:aws:s3:::gpu-stream-123456789012-eu-west-1", "arn:aws:s3:::gpu-stream-123456789012-eu-west-1/*"],
          },
          {
            Effect: "Allow",
            Action: "logs:PutLogEvents",
            Resource: "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/kinesisfirehose/gpucontrole-to-s3:log-stream:DestinationDelivery",
          },
        ],
      },
      managedPolicyArns: [],
    });
  });

  test("crawler: assumed by Glue; the managed Glue service policy plus reading the crawled folder only", () => {
    assert.deepEqual(crawlerRolePolicies({ bucket: "data-bucket", dataPrefix: "telemetry/" }), {
      trustPolicy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole" }],
      },
      inlinePolicy: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data-bucket/telemetry/*" },
          { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::data-bucket" },
        ],
      },
      managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"],
    });
  });

  test("crawler: several folders (the main crawler's and the sidebar's) are listed one by one", () => {
    const { inlinePolicy } = crawlerRolePolicies({ bucket: "b", dataPrefix: ["telemetry/", "no-newline/"] });
    assert.deepEqual(inlinePolicy.Statement[0]!.Resource, ["arn:aws:s3:::b/telemetry/*", "arn:aws:s3:::b/no-newline/*"]);
  });

  test("no statement grants a wildcard action or every resource", () => {
    const documents: PolicyDocument[] = [firehoseRolePolicies(scope).inlinePolicy, crawlerRolePolicies({ bucket: "b", dataPrefix: "telemetry/" }).inlinePolicy];
    for (const statement of documents.flatMap((document) => document.Statement)) {
      const actions = ([] as string[]).concat(statement.Action);
      const resources = ([] as string[]).concat(statement.Resource ?? []);
      assert.ok(actions.every((action) => !action.includes("*")), `wildcard action in ${JSON.stringify(statement)}`);
      assert.ok(resources.length > 0 && resources.every((resource) => resource !== "*" && !resource.endsWith(":*")), `broad resource in ${JSON.stringify(statement)}`);
    }
  });
});

/** A fresh emulator's IAM for `body`, closed after it. */
async function withEmulatorIam(body: (iam: EmulatorIam) => Promise<void>): Promise<void> {
  const iam = await openEmulatorIam();
  try {
    await body(iam);
  } finally {
    await iam.close();
  }
}

/** Lets another party act on the emulator's IAM just before the client sends `commandName`, once. */
function beforeCommand(client: IAMClient, commandName: string, act: () => Promise<unknown>): void {
  let done = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === commandName && !done) {
        done = true;
        await act();
      }
      return next(args);
    },
    { step: "initialize", name: `before-${commandName}` },
  );
}

describe("ensureRole and deleteRole (the emulator's IAM)", () => {
  const trust = crawlerRolePolicies({ bucket: "b", dataPrefix: "telemetry/" }).trustPolicy;
  const policy = crawlerRolePolicies({ bucket: "b", dataPrefix: "telemetry/" }).inlinePolicy;
  const options = {
    roleName: "gpu-stream-glue-crawler",
    trustPolicy: trust,
    inlinePolicyName: "access",
    inlinePolicy: policy,
    managedPolicyArns: [GLUE_SERVICE_ROLE_POLICY_ARN],
    description: "the crawler's role",
    tags: { project: "gpu-stream" },
  };

  test("creates an absent role with its trust policy, inline policy and managed policy", () =>
    withEmulatorIam(async (iam) => {
      const result = await ensureRole(iam.client, options.roleName, options);
      assert.deepEqual(result, { created: true, roleArn: `arn:aws:iam::${ACCOUNT}:role/gpu-stream-glue-crawler` });
      assert.deepEqual(iam.calls, [
        "IAM:GetRole gpu-stream-glue-crawler",
        "IAM:CreateRole gpu-stream-glue-crawler",
        "IAM:PutRolePolicy gpu-stream-glue-crawler",
        "IAM:AttachRolePolicy gpu-stream-glue-crawler",
      ]);
      const role = (await iam.roles()).get("gpu-stream-glue-crawler")!;
      assert.deepEqual(JSON.parse(role.trustPolicy), trust);
      assert.deepEqual(JSON.parse(role.inline.get("access")!), policy);
      assert.deepEqual([...role.attached], [GLUE_SERVICE_ROLE_POLICY_ARN]);
      assert.equal(role.description, "the crawler's role");
      assert.deepEqual(role.tags, [{ Key: "project", Value: "gpu-stream" }]);
    }));

  test("does not create a role that exists, but puts its (changed) inline policy again", () =>
    withEmulatorIam(async (iam) => {
      await ensureRole(iam.client, options.roleName, options);
      iam.calls.length = 0;
      const changed: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/other/*" }] };
      const result = await ensureRole(iam.client, options.roleName, { ...options, inlinePolicy: changed });
      assert.equal(result.created, false);
      assert.equal(result.roleArn, `arn:aws:iam::${ACCOUNT}:role/gpu-stream-glue-crawler`);
      assert.ok(!iam.calls.some((call) => call.startsWith("IAM:CreateRole")), iam.calls.join(", "));
      // The trust policy is unchanged (IAM answers it URL-encoded): not rewritten.
      assert.ok(!iam.calls.some((call) => call.startsWith("IAM:UpdateAssumeRolePolicy")), iam.calls.join(", "));
      assert.deepEqual(JSON.parse((await iam.roles()).get("gpu-stream-glue-crawler")!.inline.get("access")!), changed);
    }));

  test("rewrites the trust policy of an existing role when it differs", () =>
    withEmulatorIam(async (iam) => {
      await ensureRole(iam.client, options.roleName, options);
      const firehoseTrust = firehoseRolePolicies(scope).trustPolicy;
      await ensureRole(iam.client, options.roleName, { ...options, trustPolicy: firehoseTrust });
      assert.ok(iam.calls.includes("IAM:UpdateAssumeRolePolicy gpu-stream-glue-crawler"));
      assert.deepEqual(JSON.parse((await iam.roles()).get("gpu-stream-glue-crawler")!.trustPolicy), firehoseTrust);
    }));

  test("uses a role created by someone else between GetRole and CreateRole", () =>
    withEmulatorIam(async (iam) => {
      // The race, for real: another client creates the role after our GetRole answered NoSuchEntity, so the
      // emulator answers our CreateRole EntityAlreadyExists.
      const theirTrust = firehoseRolePolicies(scope).trustPolicy;
      beforeCommand(iam.client, "CreateRoleCommand", () => iam.admin.send(new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: JSON.stringify(theirTrust) })));
      const result = await ensureRole(iam.client, "r", { ...options, managedPolicyArns: [] });
      assert.deepEqual(result, { created: false, roleArn: `arn:aws:iam::${ACCOUNT}:role/r` });
      assert.deepEqual(iam.calls, ["IAM:GetRole r", "IAM:CreateRole r", "IAM:GetRole r", "IAM:PutRolePolicy r"]);
      const role = (await iam.roles()).get("r")!;
      assert.deepEqual(JSON.parse(role.trustPolicy), theirTrust, "their trust policy is left as they made it");
      assert.deepEqual(JSON.parse(role.inline.get("access")!), policy);
    }));

  test("deleteRole detaches managed policies and deletes inline ones before deleting the role", () =>
    withEmulatorIam(async (iam) => {
      await ensureRole(iam.client, options.roleName, options);
      iam.calls.length = 0;
      assert.equal(await deleteRole(iam.client, "gpu-stream-glue-crawler"), true);
      assert.deepEqual(iam.calls, [
        "IAM:ListAttachedRolePolicies gpu-stream-glue-crawler",
        "IAM:DetachRolePolicy gpu-stream-glue-crawler",
        "IAM:ListRolePolicies gpu-stream-glue-crawler",
        "IAM:DeleteRolePolicy gpu-stream-glue-crawler",
        "IAM:DeleteRole gpu-stream-glue-crawler",
      ]);
      assert.equal((await iam.roles()).size, 0);
    }));

  test("deleteRole of an absent role answers false and deletes nothing", () =>
    withEmulatorIam(async (iam) => {
      await iam.admin.send(new CreateRoleCommand({ RoleName: "another", AssumeRolePolicyDocument: JSON.stringify(trust) }));
      assert.equal(await deleteRole(iam.client, "never-made"), false);
      assert.ok(!iam.calls.some((call) => call.startsWith("IAM:DeleteRole")), iam.calls.join(", "));
      assert.deepEqual([...(await iam.roles()).keys()], ["another"]);
    }));

  test("deleteRole says what to do when the role is still in use", () =>
    withEmulatorIam(async (iam) => {
      await iam.admin.send(new CreateRoleCommand({ RoleName: "busy", AssumeRolePolicyDocument: JSON.stringify(trust) }));
      // Someone puts a policy on the role after deleteRole emptied it: the emulator's DeleteRole answers
      // DeleteConflict, as IAM does while a role still has policies (or, on AWS, an instance profile).
      beforeCommand(iam.client, "DeleteRoleCommand", () => iam.admin.send(new PutRolePolicyCommand({ RoleName: "busy", PolicyName: "theirs", PolicyDocument: JSON.stringify(policy) })));
      await assert.rejects(deleteRole(iam.client, "busy"), /IAM role 'busy' is still in use \(Cannot delete entity.*\).*run teardown again/);
      assert.deepEqual([...(await iam.roles()).get("busy")!.inline.keys()], ["theirs"], "the role is still there");
    }));
});

describe("the pipeline's two roles (the emulator's IAM)", () => {
  const names = awsPipelineNames(ACCOUNT, "us-east-1");

  test("Firehose's role is scoped to the pipeline's stream and bucket; the crawler's to both crawled folders", () =>
    withEmulatorIam(async (iam) => {
      const firehose = await ensureFirehoseRole(iam.client, names);
      const crawler = await ensureCrawlerRole(iam.client, names);
      assert.equal(firehose.roleArn, `arn:aws:iam::${ACCOUNT}:role/gpu-stream-firehose`);
      assert.equal(crawler.roleArn, `arn:aws:iam::${ACCOUNT}:role/gpu-stream-glue-crawler`);
      const roles = await iam.roles();
      assert.deepEqual([...roles.keys()].sort(), ["gpu-stream-firehose", "gpu-stream-glue-crawler"]);
      const firehosePolicy = JSON.parse([...roles.get("gpu-stream-firehose")!.inline.values()][0]!) as PolicyDocument;
      assert.deepEqual(firehosePolicy, firehoseRolePolicies({ accountId: ACCOUNT, region: "us-east-1", streamNames: ["gpucontrole", "gpucontrole-reshard-demo"], bucket: names.bucket, errorLog: firehoseErrorLog(names) }).inlinePolicy);
      const crawlerPolicy = JSON.parse([...roles.get("gpu-stream-glue-crawler")!.inline.values()][0]!) as PolicyDocument;
      assert.deepEqual(crawlerPolicy.Statement[0]!.Resource, [`arn:aws:s3:::${names.bucket}/telemetry/*`, `arn:aws:s3:::${names.bucket}/no-newline/*`]);
      assert.deepEqual([...roles.get("gpu-stream-glue-crawler")!.attached], [GLUE_SERVICE_ROLE_POLICY_ARN]);
    }));
});
