import type { QueryAction } from "../../../server/query/QueryService";
import { existingRole } from "../existingRole";
import { pageOf } from "../paging";
import type { RoleStore } from "../RoleStore";

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRolePolicies.html */
export function listRolePolicies(roles: RoleStore): QueryAction {
  return async ({ parameters, context }) => {
    const role = existingRole(roles, parameters.required("RoleName"));
    const page = pageOf(["ListRolePolicies", role.roleName], Object.keys(role.inlinePolicies).sort(), parameters, context.now());
    return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
  };
}
