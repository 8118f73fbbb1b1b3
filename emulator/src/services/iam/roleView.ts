import type { XmlValue } from "../../protocol/awsQuery/xmlDocument";
import { encodePolicyDocument } from "./policyDocument";
import type { StoredRole } from "./RoleStore";

/**
 * A role as IAM answers it (API reference, data type Role): the trust policy URL-encoded. ListRoles leaves Tags
 * out ("To view all of the information for a role, see GetRole"), as AWS does.
 */
export function roleView(role: StoredRole, withTags: boolean): { readonly [name: string]: XmlValue | undefined } {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    // IAM answers whole seconds; the milliseconds are kept for the propagation-delay fault (RoleAuthority).
    CreateDate: new Date(Math.floor(role.createDate / 1000) * 1000),
    AssumeRolePolicyDocument: encodePolicyDocument(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    Tags: withTags && role.tags.length > 0 ? role.tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })) : undefined,
  };
}
