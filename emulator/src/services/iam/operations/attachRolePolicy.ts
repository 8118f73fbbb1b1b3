import type { QueryAction } from "../../../server/query/QueryService";
import { existingRole } from "../existingRole";
import { iamErrors } from "../iamErrors";
import { parsePolicyArn } from "../policyArn";
import type { RoleStore } from "../RoleStore";

/** IAM's default quota of managed policies attached to one role (IAM User Guide, "IAM and AWS STS quotas"). */
const MAX_ATTACHED_POLICIES = 10;

/**
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html. Managed policies: AWS's own
 * (`arn:aws:iam::aws:policy/...`) are taken as they are named, since the emulator does not list them; the emulator
 * has no CreatePolicy, so a customer-managed ARN names no policy it could attach.
 */
export function attachRolePolicy(roles: RoleStore): QueryAction {
  return async ({ parameters }) => {
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
  };
}
