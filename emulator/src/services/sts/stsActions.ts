import type * as Sts from "@aws-sdk/client-sts";
import type { QueryActionTable } from "../../server/query/QueryService";
import type { RoleStore } from "../iam/RoleStore";
import type { AssumedSessions } from "./AssumedSessions";
import { assumeRole } from "./operations/assumeRole";
import { getCallerIdentity } from "./operations/getCallerIdentity";

/** The actions the emulator answers, by the SDK's names: a misspelled name is a compile error. */
export function stsActions(roles: RoleStore, sessions: AssumedSessions) {
  return {
    AssumeRole: assumeRole(roles, sessions),
    GetCallerIdentity: getCallerIdentity(sessions),
  } satisfies QueryActionTable<typeof Sts>;
}
