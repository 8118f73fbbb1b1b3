import type { QueryAction } from "../../../server/query/QueryService";
import { iamErrors } from "../iamErrors";
import { iamRules, validateMembers } from "../iamValidation";
import { parsePolicyDocument, TRUST_POLICY_INVALID } from "../policyDocument";
import { mergeTags, readTags } from "../roleTags";
import type { RoleStore, StoredRole } from "../RoleStore";
import { roleView } from "../roleView";
import { uniqueId } from "../uniqueId";

/** IAM's default for a role's maximum session: one hour (API reference, CreateRole MaxSessionDuration). */
const DEFAULT_MAX_SESSION_SECONDS = 3600;

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html */
export function createRole(roles: RoleStore): QueryAction {
  return async ({ parameters, context }) => {
    const roleName = parameters.required("RoleName");
    const document = parameters.required("AssumeRolePolicyDocument");
    const path = parameters.optional("Path") ?? "/";
    const description = parameters.optional("Description");
    const maxSessionDuration = parameters.optionalInteger("MaxSessionDuration");
    validateMembers([
      ["RoleName", roleName, iamRules.RoleName],
      ["Path", path, iamRules.Path],
      ["Description", description, iamRules.Description],
      ["MaxSessionDuration", maxSessionDuration, iamRules.MaxSessionDuration],
      ["AssumeRolePolicyDocument", document, iamRules.PolicyDocument],
    ]);
    const tags = readTags(parameters) ?? [];
    mergeTags([], tags);
    parsePolicyDocument(document, TRUST_POLICY_INVALID);
    if (roles.find(roleName) !== undefined) {
      throw iamErrors.roleExists(roleName);
    }
    const role: StoredRole = {
      roleName,
      roleId: uniqueId("AROA"),
      path,
      arn: `arn:aws:iam::${context.accountId}:role${path}${roleName}`,
      createDate: context.now(),
      assumeRolePolicyDocument: document,
      ...(description === undefined ? {} : { description }),
      maxSessionDuration: maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS,
      tags,
      inlinePolicies: {},
      attachedPolicyArns: [],
    };
    await roles.add(role);
    return { Role: roleView(role, true) };
  };
}
