import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteConflictException,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  NoSuchEntityException,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
  type IAMClient,
  type Role,
  type Tag,
} from "@aws-sdk/client-iam";
import { logStreamArn, type LogStreamRef } from "./pipelineLogs";

export interface PolicyStatement {
  readonly Effect: "Allow" | "Deny";
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Principal?: { readonly Service: string };
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** What one role needs: who may assume it, what it may do (inline), and any AWS managed policies. */
export interface RolePolicies {
  readonly trustPolicy: PolicyDocument;
  readonly inlinePolicy: PolicyDocument;
  readonly managedPolicyArns: readonly string[];
}

/** Grants what the crawler's AWS managed role grants: Glue catalog access, its CloudWatch logs, buckets named aws-glue-*. */
export const GLUE_SERVICE_ROLE_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole";

function serviceTrust(service: string, condition?: PolicyStatement["Condition"]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition === undefined ? {} : { Condition: condition }) }],
  };
}

function bucketArn(bucket: string): string {
  return `arn:aws:s3:::${bucket}`;
}

export interface FirehoseRoleScope {
  readonly accountId: string;
  readonly region: string;
  /** The data streams its delivery streams read: the course's, and notebook 00's resharding sidebar's. */
  readonly streamNames: readonly string[];
  readonly bucket: string;
  /** Where the delivery stream logs its delivery errors (CloudWatchLoggingOptions). */
  readonly errorLog: LogStreamRef;
}

/**
 * The role Firehose assumes to read the data streams, write the bucket and log its delivery errors: those
 * resources, nothing else.
 */
export function firehoseRolePolicies(scope: FirehoseRoleScope): RolePolicies {
  return {
    // Only Firehose acting for this account may assume the role (the confused-deputy guard). Firehose passes the
    // delivery stream's account as the external id: the condition the console puts on the roles it creates, and
    // the one Terraform's acceptance tests use against AWS. (aws:SourceAccount is the usual key for this, but
    // nothing documents Firehose setting it when it assumes a delivery role; were it absent, no assume would ever
    // succeed and set-up would fail with "Firehose is unable to assume role".)
    trustPolicy: serviceTrust("firehose.amazonaws.com", { StringEquals: { "sts:ExternalId": scope.accountId } }),
    inlinePolicy: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards"],
          Resource: scope.streamNames.map((name) => `arn:aws:kinesis:${scope.region}:${scope.accountId}:stream/${name}`),
        },
        {
          Effect: "Allow",
          Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
          Resource: [bucketArn(scope.bucket), `${bucketArn(scope.bucket)}/*`],
        },
        // The one log stream, as "Grant Firehose access to an Amazon S3 destination" scopes it
        // (https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html#using-iam-s3).
        { Effect: "Allow", Action: "logs:PutLogEvents", Resource: logStreamArn(scope.region, scope.accountId, scope.errorLog) },
      ],
    },
    managedPolicyArns: [],
  };
}

export interface CrawlerRoleScope {
  readonly bucket: string;
  /** The folder(s) the crawlers read, e.g. `telemetry/` (one role serves the main crawler and the sidebar's). */
  readonly dataPrefix: string | readonly string[];
}

/** The role the Glue crawler assumes: the managed Glue service policy plus read access to the crawled folders only. */
export function crawlerRolePolicies(scope: CrawlerRoleScope): RolePolicies {
  const prefixes = typeof scope.dataPrefix === "string" ? [scope.dataPrefix] : [...scope.dataPrefix];
  const objects = prefixes.map((prefix) => `${bucketArn(scope.bucket)}/${prefix}*`);
  return {
    trustPolicy: serviceTrust("glue.amazonaws.com"),
    inlinePolicy: {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "s3:GetObject", Resource: objects.length === 1 ? objects[0]! : objects },
        { Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn(scope.bucket) },
      ],
    },
    managedPolicyArns: [GLUE_SERVICE_ROLE_POLICY_ARN],
  };
}

export interface EnsureRoleOptions {
  readonly trustPolicy: PolicyDocument;
  readonly inlinePolicyName: string;
  readonly inlinePolicy: PolicyDocument;
  readonly managedPolicyArns?: readonly string[];
  readonly description?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface EnsuredRole {
  /** False when the role already existed (its policies are brought up to date either way). */
  readonly created: boolean;
  readonly roleArn: string;
}

async function findRole(iam: IAMClient, roleName: string): Promise<Role | undefined> {
  try {
    return (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
  } catch (error) {
    if (error instanceof NoSuchEntityException) {
      return undefined;
    }
    throw error;
  }
}

/** IAM answers policy documents URL-encoded; compare them as JSON values, not as text. */
function sameDocument(encoded: string | undefined, wanted: PolicyDocument): boolean {
  if (encoded === undefined) {
    return false;
  }
  try {
    return JSON.stringify(JSON.parse(decodeURIComponent(encoded))) === JSON.stringify(wanted);
  } catch {
    return false;
  }
}

function toTags(tags: Readonly<Record<string, string>> | undefined): Tag[] | undefined {
  return tags === undefined ? undefined : Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/**
 * Creates the role unless it exists, then (re)writes its trust policy if it differs, puts its inline policy and
 * attaches its managed policies, so a changed policy reaches an existing role. Idempotent.
 */
export async function ensureRole(iam: IAMClient, roleName: string, options: EnsureRoleOptions): Promise<EnsuredRole> {
  let role = await findRole(iam, roleName);
  let created = false;
  if (role === undefined) {
    const tags = toTags(options.tags);
    try {
      role = (
        await iam.send(
          new CreateRoleCommand({
            RoleName: roleName,
            AssumeRolePolicyDocument: JSON.stringify(options.trustPolicy),
            ...(options.description === undefined ? {} : { Description: options.description }),
            ...(tags === undefined ? {} : { Tags: tags }),
          }),
        )
      ).Role;
      created = true;
    } catch (error) {
      // Someone else created it between GetRole and CreateRole: use theirs.
      if (!(error instanceof EntityAlreadyExistsException)) {
        throw error;
      }
      role = await findRole(iam, roleName);
    }
  } else if (!sameDocument(role.AssumeRolePolicyDocument, options.trustPolicy)) {
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: JSON.stringify(options.trustPolicy) }));
  }
  if (role?.Arn === undefined) {
    throw new Error(`IAM role '${roleName}' has no ARN after creation; check it in the IAM console`);
  }
  await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: options.inlinePolicyName, PolicyDocument: JSON.stringify(options.inlinePolicy) }));
  for (const policyArn of options.managedPolicyArns ?? []) {
    // AttachRolePolicy is itself idempotent.
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }));
  }
  return { created, roleArn: role.Arn };
}

async function attachedPolicyArns(iam: IAMClient, roleName: string): Promise<string[]> {
  const arns: string[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, ...(marker === undefined ? {} : { Marker: marker }) }));
    arns.push(...(page.AttachedPolicies ?? []).flatMap((policy) => (policy.PolicyArn === undefined ? [] : [policy.PolicyArn])));
    marker = page.IsTruncated === true ? page.Marker : undefined;
  } while (marker !== undefined);
  return arns;
}

async function inlinePolicyNames(iam: IAMClient, roleName: string): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName, ...(marker === undefined ? {} : { Marker: marker }) }));
    names.push(...(page.PolicyNames ?? []));
    marker = page.IsTruncated === true ? page.Marker : undefined;
  } while (marker !== undefined);
  return names;
}

/**
 * Deletes the role as IAM requires: managed policies detached and inline policies deleted first.
 * Answers whether it existed; an absent role is not an error.
 */
export async function deleteRole(iam: IAMClient, roleName: string): Promise<boolean> {
  let existed = false;
  try {
    const managed = await attachedPolicyArns(iam, roleName);
    existed = true;
    for (const policyArn of managed) {
      await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }));
    }
    for (const policyName of await inlinePolicyNames(iam, roleName)) {
      await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
    }
    await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
    return true;
  } catch (error) {
    if (error instanceof NoSuchEntityException) {
      // Absent from the start, or deleted by someone else meanwhile.
      return existed;
    }
    if (error instanceof DeleteConflictException) {
      throw new Error(
        `IAM role '${roleName}' is still in use (${error.message}); remove it from what uses it (an instance profile, another service) and run teardown again`,
        { cause: error },
      );
    }
    throw error;
  }
}
