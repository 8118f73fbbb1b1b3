import type { QueryAction } from "../../../server/query/QueryService";
import { existingRole } from "../existingRole";
import { pageOf } from "../paging";
import type { RoleStore } from "../RoleStore";

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoleTags.html */
export function listRoleTags(roles: RoleStore): QueryAction {
  return async ({ parameters, context }) => {
    const role = existingRole(roles, parameters.required("RoleName"));
    const page = pageOf(["ListRoleTags", role.roleName], role.tags, parameters, context.now());
    return { Tags: page.items.map((tag) => ({ Key: tag.Key, Value: tag.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker };
  };
}
