import type { IAMClient } from "@aws-sdk/client-iam";
import { roleArn, type PipelineNames } from "./pipelineNames";
import { firehoseErrorLog } from "./pipelineLogs";
import { crawlerRolePolicies, ensureRole, firehoseRolePolicies, type EnsuredRole, type RolePolicies } from "./iamRoles";

export interface PipelineRoleArns {
  readonly firehose: string;
  readonly crawler: string;
}

/**
 * Roles the user already has (an account where they may not create roles): set-up uses them instead of creating
 * the pipeline's own, and teardown never deletes them.
 */
export interface ExistingRoleArns {
  readonly firehose?: string;
  readonly crawler?: string;
}

/** The roles a user gave as parameters or flags, where "" or absent means "create the pipeline's own". */
export function givenRoleArns(given: { readonly firehose?: string | undefined; readonly crawler?: string | undefined }): ExistingRoleArns {
  const present = (arn: string | undefined): arn is string => arn !== undefined && arn !== "";
  return { ...(present(given.firehose) ? { firehose: given.firehose } : {}), ...(present(given.crawler) ? { crawler: given.crawler } : {}) };
}

/** The role name an ARN names: `arn:aws:iam::123456789012:role/path/name` -> `name`. */
export function roleNameOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

/** Tagged so that the console's tag filter finds everything the exercise made. */
export const PIPELINE_TAGS: Readonly<Record<string, string>> = { project: "gpu-stream" };

/** The emulator checks no IAM: well-formed ARNs of roles that need not exist. */
export function localRoleArns(names: PipelineNames): PipelineRoleArns {
  return { firehose: roleArn(names, names.firehoseRole), crawler: roleArn(names, names.crawlerRole) };
}

function ensurePipelineRole(iam: IAMClient, roleName: string, policies: RolePolicies, description: string): Promise<EnsuredRole> {
  return ensureRole(iam, roleName, {
    trustPolicy: policies.trustPolicy,
    inlinePolicyName: `${roleName}-access`,
    inlinePolicy: policies.inlinePolicy,
    managedPolicyArns: policies.managedPolicyArns,
    description,
    tags: PIPELINE_TAGS,
  });
}

export function ensureFirehoseRole(iam: IAMClient, names: PipelineNames): Promise<EnsuredRole> {
  const policies = firehoseRolePolicies({ accountId: names.accountId, region: names.region, streamNames: [names.stream, names.reshardDemo.stream], bucket: names.bucket, errorLog: firehoseErrorLog(names) });
  return ensurePipelineRole(iam, names.firehoseRole, policies, `gpu-stream: Firehose reads Kinesis stream ${names.stream}, writes bucket ${names.bucket}, logs its errors`);
}

export function ensureCrawlerRole(iam: IAMClient, names: PipelineNames): Promise<EnsuredRole> {
  // One role for the main crawler and the sidebar's (notebook 02), so it may read both folders.
  const policies = crawlerRolePolicies({ bucket: names.bucket, dataPrefix: [names.dataPrefix, names.sidebar.dataPrefix] });
  return ensurePipelineRole(iam, names.crawlerRole, policies, `gpu-stream: the Glue crawler reads s3://${names.bucket}/${names.dataPrefix}`);
}
