import { iamErrors } from "./iamErrors";
import { iamRules, validateMembers } from "./iamValidation";

/** `arn:aws:iam::<aws|account>:policy<path><name>`, the ARN form of a managed policy. */
const POLICY_ARN = /^arn:aws[\w-]*:iam::(aws|\d{12}):policy((?:\/[\u0021-\u007E]+)*\/)([\w+=,.@-]+)$/;

export interface PolicyArn {
  readonly arn: string;
  readonly owner: string;
  readonly path: string;
  readonly name: string;
}

export function parsePolicyArn(arn: string): PolicyArn {
  validateMembers([["PolicyArn", arn, iamRules.PolicyArn]]);
  const match = POLICY_ARN.exec(arn);
  if (match === null) {
    throw iamErrors.invalidArn(arn);
  }
  return { arn, owner: match[1]!, path: match[2]!, name: match[3]! };
}
