import type { QueryAction } from "../../../server/query/QueryService";
import { existingRole } from "../existingRole";
import type { RoleStore } from "../RoleStore";

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagRole.html */
export function untagRole(roles: RoleStore): QueryAction {
  return async ({ parameters }) => {
    const role = existingRole(roles, parameters.required("RoleName"));
    const keys = parameters.list("TagKeys", (prefix) => parameters.required(prefix)) ?? [parameters.required("TagKeys")];
    await roles.update(role, (stored) => {
      stored.tags = stored.tags.filter((tag) => !keys.includes(tag.Key));
    });
    return undefined;
  };
}
