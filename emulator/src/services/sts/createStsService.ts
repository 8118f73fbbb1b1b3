import type * as Sts from "@aws-sdk/client-sts";
import type { QueryActionTable, QueryService } from "../../server/query/QueryService";
import type { RoleStore } from "../iam/RoleStore";
import type { AssumedSessions } from "./AssumedSessions";
import { assumeRole } from "./operations/assumeRole";
import { getCallerIdentity } from "./operations/getCallerIdentity";

/**
 * STS on the AWS query protocol (API version 2011-06-15), over IAM's roles: GetCallerIdentity and AssumeRole.
 * Actions by the SDK's names: a misspelled name is a compile error.
 */
export const createStsService = (roles: RoleStore, sessions: AssumedSessions): QueryService => ({
  signingName: "sts",
  version: "2011-06-15",
  xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
  actions: {
    AssumeRole: assumeRole(roles, sessions),
    GetCallerIdentity: getCallerIdentity(sessions),
  } satisfies QueryActionTable<typeof Sts>,
});
