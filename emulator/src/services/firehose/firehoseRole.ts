// Sources: "Allow Firehose to assume an IAM role" and "Grant Firehose access to an Amazon S3 destination"
// (https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html: the trust policy's condition on
// `sts:ExternalId` = the account id; the role's permissions on the Kinesis stream, the bucket and the error log
// stream), and "Cross-service confused deputy prevention"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html: `aws:SourceAccount`, `aws:SourceArn`).
import type { AssumeRequest, RoleAuthority } from "../iam/RoleAuthority";
import type { DeliveryFailure } from "./DeliveryStreamWorker";
import { firehoseErrors } from "./firehoseErrors";

/** What a delivery stream's role may do, asked at the moment Firehose does it (policies may change meanwhile). */
export interface RoleAccess {
  allows(action: string, resource: string): boolean;
}

/** The AssumeRole Firehose makes for a delivery stream: as firehose.amazonaws.com, the account as its external id. */
function assumeRequest(deliveryStreamArn: string): AssumeRequest {
  const accountId = deliveryStreamArn.split(":")[4]!;
  return {
    service: "firehose.amazonaws.com",
    conditionKeys: { "sts:ExternalId": accountId, "aws:SourceAccount": accountId, "aws:SourceArn": deliveryStreamArn },
  };
}

/**
 * The role as a delivery stream acts with it: assumed anew at each question, so a trust or permissions policy put
 * or deleted applies to the next attempt. Without an IAM (services created alone, in tests) everything is allowed.
 */
export function roleAccess(roles: RoleAuthority | undefined, roleArn: string, deliveryStreamArn: string): RoleAccess {
  return {
    allows: (action, resource) => {
      if (roles === undefined) {
        return true;
      }
      const outcome = roles.assume(roleArn, assumeRequest(deliveryStreamArn));
      return outcome.ok && outcome.role.decide(action, resource) === "allow";
    },
  };
}

/**
 * CreateDeliveryStream's check that Firehose can assume each role it was given. Every refusal (no such role, a trust
 * policy that does not let Firehose in, a role too new to have propagated) answers as AWS answers them all:
 * InvalidArgumentException "Firehose is unable to assume role <arn>. Please check the role provided." (the wording
 * Terraform's aws provider retries on, internal/service/firehose/delivery_stream.go, and AWS's console shows).
 */
export function assumeRoles(roles: RoleAuthority | undefined, roleArns: readonly string[], deliveryStreamArn: string): void {
  for (const roleArn of new Set(roleArns)) {
    if (roles !== undefined && !roles.assume(roleArn, assumeRequest(deliveryStreamArn)).ok) {
      throw firehoseErrors.invalidArgument(`Firehose is unable to assume role ${roleArn}. Please check the role provided.`);
    }
  }
}

/**
 * CreateDeliveryStream with a Kinesis source describes the stream as the role at once, and fails when the role may
 * not: InvalidArgumentException "Role <arn> is not authorized to perform: kinesis:DescribeStream on resource <arn>."
 * (reported by CloudFormation users, aws/aws-cdk#5221 and #7236; Terraform's aws provider retries
 * InvalidArgumentException "is not authorized to" while a new policy propagates).
 */
export function requireSourceDescribe(access: RoleAccess, roleArn: string, kinesisStreamArn: string): void {
  if (!access.allows("kinesis:DescribeStream", kinesisStreamArn)) {
    throw firehoseErrors.invalidArgument(`Role ${roleArn} is not authorized to perform: kinesis:DescribeStream on resource ${kinesisStreamArn}.`);
  }
}

/**
 * Whether the role may read the Kinesis source now: every call Firehose makes on it, which it retries indefinitely
 * when refused ("Troubleshoot errors in Amazon Data Firehose",
 * https://docs.aws.amazon.com/firehose/latest/dev/troubleshooting.html: DescribeStream, GetRecords and GetShardIterator).
 */
export function sourceReadable(access: RoleAccess, kinesisStreamArn: string): () => boolean {
  return () => ["kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords"].every((action) => access.allows(action, kinesisStreamArn));
}

/** The error log's ARN as an IAM policy names it (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html). */
export function logStreamArn(deliveryStreamArn: string, groupName: string, streamName: string): string {
  const [, partition, , region, accountId] = deliveryStreamArn.split(":");
  return `arn:${partition}:logs:${region}:${accountId}:log-group:${groupName}:log-stream:${streamName}`;
}

/**
 * Firehose's error records for a refusal, as "Monitor Amazon Data Firehose Using CloudWatch Logs" words them
 * (https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-logs.html, "Amazon S3 data delivery
 * errors" and "Kinesis invocation errors"; before the 2024 rename the S3 one read "Kinesis Data Firehose").
 */
export const ROLE_DENIALS = {
  s3: { code: "S3.AccessDenied", message: "Access was denied. Ensure that the trust policy for the provided IAM role allows Firehose to assume the role, and the access policy allows access to the S3 bucket." },
  kinesis: { code: "Kinesis.AccessDenied", message: "Access was denied when calling Kinesis. Ensure the access policy on the IAM role used allows access to the appropriate Kinesis APIs." },
} as const satisfies Record<string, DeliveryFailure>;
