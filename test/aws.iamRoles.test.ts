import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateRoleCommand,
  DeleteConflictException,
  DeleteRoleCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  NoSuchEntityException,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
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
import { fakeIam } from "./support/fakeIam";
import { IAM_BACKENDS } from "./support/iamBackends";

// Node 20 is what this project supports; the SDK's notice about Node 22 is noise in test output.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] = "true";

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
            Resource: "arn:aws:kinesis:eu-west-1:123456789012:stream/gpucontrole",
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

describe("ensureRole and deleteRole (IAM mocked)", () => {
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

  test("uses a role created by someone else between GetRole and CreateRole", async () => {
    const client = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    const mock = mockClient(client);
    try {
      mock
        .on(GetRoleCommand)
        .rejectsOnce(new NoSuchEntityException({ message: "no", $metadata: {} }))
        .resolves({ Role: { RoleName: "r", Arn: "arn:aws:iam::123456789012:role/r", Path: "/", RoleId: "x", CreateDate: new Date() } });
      mock.on(CreateRoleCommand).rejects(new EntityAlreadyExistsException({ message: "exists", $metadata: {} }));
      mock.on(PutRolePolicyCommand).resolves({});
      const result = await ensureRole(client, { ...options, roleName: "r", managedPolicyArns: [] });
      assert.deepEqual(result, { created: false, roleArn: "arn:aws:iam::123456789012:role/r" });
      assert.equal(mock.commandCalls(PutRolePolicyCommand).length, 1);
    } finally {
      mock.restore();
    }
  });

  test("deleteRole says what to do when the role is still in use", async () => {
    const client = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    const mock = mockClient(client);
    try {
      mock.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [], IsTruncated: false });
      mock.on(ListRolePoliciesCommand).resolves({ PolicyNames: [], IsTruncated: false });
      mock.on(DeleteRoleCommand).rejects(new DeleteConflictException({ message: "Cannot delete entity, must remove roles from instance profile first.", $metadata: {} }));
      await assert.rejects(deleteRole(client, "busy"), /IAM role 'busy' is still in use \(Cannot delete entity.*\).*run teardown again/);
    } finally {
      mock.restore();
    }
  });
});

for (const backend of IAM_BACKENDS) {
  describe(`ensureRole and deleteRole (${backend.name})`, () => {
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

    test("creates an absent role with its trust policy, inline policy and managed policy", async () => {
      const iam = await backend.open();
      try {
        const result = await ensureRole(iam.client, options);
        assert.deepEqual(result, { created: true, roleArn: `arn:aws:iam::${iam.accountId}:role/gpu-stream-glue-crawler` });
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
      } finally {
        await iam.close();
      }
    });

    test("does not create a role that exists, but puts its (changed) inline policy again", async () => {
      const iam = await backend.open();
      try {
        await ensureRole(iam.client, options);
        iam.calls.length = 0;
        const changed: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/other/*" }] };
        const result = await ensureRole(iam.client, { ...options, inlinePolicy: changed });
        assert.equal(result.created, false);
        assert.equal(result.roleArn, `arn:aws:iam::${iam.accountId}:role/gpu-stream-glue-crawler`);
        assert.ok(!iam.calls.some((call) => call.startsWith("IAM:CreateRole")), iam.calls.join(", "));
        // The trust policy is unchanged (IAM answers it URL-encoded): not rewritten.
        assert.ok(!iam.calls.some((call) => call.startsWith("IAM:UpdateAssumeRolePolicy")), iam.calls.join(", "));
        assert.deepEqual(JSON.parse((await iam.roles()).get("gpu-stream-glue-crawler")!.inline.get("access")!), changed);
      } finally {
        await iam.close();
      }
    });

    test("rewrites the trust policy of an existing role when it differs", async () => {
      const iam = await backend.open();
      try {
        await ensureRole(iam.client, options);
        const firehoseTrust = firehoseRolePolicies(scope).trustPolicy;
        await ensureRole(iam.client, { ...options, trustPolicy: firehoseTrust });
        assert.ok(iam.calls.includes("IAM:UpdateAssumeRolePolicy gpu-stream-glue-crawler"));
        assert.deepEqual(JSON.parse((await iam.roles()).get("gpu-stream-glue-crawler")!.trustPolicy), firehoseTrust);
      } finally {
        await iam.close();
      }
    });

    test("deleteRole detaches managed policies and deletes inline ones before deleting the role", async () => {
      const iam = await backend.open();
      try {
        await ensureRole(iam.client, options);
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
      } finally {
        await iam.close();
      }
    });

    test("deleteRole of an absent role answers false and deletes nothing", async () => {
      const iam = await backend.open();
      try {
        assert.equal(await deleteRole(iam.client, "never-made"), false);
        assert.ok(!iam.calls.some((call) => call.startsWith("IAM:DeleteRole")), iam.calls.join(", "));
      } finally {
        await iam.close();
      }
    });
  });
}

describe("the pipeline's two roles", () => {
  const names = awsPipelineNames("123456789012", "us-east-1");
  const iam = fakeIam();
  after(() => iam.restore());

  test("Firehose's role is scoped to the pipeline's stream and bucket; the crawler's to both crawled folders", async () => {
    const firehose = await ensureFirehoseRole(iam.client, names);
    const crawler = await ensureCrawlerRole(iam.client, names);
    assert.equal(firehose.roleArn, "arn:aws:iam::123456789012:role/gpu-stream-firehose");
    assert.equal(crawler.roleArn, "arn:aws:iam::123456789012:role/gpu-stream-glue-crawler");
    const firehosePolicy = JSON.parse([...iam.roles.get("gpu-stream-firehose")!.inline.values()][0]!) as PolicyDocument;
    assert.deepEqual(firehosePolicy, firehoseRolePolicies({ accountId: "123456789012", region: "us-east-1", streamNames: ["gpucontrole", "gpucontrole-reshard-demo"], bucket: names.bucket, errorLog: firehoseErrorLog(names) }).inlinePolicy);
    const crawlerPolicy = JSON.parse([...iam.roles.get("gpu-stream-glue-crawler")!.inline.values()][0]!) as PolicyDocument;
    assert.deepEqual(crawlerPolicy.Statement[0]!.Resource, [`arn:aws:s3:::${names.bucket}/telemetry/*`, `arn:aws:s3:::${names.bucket}/no-newline/*`]);
    assert.deepEqual([...iam.roles.get("gpu-stream-glue-crawler")!.attached], [GLUE_SERVICE_ROLE_POLICY_ARN]);
  });
});
