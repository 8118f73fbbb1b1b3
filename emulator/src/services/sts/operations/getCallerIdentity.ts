import type { QueryAction } from "../../../server/query/QueryService";
import type { AssumedSessions } from "../AssumedSessions";

/**
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html: the account's root for any
 * long-term key (the emulator has no users), the assumed-role session for a key AssumeRole issued.
 */
export function getCallerIdentity(sessions: AssumedSessions): QueryAction {
  return async ({ caller, context }) => {
    const session = sessions.of(caller.accessKeyId);
    return session === undefined
      ? { UserId: context.accountId, Account: context.accountId, Arn: `arn:aws:iam::${context.accountId}:root` }
      : { UserId: session.userId, Account: context.accountId, Arn: session.arn };
  };
}
