import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DescribeDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { GetCrawlerCommand } from "@aws-sdk/client-glue";
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import {
  awsPipelineNames,
  crawlerRolePolicies,
  ensureFirehoseRole,
  firehoseErrorLog,
  firehoseRolePolicies,
  provisionPipeline,
  teardownPipeline,
  type AwsClients,
  type RolePolicies,
} from "@gpu-stream/shared";
import { awsModeClientsAt } from "../../support/awsModeClients";
import { recordIamCalls, rolesOf } from "../../support/emulatorIam";
import { clientConfig, startTestEmulator, type TestEmulator } from "../../support/testEmulator";

/** The emulator's account. */
const ACCOUNT = "000000000000";
const names = awsPipelineNames(ACCOUNT, "us-east-1");
/** A role of the user's own, and one that happens to carry the name the pipeline would give its crawler role. */
const THEIR_FIREHOSE_ROLE = `arn:aws:iam::${ACCOUNT}:role/team/their-firehose`;
const THEIR_CRAWLER_ROLE = `arn:aws:iam::${ACCOUNT}:role/${names.crawlerRole}`;

/** Makes a role the way a user would in their account: their own inline policy, named "theirs". */
async function makeTheirRole(iam: IAMClient, roleName: string, path: string, policies: RolePolicies): Promise<void> {
  await iam.send(new CreateRoleCommand({ RoleName: roleName, Path: path, AssumeRolePolicyDocument: JSON.stringify(policies.trustPolicy) }));
  await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: "theirs", PolicyDocument: JSON.stringify(policies.inlinePolicy) }));
  for (const policyArn of policies.managedPolicyArns) {
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }));
  }
}

describe("aws mode with roles the user gave (--firehose-role-arn, --crawler-role-arn)", () => {
  let emulator: TestEmulator;
  let clients: AwsClients;
  /** The IAM client the pipeline's code gets: each command it sends is in `calls`. */
  let iam: IAMClient;
  const calls: string[] = [];
  /** The user's own client: their roles' set-up, and the test's read-backs. */
  let admin: IAMClient;

  before(async () => {
    // Enforced, as AWS: the services act as the roles given, which must exist and let them in.
    emulator = await startTestEmulator({ enforceIam: true });
    clients = awsModeClientsAt(emulator.emulator.url);
    iam = new IAMClient(clientConfig(emulator.emulator.url));
    recordIamCalls(iam, calls);
    admin = new IAMClient(clientConfig(emulator.emulator.url));
    const firehosePolicies = firehoseRolePolicies({ accountId: ACCOUNT, region: "us-east-1", streamNames: [names.stream], bucket: names.bucket, errorLog: firehoseErrorLog(names) });
    await makeTheirRole(admin, "their-firehose", "/team/", firehosePolicies);
    await makeTheirRole(admin, names.crawlerRole, "/", crawlerRolePolicies({ bucket: names.bucket, dataPrefix: names.dataPrefix }));
  });
  after(async () => {
    iam.destroy();
    admin.destroy();
    clients.destroy();
    await emulator.close();
  });

  test("set-up creates no role and gives Firehose and the crawler the roles as given", async () => {
    const existingRoleArns = { firehose: THEIR_FIREHOSE_ROLE, crawler: THEIR_CRAWLER_ROLE };
    const steps: string[] = [];
    const result = await provisionPipeline(clients, names, { iam, existingRoleArns, onStep: (line) => steps.push(line) });
    assert.deepEqual(result.roleArns, existingRoleArns);
    assert.ok(!result.resources.some((resource) => resource.kind === "role"), JSON.stringify(result.resources));
    assert.deepEqual(calls, [], "no IAM call at all");
    assert.deepEqual([...(await rolesOf(admin)).keys()].sort(), [names.crawlerRole, "their-firehose"], "only their roles exist");
    assert.ok(steps.includes(`using the firehose role you gave: ${THEIR_FIREHOSE_ROLE} (never deleted by teardown)`), steps.join("\n"));
    const { DeliveryStreamDescription: delivery } = await clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: names.deliveryStream }));
    assert.equal(delivery?.Source?.KinesisStreamSourceDescription?.RoleARN, THEIR_FIREHOSE_ROLE);
    assert.equal((await clients.glue.send(new GetCrawlerCommand({ Name: names.crawler }))).Crawler?.Role, THEIR_CRAWLER_ROLE);
  });

  test("teardown deletes everything else, never the role the user gave (even under the pipeline's name), with no IAM call", async () => {
    const steps: string[] = [];
    const deleted = await teardownPipeline(clients, names, { iam, existingRoleArns: { firehose: THEIR_FIREHOSE_ROLE, crawler: THEIR_CRAWLER_ROLE }, wait: { intervalMs: 10, timeoutMs: 5_000 }, onStep: (line) => steps.push(line) });
    const roles = await rolesOf(admin);
    assert.deepEqual([...roles.keys()].sort(), [names.crawlerRole, "their-firehose"], "their roles are still there");
    assert.deepEqual([...roles.get(names.crawlerRole)!.inline.keys()], ["theirs"], "with their policy");
    assert.deepEqual(calls, [], "no IAM call at all: a user who may not touch roles can tear down");
    assert.ok(steps.includes(`IAM role ${names.crawlerRole}: not set-up's (you gave ${THEIR_CRAWLER_ROLE}), left alone`), steps.join("\n"));
    assert.ok(steps.includes(`IAM role ${names.firehoseRole}: not set-up's (you gave ${THEIR_FIREHOSE_ROLE}), left alone`), steps.join("\n"));
    assert.deepEqual(
      deleted.map((resource) => resource.kind).sort(),
      ["bucket", "crawler", "database", "deliveryStream", "logGroup", "stream"],
    );
  });

  test("teardown with only one role given still deletes the other, which set-up made", async () => {
    await ensureFirehoseRole(admin, names);
    const deleted = await teardownPipeline(clients, names, { iam, existingRoleArns: { crawler: THEIR_CRAWLER_ROLE }, wait: { intervalMs: 10, timeoutMs: 5_000 } });
    assert.deepEqual(deleted, [{ kind: "role", name: names.firehoseRole }]);
    assert.deepEqual([...(await rolesOf(admin)).keys()].sort(), [names.crawlerRole, "their-firehose"]);
  });
});
