import type { QueryAction } from "../../../server/query/QueryService";
import { existingRole } from "../existingRole";
import { iamErrors } from "../iamErrors";
import { encodePolicyDocument } from "../policyDocument";
import { policyName } from "../policyName";
import type { RoleStore } from "../RoleStore";

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html: the document comes URL-encoded. */
export function getRolePolicy(roles: RoleStore): QueryAction {
  return async ({ parameters }) => {
    const role = existingRole(roles, parameters.required("RoleName"));
    const name = policyName(parameters.required("PolicyName"));
    const document = role.inlinePolicies[name];
    if (document === undefined || !Object.hasOwn(role.inlinePolicies, name)) {
      throw iamErrors.noSuchRolePolicy(name);
    }
    return { RoleName: role.roleName, PolicyName: name, PolicyDocument: encodePolicyDocument(document) };
  };
}
