import type { QueryAction } from "../../../server/query/QueryService";
import { existingRole } from "../existingRole";
import type { RoleStore } from "../RoleStore";
import { roleView } from "../roleView";

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html */
export function getRole(roles: RoleStore): QueryAction {
  return async ({ parameters }) => ({ Role: roleView(existingRole(roles, parameters.required("RoleName")), true) });
}
