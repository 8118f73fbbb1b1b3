import type { QueryAction } from "../../../server/query/QueryService";
import { existingRole } from "../existingRole";
import { iamErrors } from "../iamErrors";
import { parsePolicyArn } from "../policyArn";
import type { RoleStore } from "../RoleStore";

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_DetachRolePolicy.html */
export function detachRolePolicy(roles: RoleStore): QueryAction {
  return async ({ parameters }) => {
    const role = existingRole(roles, parameters.required("RoleName"));
    const policy = parsePolicyArn(parameters.required("PolicyArn"));
    if (!role.attachedPolicyArns.includes(policy.arn)) {
      throw iamErrors.policyNotAttached(policy.arn);
    }
    await roles.update(role, (stored) => {
      stored.attachedPolicyArns = stored.attachedPolicyArns.filter((arn) => arn !== policy.arn);
    });
    return undefined;
  };
}
