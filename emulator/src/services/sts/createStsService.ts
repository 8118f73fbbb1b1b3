import type { QueryService } from "../../server/query/QueryService";
import type { RoleStore } from "../iam/RoleStore";
import { lazyOperationTable } from "../lazyOperationTable";
import type { AssumedSessions } from "./AssumedSessions";

/**
 * STS on the AWS query protocol (API version 2011-06-15), over IAM's roles: GetCallerIdentity and AssumeRole
 * (stsActions.ts, loaded by the first STS request).
 */
export const createStsService = (roles: RoleStore, sessions: AssumedSessions): QueryService => ({
  signingName: "sts",
  version: "2011-06-15",
  xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
  actions: lazyOperationTable(() => (require("./stsActions") as typeof import("./stsActions")).stsActions(roles, sessions)),
});
