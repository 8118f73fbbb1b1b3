import type { QueryAction } from "../../../server/query/QueryService";
import { existingRole } from "../existingRole";
import { iamErrors } from "../iamErrors";
import { policyName } from "../policyName";
import type { RoleStore } from "../RoleStore";

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePolicy.html */
export function deleteRolePolicy(roles: RoleStore): QueryAction {
  return async ({ parameters }) => {
    const role = existingRole(roles, parameters.required("RoleName"));
    const name = policyName(parameters.required("PolicyName"));
    if (!Object.hasOwn(role.inlinePolicies, name)) {
      throw iamErrors.noSuchRolePolicy(name);
    }
    await roles.update(role, (stored) => {
      const { [name]: _removed, ...kept } = stored.inlinePolicies;
      stored.inlinePolicies = kept;
    });
    return undefined;
  };
}
