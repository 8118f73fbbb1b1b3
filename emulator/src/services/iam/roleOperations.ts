import { randomInt } from "node:crypto";
import type { QueryAction } from "../../server/query/QueryService";
import { iamErrors } from "./iamErrors";
import { iamRules, validateMembers } from "./iamValidation";
import { pageOf } from "./paging";
import { parsePolicyDocument } from "./policyDocument";
import { mergeTags, readTags } from "./roleTags";
import type { RoleStore, StoredRole } from "./RoleStore";
import { roleView } from "./roleView";

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** IAM's default for a role's maximum session: one hour (API reference, CreateRole MaxSessionDuration). */
const DEFAULT_MAX_SESSION_SECONDS = 3600;
const TRUST_POLICY_INVALID = "This policy contains invalid Json";

/** A unique identifier as IAM makes them: a type prefix (AROA for roles) and 17 upper-case letters and digits. */
export function uniqueId(prefix: string): string {
  let id = prefix;
  for (let index = 0; index < 17; index += 1) {
    id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  }
  return id;
}

export function existingRole(roles: RoleStore, roleName: string): StoredRole {
  validateMembers([["RoleName", roleName, iamRules.RoleName]]);
  const role = roles.find(roleName);
  if (role === undefined) {
    throw iamErrors.noSuchRole(roleName);
  }
  return role;
}

/** The role actions: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html and its siblings. */
export function roleOperations(roles: RoleStore): Record<string, QueryAction> {
  return {
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
    CreateRole: async ({ parameters, context }) => {
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
    },
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html
    GetRole: async ({ parameters }) => ({ Role: roleView(existingRole(roles, parameters.required("RoleName")), true) }),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html: "you must first remove ... inline
    // policies ... [and] detach managed policies", else DeleteConflict.
    DeleteRole: async ({ parameters }) => {
      const role = existingRole(roles, parameters.required("RoleName"));
      if (Object.keys(role.inlinePolicies).length > 0) {
        throw iamErrors.deleteConflictInline();
      }
      if (role.attachedPolicyArns.length > 0) {
        throw iamErrors.deleteConflictAttached();
      }
      await roles.remove(role.roleName);
      return undefined;
    },
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html
    ListRoles: async ({ parameters }) => {
      const pathPrefix = parameters.optional("PathPrefix") ?? "/";
      validateMembers([["PathPrefix", pathPrefix, iamRules.PathPrefix]]);
      const page = pageOf(
        roles.all().filter((role) => role.path.startsWith(pathPrefix)),
        parameters,
      );
      return { Roles: page.items.map((role) => roleView(role, false)), IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html
    UpdateAssumeRolePolicy: async ({ parameters }) => {
      const role = existingRole(roles, parameters.required("RoleName"));
      const document = parameters.required("PolicyDocument");
      validateMembers([["PolicyDocument", document, iamRules.PolicyDocument]]);
      parsePolicyDocument(document, TRUST_POLICY_INVALID);
      await roles.update(role, (stored) => {
        stored.assumeRolePolicyDocument = document;
      });
      return undefined;
    },
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html
    TagRole: async ({ parameters }) => {
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
    },
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagRole.html
    UntagRole: async ({ parameters }) => {
      const role = existingRole(roles, parameters.required("RoleName"));
      const keys = parameters.list("TagKeys", (prefix) => parameters.required(prefix)) ?? [parameters.required("TagKeys")];
      await roles.update(role, (stored) => {
        stored.tags = stored.tags.filter((tag) => !keys.includes(tag.Key));
      });
      return undefined;
    },
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoleTags.html
    ListRoleTags: async ({ parameters }) => {
      const page = pageOf(existingRole(roles, parameters.required("RoleName")).tags, parameters);
      return { Tags: page.items.map((tag) => ({ Key: tag.Key, Value: tag.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  };
}
