import type { QueryAction } from "../../server/query/QueryService";
import { iamErrors } from "./iamErrors";
import { iamRules, validateMembers } from "./iamValidation";
import { pageOf } from "./paging";
import { encodePolicyDocument, parsePolicyDocument } from "./policyDocument";
import { existingRole } from "./roleOperations";
import type { RoleStore } from "./RoleStore";

/** IAM's quota on a role's inline policies: 10,240 characters together, whitespace aside (IAM User Guide, "IAM and AWS STS quotas"). */
const INLINE_POLICIES_MAX_CHARACTERS = 10240;

function policyName(name: string): string {
  validateMembers([["PolicyName", name, iamRules.PolicyName]]);
  return name;
}

/** Inline policies: https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html and its siblings. */
export function rolePolicyOperations(roles: RoleStore): Record<string, QueryAction> {
  return {
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html
    PutRolePolicy: async ({ parameters }) => {
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
    },
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html: the document comes URL-encoded.
    GetRolePolicy: async ({ parameters }) => {
      const role = existingRole(roles, parameters.required("RoleName"));
      const name = policyName(parameters.required("PolicyName"));
      const document = role.inlinePolicies[name];
      if (document === undefined || !Object.hasOwn(role.inlinePolicies, name)) {
        throw iamErrors.noSuchRolePolicy(name);
      }
      return { RoleName: role.roleName, PolicyName: name, PolicyDocument: encodePolicyDocument(document) };
    },
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePolicy.html
    DeleteRolePolicy: async ({ parameters }) => {
      const role = existingRole(roles, parameters.required("RoleName"));
      const name = policyName(parameters.required("PolicyName"));
      if (!Object.hasOwn(role.inlinePolicies, name)) {
        throw iamErrors.noSuchRolePolicy(name);
      }
      await roles.update(role, (stored) => {
        const { [name]: _removed, ...kept } = stored.inlinePolicies;
        stored.inlinePolicies = kept;
      });
      return undefined;
    },
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRolePolicies.html
    ListRolePolicies: async ({ parameters }) => {
      const role = existingRole(roles, parameters.required("RoleName"));
      const page = pageOf(Object.keys(role.inlinePolicies).sort(), parameters);
      return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  };
}
