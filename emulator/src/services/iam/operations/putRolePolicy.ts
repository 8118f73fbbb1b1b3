import type { QueryAction } from "../../../server/query/QueryService";
import { existingRole } from "../existingRole";
import { iamErrors } from "../iamErrors";
import { iamRules, validateMembers } from "../iamValidation";
import { parsePolicyDocument } from "../policyDocument";
import { policyName } from "../policyName";
import type { RoleStore } from "../RoleStore";

/** IAM's quota on a role's inline policies: 10,240 characters together, whitespace aside (IAM User Guide, "IAM and AWS STS quotas"). */
const INLINE_POLICIES_MAX_CHARACTERS = 10240;

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html */
export function putRolePolicy(roles: RoleStore): QueryAction {
  return async ({ parameters }) => {
    const role = existingRole(roles, parameters.required("RoleName"));
    const name = policyName(parameters.required("PolicyName"));
    const document = parameters.required("PolicyDocument");
    validateMembers([["PolicyDocument", document, iamRules.PolicyDocument]]);
    parsePolicyDocument(document, "Syntax errors in policy.");
    const others = Object.entries(role.inlinePolicies).filter(([existing]) => existing !== name);
    const size = [...others.map(([, text]) => text), document].reduce((total, text) => total + text.replace(/\s/g, "").length, 0);
    if (size > INLINE_POLICIES_MAX_CHARACTERS) {
      throw iamErrors.limitExceeded(`Maximum policy size of ${INLINE_POLICIES_MAX_CHARACTERS} bytes exceeded for role ${role.roleName}`);
    }
    await roles.update(role, (stored) => {
      stored.inlinePolicies = { ...stored.inlinePolicies, [name]: document };
    });
    return undefined;
  };
}
