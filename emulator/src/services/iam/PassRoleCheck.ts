// Sources: "Grant a user permissions to pass a role to an AWS service"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html: the principal that gives a service a
// role must be allowed iam:PassRole on the role's ARN; the condition key iam:PassedToService names the service) and
// "Troubleshoot access denied error messages" (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html:
// the "because no identity-based policy allows" / "with an explicit deny in an identity-based policy" endings).
import { AwsError } from "../../protocol/AwsError";
import type { Caller } from "../../server/requestCaller";
import type { AssumedSessions } from "../sts/AssumedSessions";
import type { RoleAuthority, ServicePrincipal } from "./RoleAuthority";

/**
 * iam:PassRole for the requests that give a service a role (Firehose's RoleARNs, a Glue crawler's Role). A caller
 * signing with a key AssumeRole issued acts as that role and is allowed only what the role's policies allow; any
 * other key (and an unsigned request) is the account's root, which may always pass a role of its account.
 */
export class PassRoleCheck {
  constructor(
    private readonly sessions: AssumedSessions,
    private readonly roles: RoleAuthority,
  ) {}

  /**
   * Throws AccessDeniedException (HTTP 400) for the first role the caller may not pass to `service`, worded as Glue
   * answers CreateCrawler (https://github.com/aws-samples/aws-data-mesh-utils/issues/3). Firehose's answer to a
   * refused PassRole is not documented: the emulator answers it the same way, Firehose's code for a caller not
   * authorized (https://github.com/aws/aws-sdk-js/issues/763).
   */
  require(caller: Caller | undefined, roleArns: readonly string[], service: ServicePrincipal): void {
    const session = this.sessions.of(caller?.accessKeyId);
    if (session === undefined) {
      return;
    }
    for (const roleArn of new Set(roleArns)) {
      const decision = this.roles.callerDecide(session.roleArn, "iam:PassRole", roleArn, { "iam:PassedToService": service });
      if (decision !== "allow") {
        const why = decision === "explicit-deny" ? "with an explicit deny in an identity-based policy" : "because no identity-based policy allows the iam:PassRole action";
        throw new AwsError("AccessDeniedException", `User: ${session.arn} is not authorized to perform: iam:PassRole on resource: ${roleArn} ${why}`);
      }
    }
  }
}
