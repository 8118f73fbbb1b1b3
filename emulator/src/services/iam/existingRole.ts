import { iamErrors } from "./iamErrors";
import { iamRules, validateMembers } from "./iamValidation";
import type { RoleStore, StoredRole } from "./RoleStore";

/** The role named, or IAM's NoSuchEntity. */
export function existingRole(roles: RoleStore, roleName: string): StoredRole {
  validateMembers([["RoleName", roleName, iamRules.RoleName]]);
  const role = roles.find(roleName);
  if (role === undefined) {
    throw iamErrors.noSuchRole(roleName);
  }
  return role;
}
