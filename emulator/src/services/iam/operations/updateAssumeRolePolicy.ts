import type { QueryAction } from "../../../server/query/QueryService";
import { existingRole } from "../existingRole";
import { iamRules, validateMembers } from "../iamValidation";
import { parsePolicyDocument, TRUST_POLICY_INVALID } from "../policyDocument";
import type { RoleStore } from "../RoleStore";

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html */
export function updateAssumeRolePolicy(roles: RoleStore): QueryAction {
  return async ({ parameters }) => {
    const role = existingRole(roles, parameters.required("RoleName"));
    const document = parameters.required("PolicyDocument");
    validateMembers([["PolicyDocument", document, iamRules.PolicyDocument]]);
    parsePolicyDocument(document, TRUST_POLICY_INVALID);
    await roles.update(role, (stored) => {
      stored.assumeRolePolicyDocument = document;
    });
    return undefined;
  };
}
