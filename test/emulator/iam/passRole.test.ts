import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { FirehoseClient } from "@aws-sdk/client-firehose";
import { CreateCrawlerCommand, GlueClient } from "@aws-sdk/client-glue";
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { createBucket, createDeliveryStream, rejectsWith, uniqueName } from "../../support/firehoseSdk";
import { clientConfig, useTestEmulator, type TestEmulator } from "../../support/testEmulator";

// iam:PassRole where the services take a role ARN (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html):
// a caller signing with AssumeRole's session credentials acts as that role and must be allowed iam:PassRole on each
// role it gives Firehose (CreateDeliveryStream) or Glue (CreateCrawler); the account's root always may.

const ACCOUNT = "000000000000";

type Statement = Record<string, unknown>;
const policy = (...statements: Statement[]): string => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const trust = (principal: unknown): string => policy({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" });
/** What a student may do besides passing roles (not evaluated by the emulator yet, as on AWS it would be). */
const useServices: Statement = { Effect: "Allow", Action: ["firehose:*", "glue:*", "s3:*"], Resource: "*" };
const passTo = (roleArn: string, service: string): Statement => ({
  Effect: "Allow",
  Action: "iam:PassRole",
  Resource: roleArn,
  Condition: { StringEquals: { "iam:PassedToService": service } },
});

const implicitDenial = (session: string, roleArn: string): string =>
  `User: ${session} is not authorized to perform: iam:PassRole on resource: ${roleArn} because no identity-based policy allows the iam:PassRole action`;

describe("iam:PassRole where Firehose and Glue take a role", () => {
  let aws: TestEmulator;
  let iam: IAMClient;
  let sts: STSClient;
  let bucket: string;
  /** The role the services are given: Firehose and Glue may both assume it. */
  let serviceRoleArn: string;
  useTestEmulator(async (emulator) => {
    aws = emulator;
    iam = new IAMClient(clientConfig(emulator.emulator.url));
    sts = new STSClient(clientConfig(emulator.emulator.url));
    bucket = await createBucket(emulator.s3);
    const created = await iam.send(
      new CreateRoleCommand({ RoleName: uniqueName("service-role"), AssumeRolePolicyDocument: trust({ Service: ["firehose.amazonaws.com", "glue.amazonaws.com"] }) }),
    );
    serviceRoleArn = created.Role!.Arn!;
  });
  after(() => {
    iam.destroy();
    sts.destroy();
  });

  /** A student role the account may assume, with `statements` inline, assumed: its session's clients and ARN. */
  async function student(statements: Statement[]): Promise<{ firehose: FirehoseClient; glue: GlueClient; sessionArn: string; close(): void }> {
    const name = uniqueName("student");
    const created = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "student", PolicyDocument: policy(...statements) }));
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: created.Role!.Arn!, RoleSessionName: "lab" }));
    const credentials = { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! };
    const config = { ...clientConfig(aws.emulator.url), credentials };
    const firehose = new FirehoseClient(config);
    const glue = new GlueClient(config);
    return {
      firehose,
      glue,
      sessionArn: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/lab`,
      close: () => {
        firehose.destroy();
        glue.destroy();
      },
    };
  }

  const createCrawler = (glue: GlueClient, role: string) =>
    glue.send(new CreateCrawlerCommand({ Name: uniqueName("crawler"), Role: role, Targets: { S3Targets: [{ Path: `s3://${bucket}/data/` }] } }));

  test("a session whose role has no iam:PassRole: CreateDeliveryStream and CreateCrawler answer AccessDeniedException (400)", async () => {
    const session = await student([useServices]);
    try {
      const firehoseError = await rejectsWith(
        createDeliveryStream(session.firehose, { bucket, destination: { RoleARN: serviceRoleArn } }),
        { name: "AccessDeniedException", message: implicitDenial(session.sessionArn, serviceRoleArn) },
      );
      assert.equal(firehoseError.$metadata?.httpStatusCode, 400);
      const glueError = await rejectsWith(createCrawler(session.glue, serviceRoleArn), { name: "AccessDeniedException", message: implicitDenial(session.sessionArn, serviceRoleArn) });
      assert.equal(glueError.$metadata?.httpStatusCode, 400);
    } finally {
      session.close();
    }
  });

  test("iam:PassRole with iam:PassedToService firehose.amazonaws.com: Firehose takes the role, Glue refuses it", async () => {
    const session = await student([useServices, passTo(serviceRoleArn, "firehose.amazonaws.com")]);
    try {
      await createDeliveryStream(session.firehose, { bucket, destination: { RoleARN: serviceRoleArn } });
      await rejectsWith(createCrawler(session.glue, serviceRoleArn), { name: "AccessDeniedException", message: implicitDenial(session.sessionArn, serviceRoleArn) });
    } finally {
      session.close();
    }
  });

  test("a crawler's Role given as a name is checked as the ARN it means", async () => {
    const roleName = serviceRoleArn.slice(serviceRoleArn.lastIndexOf("/") + 1);
    const session = await student([useServices, passTo(serviceRoleArn, "glue.amazonaws.com")]);
    try {
      await createCrawler(session.glue, roleName);
      await rejectsWith(createDeliveryStream(session.firehose, { bucket, destination: { RoleARN: serviceRoleArn } }), { name: "AccessDeniedException", message: implicitDenial(session.sessionArn, serviceRoleArn) });
    } finally {
      session.close();
    }
  });

  test("an explicit Deny wins over the Allow, and the answer says so", async () => {
    const session = await student([
      useServices,
      { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
      { Effect: "Deny", Action: "iam:PassRole", Resource: serviceRoleArn },
    ]);
    try {
      await rejectsWith(
        createCrawler(session.glue, serviceRoleArn),
        { name: "AccessDeniedException", message: `User: ${session.sessionArn} is not authorized to perform: iam:PassRole on resource: ${serviceRoleArn} with an explicit deny in an identity-based policy` },
      );
    } finally {
      session.close();
    }
  });

  test("the account's root credentials (any long-term key) always pass the role", async () => {
    await createDeliveryStream(aws.firehose, { bucket, destination: { RoleARN: serviceRoleArn } });
    await createCrawler(aws.glue, serviceRoleArn);
  });
});
