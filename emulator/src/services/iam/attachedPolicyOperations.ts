import type { QueryAction } from "../../server/query/QueryService";
import { iamErrors } from "./iamErrors";
import { iamRules, validateMembers } from "./iamValidation";
import { pageOf } from "./paging";
import { existingRole } from "./roleOperations";
import type { RoleStore } from "./RoleStore";

/** IAM's default quota of managed policies attached to one role (IAM User Guide, "IAM and AWS STS quotas"). */
const MAX_ATTACHED_POLICIES = 10;

/** `arn:aws:iam::<aws|account>:policy<path><name>`, the ARN form of a managed policy. */
const POLICY_ARN = /^arn:aws[\w-]*:iam::(aws|\d{12}):policy((?:\/[\u0021-\u007E]+)*\/)([\w+=,.@-]+)$/;

interface PolicyArn {
  readonly arn: string;
  readonly owner: string;
  readonly path: string;
  readonly name: string;
}

function parsePolicyArn(arn: string): PolicyArn {
  validateMembers([["PolicyArn", arn, iamRules.PolicyArn]]);
  const match = POLICY_ARN.exec(arn);
  if (match === null) {
    throw iamErrors.invalidArn(arn);
  }
  return { arn, owner: match[1]!, path: match[2]!, name: match[3]! };
}

/**
 * Managed policies: AWS's own (`arn:aws:iam::aws:policy/...`) are taken as they are named, since the emulator does
 * not list them; the emulator has no CreatePolicy, so a customer-managed ARN names no policy (NoSuchEntity).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html and its siblings.
 */
export function attachedPolicyOperations(roles: RoleStore): Record<string, QueryAction> {
  return {
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html
    AttachRolePolicy: async ({ parameters }) => {
      const role = existingRole(roles, parameters.required("RoleName"));
      const policy = parsePolicyArn(parameters.required("PolicyArn"));
      if (policy.owner !== "aws") {
        throw iamErrors.policyNotAttachable(policy.arn);
      }
      if (role.attachedPolicyArns.includes(policy.arn)) {
        return undefined;
      }
      if (role.attachedPolicyArns.length >= MAX_ATTACHED_POLICIES) {
        throw iamErrors.limitExceeded(`Cannot exceed quota for PoliciesPerRole: ${MAX_ATTACHED_POLICIES}`);
      }
      await roles.update(role, (stored) => {
        stored.attachedPolicyArns = [...stored.attachedPolicyArns, policy.arn];
      });
      return undefined;
    },
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DetachRolePolicy.html
    DetachRolePolicy: async ({ parameters }) => {
      const role = existingRole(roles, parameters.required("RoleName"));
      const policy = parsePolicyArn(parameters.required("PolicyArn"));
      if (!role.attachedPolicyArns.includes(policy.arn)) {
        throw iamErrors.policyNotAttached(policy.arn);
      }
      await roles.update(role, (stored) => {
        stored.attachedPolicyArns = stored.attachedPolicyArns.filter((arn) => arn !== policy.arn);
      });
      return undefined;
    },
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAttachedRolePolicies.html
    ListAttachedRolePolicies: async ({ parameters }) => {
      const role = existingRole(roles, parameters.required("RoleName"));
      const pathPrefix = parameters.optional("PathPrefix") ?? "/";
      validateMembers([["PathPrefix", pathPrefix, iamRules.PathPrefix]]);
      const attached = role.attachedPolicyArns.map(parsePolicyArn).filter((policy) => policy.path.startsWith(pathPrefix));
      const page = pageOf(attached, parameters);
      return { AttachedPolicies: page.items.map((policy) => ({ PolicyName: policy.name, PolicyArn: policy.arn })), IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  };
}
