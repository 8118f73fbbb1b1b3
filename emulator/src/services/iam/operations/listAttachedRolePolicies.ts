import type { QueryAction } from "../../../server/query/QueryService";
import { existingRole } from "../existingRole";
import { iamRules, validateMembers } from "../iamValidation";
import { pageOf } from "../paging";
import { parsePolicyArn } from "../policyArn";
import type { RoleStore } from "../RoleStore";

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAttachedRolePolicies.html */
export function listAttachedRolePolicies(roles: RoleStore): QueryAction {
  return async ({ parameters, context }) => {
    const role = existingRole(roles, parameters.required("RoleName"));
    const pathPrefix = parameters.optional("PathPrefix") ?? "/";
    validateMembers([["PathPrefix", pathPrefix, iamRules.PathPrefix]]);
    const attached = role.attachedPolicyArns.map(parsePolicyArn).filter((policy) => policy.path.startsWith(pathPrefix));
    const page = pageOf(["ListAttachedRolePolicies", role.roleName, pathPrefix], attached, parameters, context.now());
    return { AttachedPolicies: page.items.map((policy) => ({ PolicyName: policy.name, PolicyArn: policy.arn })), IsTruncated: page.IsTruncated, Marker: page.Marker };
  };
}
