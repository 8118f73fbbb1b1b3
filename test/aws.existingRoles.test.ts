import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DescribeDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { GetCrawlerCommand } from "@aws-sdk/client-glue";
import { awsPipelineNames, provisionPipeline, teardownPipeline, type AwsClients } from "@gpu-stream/shared";
import { awsModeClientsAt } from "./support/awsModeClients";
import { fakeIam, type FakeIam } from "./support/fakeIam";
import { startTestEmulator, type TestEmulator } from "./support/testEmulator";

const ACCOUNT = "123456789012";
const names = awsPipelineNames(ACCOUNT, "us-east-1");
/** A role of the user's own, and one that happens to carry the name the pipeline would give its crawler role. */
const THEIR_FIREHOSE_ROLE = `arn:aws:iam::${ACCOUNT}:role/team/their-firehose`;
const THEIR_CRAWLER_ROLE = `arn:aws:iam::${ACCOUNT}:role/${names.crawlerRole}`;

describe("aws mode with roles the user gave (--firehose-role-arn, --crawler-role-arn)", () => {
  let emulator: TestEmulator;
  let clients: AwsClients;
  let iam: FakeIam;

  before(async () => {
    emulator = await startTestEmulator();
    clients = awsModeClientsAt(emulator.emulator.url);
    iam = fakeIam(ACCOUNT);
    iam.roles.set(names.crawlerRole, { arn: THEIR_CRAWLER_ROLE, trustPolicy: "{}", inline: new Map([["theirs", "{}"]]), attached: new Set(), tags: [] });
  });
  after(async () => {
    iam.restore();
    clients.destroy();
    await emulator.close();
  });

  test("set-up creates no role and gives Firehose and the crawler the roles as given", async () => {
    const existingRoleArns = { firehose: THEIR_FIREHOSE_ROLE, crawler: THEIR_CRAWLER_ROLE };
    const steps: string[] = [];
    const result = await provisionPipeline(clients, names, { iam: iam.client, existingRoleArns, onStep: (line) => steps.push(line) });
    assert.deepEqual(result.roleArns, existingRoleArns);
    assert.ok(!result.resources.some((resource) => resource.kind === "role"), JSON.stringify(result.resources));
    assert.deepEqual(iam.calls, [], "no IAM call at all");
    assert.ok(steps.includes(`using the firehose role you gave: ${THEIR_FIREHOSE_ROLE} (never deleted by teardown)`), steps.join("\n"));
    const { DeliveryStreamDescription: delivery } = await clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: names.deliveryStream }));
    assert.equal(delivery?.Source?.KinesisStreamSourceDescription?.RoleARN, THEIR_FIREHOSE_ROLE);
    assert.equal((await clients.glue.send(new GetCrawlerCommand({ Name: names.crawler }))).Crawler?.Role, THEIR_CRAWLER_ROLE);
  });

  test("teardown deletes everything else, never the role the user gave (even under the pipeline's name), with no IAM call", async () => {
    const steps: string[] = [];
    const deleted = await teardownPipeline(clients, names, { iam: iam.client, existingRoleArns: { firehose: THEIR_FIREHOSE_ROLE, crawler: THEIR_CRAWLER_ROLE }, wait: { intervalMs: 10, timeoutMs: 5_000 }, onStep: (line) => steps.push(line) });
    assert.ok(iam.roles.has(names.crawlerRole), "their role is still there");
    assert.deepEqual(iam.calls, [], "no IAM call at all: a user who may not touch roles can tear down");
    assert.ok(steps.includes(`IAM role ${names.crawlerRole}: not set-up's (you gave ${THEIR_CRAWLER_ROLE}), left alone`), steps.join("\n"));
    assert.ok(steps.includes(`IAM role ${names.firehoseRole}: not set-up's (you gave ${THEIR_FIREHOSE_ROLE}), left alone`), steps.join("\n"));
    assert.deepEqual(
      deleted.map((resource) => resource.kind).sort(),
      ["bucket", "crawler", "database", "deliveryStream", "logGroup", "stream"],
    );
  });

  test("teardown with only one role given still deletes the other, which set-up made", async () => {
    iam.roles.set(names.firehoseRole, { arn: `arn:aws:iam::${ACCOUNT}:role/${names.firehoseRole}`, trustPolicy: "{}", inline: new Map([["access", "{}"]]), attached: new Set(), tags: [] });
    const deleted = await teardownPipeline(clients, names, { iam: iam.client, existingRoleArns: { crawler: THEIR_CRAWLER_ROLE }, wait: { intervalMs: 10, timeoutMs: 5_000 } });
    assert.deepEqual(deleted, [{ kind: "role", name: names.firehoseRole }]);
    assert.deepEqual([...iam.roles.keys()], [names.crawlerRole]);
  });
});
