// Source: https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html (the operations served).
import type * as Iam from "@aws-sdk/client-iam";
import type { QueryActionTable } from "../../server/query/QueryService";
import { attachRolePolicy } from "./operations/attachRolePolicy";
import { createRole } from "./operations/createRole";
import { deleteRole } from "./operations/deleteRole";
import { deleteRolePolicy } from "./operations/deleteRolePolicy";
import { detachRolePolicy } from "./operations/detachRolePolicy";
import { getRole } from "./operations/getRole";
import { getRolePolicy } from "./operations/getRolePolicy";
import { listAttachedRolePolicies } from "./operations/listAttachedRolePolicies";
import { listRolePolicies } from "./operations/listRolePolicies";
import { listRoles } from "./operations/listRoles";
import { listRoleTags } from "./operations/listRoleTags";
import { putRolePolicy } from "./operations/putRolePolicy";
import { tagRole } from "./operations/tagRole";
import { untagRole } from "./operations/untagRole";
import { updateAssumeRolePolicy } from "./operations/updateAssumeRolePolicy";
import type { RoleStore } from "./RoleStore";

/** The actions the emulator answers, by the SDK's names: a misspelled name is a compile error. */
export function iamOperations(roles: RoleStore) {
  return {
    AttachRolePolicy: attachRolePolicy(roles),
    CreateRole: createRole(roles),
    DeleteRole: deleteRole(roles),
    DeleteRolePolicy: deleteRolePolicy(roles),
    DetachRolePolicy: detachRolePolicy(roles),
    GetRole: getRole(roles),
    GetRolePolicy: getRolePolicy(roles),
    ListAttachedRolePolicies: listAttachedRolePolicies(roles),
    ListRolePolicies: listRolePolicies(roles),
    ListRoles: listRoles(roles),
    ListRoleTags: listRoleTags(roles),
    PutRolePolicy: putRolePolicy(roles),
    TagRole: tagRole(roles),
    UntagRole: untagRole(roles),
    UpdateAssumeRolePolicy: updateAssumeRolePolicy(roles),
  } satisfies QueryActionTable<typeof Iam>;
}
