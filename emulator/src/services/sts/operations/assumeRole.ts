import { randomBytes, randomInt } from "node:crypto";
import { AwsError } from "../../../protocol/AwsError";
import type { QueryAction } from "../../../server/query/QueryService";
import { validateMembers } from "../../iam/iamValidation";
import { parsePolicyDocument } from "../../iam/policyDocument";
import type { RoleStore } from "../../iam/RoleStore";
import type { AssumedSessions } from "../AssumedSessions";
import { trustPolicyAllows } from "../trustPolicyAllows";

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role((?:\/[\u0021-\u007E]+)*\/)([\w+=,.@-]+)$/;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function accessKeyId(prefix: string): string {
  let id = prefix;
  for (let index = 0; index < 16; index += 1) {
    id += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  }
  return id;
}

/**
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html. The issued credentials are remembered in
 * `sessions` (in memory only): they name the session for GetCallerIdentity and the role the caller acts as for
 * iam:PassRole. The emulator does not check signatures made with them unless they are configured with --credentials.
 */
export function assumeRole(roles: RoleStore, sessions: AssumedSessions): QueryAction {
  return async ({ parameters, context }) => {
    const roleArn = parameters.required("RoleArn");
    const sessionName = parameters.required("RoleSessionName");
    const durationSeconds = parameters.optionalInteger("DurationSeconds");
    validateMembers([
      ["RoleArn", roleArn, { min: 20, max: 2048 }],
      ["RoleSessionName", sessionName, { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/ }],
      ["DurationSeconds", durationSeconds, { minValue: 900, maxValue: 43200 }],
    ]);
    const match = ROLE_ARN.exec(roleArn);
    const notAuthorized = new AwsError("AccessDenied", `User: arn:aws:iam::${context.accountId}:root is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
    if (match === null) {
      throw new AwsError("ValidationError", `${roleArn} is invalid`, 400);
    }
    const role = match[1] === context.accountId ? roles.find(match[3]!) : undefined;
    if (role === undefined || role.path !== match[2] || !trustPolicyAllows(parsePolicyDocument(role.assumeRolePolicyDocument, ""), context.accountId)) {
      throw notAuthorized;
    }
    const duration = durationSeconds ?? 3600;
    if (duration > role.maxSessionDuration) {
      throw new AwsError(
        "ValidationError",
        `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`,
        400,
      );
    }
    const keyId = accessKeyId("ASIA");
    const arn = `arn:aws:sts::${context.accountId}:assumed-role/${role.roleName}/${sessionName}`;
    const userId = `${role.roleId}:${sessionName}`;
    sessions.remember(keyId, { roleArn: role.arn, arn, userId });
    return {
      Credentials: {
        AccessKeyId: keyId,
        SecretAccessKey: randomBytes(30).toString("base64"),
        SessionToken: randomBytes(96).toString("base64"),
        Expiration: new Date(Math.floor(context.now() / 1000) * 1000 + duration * 1000),
      },
      AssumedRoleUser: { AssumedRoleId: userId, Arn: arn },
    };
  };
}
