import type { QueryAction } from "../../../server/query/QueryService";
import { existingRole } from "../existingRole";
import { mergeTags, readTags } from "../roleTags";
import type { RoleStore } from "../RoleStore";

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html */
export function tagRole(roles: RoleStore): QueryAction {
  return async ({ parameters }) => {
    const role = existingRole(roles, parameters.required("RoleName"));
    const tags = readTags(parameters);
    if (tags === undefined) {
      parameters.required("Tags");
    }
    const merged = mergeTags(role.tags, tags ?? []);
    await roles.update(role, (stored) => {
      stored.tags = merged;
    });
    return undefined;
  };
}
