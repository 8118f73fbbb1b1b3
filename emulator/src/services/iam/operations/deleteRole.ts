import type { QueryAction } from "../../../server/query/QueryService";
import { existingRole } from "../existingRole";
import { iamErrors } from "../iamErrors";
import type { RoleStore } from "../RoleStore";

/**
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html: "you must first remove ... inline
 * policies ... [and] detach managed policies", else DeleteConflict.
 */
export function deleteRole(roles: RoleStore): QueryAction {
  return async ({ parameters }) => {
    const role = existingRole(roles, parameters.required("RoleName"));
    if (Object.keys(role.inlinePolicies).length > 0) {
      throw iamErrors.deleteConflictInline();
    }
    if (role.attachedPolicyArns.length > 0) {
      throw iamErrors.deleteConflictAttached();
    }
    await roles.remove(role.roleName);
    return undefined;
  };
}
