import type { QueryAction } from "../../../server/query/QueryService";
import { iamRules, validateMembers } from "../iamValidation";
import { pageOf } from "../paging";
import type { RoleStore } from "../RoleStore";
import { roleView } from "../roleView";

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html */
export function listRoles(roles: RoleStore): QueryAction {
  return async ({ parameters, context }) => {
    const pathPrefix = parameters.optional("PathPrefix") ?? "/";
    validateMembers([["PathPrefix", pathPrefix, iamRules.PathPrefix]]);
    const page = pageOf(
      ["ListRoles", pathPrefix],
      roles.all().filter((role) => role.path.startsWith(pathPrefix)),
      parameters,
      context.now(),
    );
    return { Roles: page.items.map((role) => roleView(role, false)), IsTruncated: page.IsTruncated, Marker: page.Marker };
  };
}
