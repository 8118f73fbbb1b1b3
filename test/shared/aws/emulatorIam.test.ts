import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import {
  ensureCrawlerRole,
  ensureFirehoseRole,
  firehoseErrorLog,
  firehoseRolePolicies,
  GLUE_SERVICE_ROLE_POLICY_ARN,
  provisionPipeline,
  resolvePipelineNames,
  teardownPipeline,
  type AwsClients,
} from "@gpu-stream/shared";
import type { EmulatorOptions } from "@gpu-stream/emulator";
import { awsModeClientsAt } from "../../support/awsModeClients";
import { clientConfig, startTestEmulator, type TestEmulator } from "../../support/testEmulator";

interface AwsModeEmulator {
  readonly emulator: TestEmulator;
  readonly clients: AwsClients;
  readonly iam: IAMClient;
  readonly sts: STSClient;
}

/** A fresh emulator played as AWS: aws-mode clients and its own IAM and STS, all closed after `body`. */
async function withAwsModeEmulator(options: Partial<EmulatorOptions>, body: (aws: AwsModeEmulator) => Promise<void>): Promise<void> {
  const emulator = await startTestEmulator(options);
  const clients = awsModeClientsAt(emulator.emulator.url);
  const iam = new IAMClient(clientConfig(emulator.emulator.url));
  const sts = new STSClient(clientConfig(emulator.emulator.url));
  try {
    await body({ emulator, clients, iam, sts });
  } finally {
    iam.destroy();
    sts.destroy();
    clients.destroy();
    await emulator.close();
  }
}

async function injectFaults(emulator: TestEmulator, faults: object): Promise<void> {
  const answer = await fetch(`${emulator.emulator.url}/_emulator/faults`, { method: "POST", body: JSON.stringify(faults) });
  assert.equal(answer.status, 200, await answer.text());
}

/**
 * AWS mode's role provisioning and teardown rehearsed end to end against the emulator's IAM and STS (no fakes):
 * the account comes from GetCallerIdentity, the roles are made, found again, and torn down.
 */
describe("AWS mode's roles through the emulator's IAM and STS", () => {
  it("provisions the pipeline's two roles once, and teardown deletes them with their policies", async () => {
    await withAwsModeEmulator({}, async ({ clients, iam, sts }) => {
      const names = await resolvePipelineNames(clients, sts);
      assert.equal(names.accountId, "000000000000");

      const firehose = await ensureFirehoseRole(iam, names);
      const crawler = await ensureCrawlerRole(iam, names);
      assert.deepEqual(firehose, { created: true, roleArn: `arn:aws:iam::000000000000:role/${names.firehoseRole}` });
      assert.equal(crawler.created, true);
      const role = (await iam.send(new GetRoleCommand({ RoleName: names.firehoseRole }))).Role!;
      const expected = firehoseRolePolicies({ accountId: names.accountId, region: names.region, streamNames: [names.stream, names.reshardDemo.stream], bucket: names.bucket, errorLog: firehoseErrorLog(names) });
      assert.deepEqual(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)), expected.trustPolicy);
      assert.deepEqual(role.Tags, [{ Key: "project", Value: "gpu-stream" }]);
      const inline = await iam.send(new GetRolePolicyCommand({ RoleName: names.firehoseRole, PolicyName: `${names.firehoseRole}-access` }));
      assert.deepEqual(JSON.parse(decodeURIComponent(inline.PolicyDocument!)), expected.inlinePolicy);
      const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: names.crawlerRole }));
      assert.deepEqual(attached.AttachedPolicies!.map((policy) => policy.PolicyArn), [GLUE_SERVICE_ROLE_POLICY_ARN]);

      // Run again (a second npm start --aws): the roles are found, not made twice, and the trust policy (which IAM
      // answers URL-encoded) is recognised as unchanged.
      assert.equal((await ensureFirehoseRole(iam, names)).created, false);
      assert.equal((await ensureCrawlerRole(iam, names)).created, false);

      const steps: string[] = [];
      const deleted = await teardownPipeline(clients, names, { iam, wait: { timeoutMs: 5_000, intervalMs: 50 }, onStep: (line) => steps.push(line) });
      assert.deepEqual(
        deleted.filter((resource) => resource.kind === "role").map((resource) => resource.name),
        [names.firehoseRole, names.crawlerRole],
        steps.join("\n"),
      );
      assert.deepEqual((await iam.send(new ListRolesCommand({}))).Roles, []);
      // Teardown again: nothing left to delete, and no error.
      const again = await teardownPipeline(clients, names, { iam, wait: { timeoutMs: 5_000, intervalMs: 50 } });
      assert.equal(again.filter((resource) => resource.kind === "role").length, 0);
    });
  });

  it("set-up retries while new roles propagate (an injected fault), then makes the delivery stream and the crawler", async () => {
    await withAwsModeEmulator({ enforceIam: true }, async ({ emulator, clients, iam, sts }) => {
      await injectFaults(emulator, { "iam.role.propagationDelay": { forMs: 1500 } });
      const names = await resolvePipelineNames(clients, sts);
      const steps: string[] = [];
      const provisioned = await provisionPipeline(clients, names, { iam, rolePropagation: { timeoutMs: 15_000, intervalMs: 250 }, onStep: (line) => steps.push(line) });
      assert.ok(
        steps.some((line) => /^creating Firehose delivery stream .*: the new IAM role is not usable yet .* retrying in 0\.3 s$/.test(line)),
        steps.join("\n"),
      );
      assert.deepEqual(
        provisioned.resources.filter((resource) => resource.kind === "deliveryStream" || resource.kind === "crawler").map((resource) => resource.created),
        [true, true],
      );
      await teardownPipeline(clients, names, { iam, wait: { timeoutMs: 5_000, intervalMs: 50 } });
    });
  });

  it("without the retry, the same fault fails set-up with Firehose's words", async () => {
    await withAwsModeEmulator({ enforceIam: true }, async ({ emulator, clients, iam, sts }) => {
      await injectFaults(emulator, { "iam.role.propagationDelay": { forMs: 60_000 } });
      const names = await resolvePipelineNames(clients, sts);
      await assert.rejects(
        provisionPipeline(clients, names, { iam, rolePropagation: { timeoutMs: 500, intervalMs: 250 } }),
        /Firehose is unable to assume role arn:aws:iam::000000000000:role\/gpu-stream-firehose\. Please check the role provided\./,
      );
    });
  });
});
