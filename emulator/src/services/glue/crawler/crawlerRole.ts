import type { ActingRole, RoleAuthority } from "../../iam/RoleAuthority";

/**
 * Word for word what Glue answers when it cannot assume a crawler's role (InvalidInputException from CreateCrawler,
 * as reported in https://github.com/hashicorp/terraform-provider-aws/issues/30371); the crawl ends FAILED with it.
 */
export const ROLE_NOT_ASSUMABLE = "Service is unable to assume provided role. Please verify role's TrustPolicy";

/** The session name a crawler's requests carry (`assumed-role/<role>/AWS-Crawler`, the CreatedBy of its tables). */
const SESSION_NAME = "AWS-Crawler";

/**
 * A crawler's Role as an ARN: "The IAM role or Amazon Resource Name (ARN) of an IAM role used by the new crawler"
 * (https://docs.aws.amazon.com/glue/latest/webapi/API_CreateCrawler.html); a name (`service-role/x` included) is
 * the role of that name in the crawler's account.
 */
export function crawlerRoleArn(role: string, accountId: string): string {
  return role.startsWith("arn:") ? role : `arn:aws:iam::${accountId}:role/${role}`;
}

/** The principal a denial names: `arn:aws:sts::<account>:assumed-role/<role name>/AWS-Crawler`. */
export function crawlerSessionArn(roleArn: string): string {
  const [, partition = "aws", , , account = ""] = roleArn.split(":");
  const roleName = roleArn.slice(roleArn.lastIndexOf("/") + 1);
  return `arn:${partition}:sts::${account}:assumed-role/${roleName}/${SESSION_NAME}`;
}

const UNRESTRICTED = (roleArn: string): ActingRole => ({ roleArn, decide: () => "allow" });

/**
 * The crawler's role assumed as glue.amazonaws.com, or the message the crawl fails with. Without an IAM service
 * (in-process uses) the crawler acts unrestricted.
 */
export function assumeCrawlerRole(roles: RoleAuthority | undefined, role: string, accountId: string): { readonly role: ActingRole } | { readonly refused: string } {
  const roleArn = crawlerRoleArn(role, accountId);
  if (roles === undefined) {
    return { role: UNRESTRICTED(roleArn) };
  }
  const outcome = roles.assume(roleArn, { service: "glue.amazonaws.com" });
  return outcome.ok ? { role: outcome.role } : { refused: ROLE_NOT_ASSUMABLE };
}
