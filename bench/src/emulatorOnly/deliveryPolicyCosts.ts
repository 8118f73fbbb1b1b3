import { firehoseErrorLog, firehoseRolePolicies, localPipelineNames, roleArn } from "@gpu-stream/shared";
import { roleAccess, sourceReadable } from "@gpu-stream/emulator/internal/services/firehose/firehoseRole";
import { evaluateStatements, statementsOf } from "@gpu-stream/emulator/internal/services/iam/policyEvaluation";
import { RoleAuthority } from "@gpu-stream/emulator/internal/services/iam/RoleAuthority";
import { RoleStore } from "@gpu-stream/emulator/internal/services/iam/RoleStore";
import type { OperationCost } from "./EmulatorOnlyResults";
import { measureOperation, type OperationTiming } from "./measureOperation";
import { withScratchDirectory } from "./scratchDirectory";

/**
 * What the Firehose role's policies cost a delivery: the course's role as the helper module creates it
 * (shared/src/provision/iamRoles.ts, firehoseRolePolicies), kept in the emulator's IAM, and asked as
 * DeliveryStreams.ts asks it: s3:PutObject on each object's key before it is written (the role assumed anew,
 * its trust policy then its permissions read at each question), and the three Kinesis actions before each read of
 * the source. evaluateStatements alone shows how much of that is the evaluation rather than reading the documents.
 */
export function measureDeliveryPolicyCosts(timing: OperationTiming): Promise<OperationCost[]> {
  return withScratchDirectory("iam", async (directory) => {
    const names = localPipelineNames();
    const policies = firehoseRolePolicies({ accountId: names.accountId, region: names.region, streamNames: [names.stream, names.reshardDemo.stream], bucket: names.bucket, errorLog: firehoseErrorLog(names) });
    const arn = roleArn(names, names.firehoseRole);
    const roles = await RoleStore.open(directory);
    await roles.add({
      roleName: names.firehoseRole,
      roleId: "AROABENCHFIREHOSEROLE",
      path: "/",
      arn,
      createDate: Date.now() - 3_600_000,
      assumeRolePolicyDocument: JSON.stringify(policies.trustPolicy),
      maxSessionDuration: 3600,
      tags: [],
      inlinePolicies: { [`${names.firehoseRole}-access`]: JSON.stringify(policies.inlinePolicy) },
      attachedPolicyArns: [],
    });
    const authority = new RoleAuthority(roles, names.accountId, { enforceRoles: true, propagationDelayMs: () => 0, now: Date.now, log: () => undefined });
    const deliveryStreamArn = `arn:aws:firehose:${names.region}:${names.accountId}:deliverystream/${names.deliveryStream}`;
    const streamArn = `arn:aws:kinesis:${names.region}:${names.accountId}:stream/${names.stream}`;
    const objectArn = `arn:aws:s3:::${names.bucket}/${names.dataPrefix}2026/11/28/06/${names.deliveryStream}-1-2026-11-28-06-29-32-6f1d0c1e-8e7a-4c39-9a57-1d2b3c4d5e6f`;
    const access = roleAccess(authority, arn, deliveryStreamArn);
    if (!access.allows("s3:PutObject", objectArn)) {
      throw new Error(`the course's Firehose role does not allow s3:PutObject on ${objectArn}: the bench does not measure what a delivery asks`);
    }
    const readable = sourceReadable(access, streamArn);
    const statements = statementsOf(JSON.stringify(policies.inlinePolicy));
    return [
      measureOperation("s3:PutObject of one delivered object (assume the role, then its policies)", timing, () => access.allows("s3:PutObject", objectArn)),
      measureOperation("Kinesis source read (DescribeStream, GetShardIterator, GetRecords), per read", timing, readable),
      measureOperation("evaluateStatements alone, s3:PutObject (statements already parsed)", timing, () => evaluateStatements(statements, { action: "s3:PutObject", resource: objectArn })),
    ];
  });
}
