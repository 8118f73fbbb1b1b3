import { randomBytes, randomUUID } from "node:crypto";
import type { ActingRole } from "../../iam/RoleAuthority";
import { crawlerSessionArn } from "./crawlerRole";

/** Asks the crawler's role for one action on every resource it touches; throws the service's denial when refused. */
export type Authorize = (action: string, resources: readonly string[]) => void;

function refusedResource(role: ActingRole, action: string, resources: readonly string[]): string | undefined {
  return resources.find((resource) => role.decide(action, resource) !== "allow");
}

/**
 * S3 requests, refused as the AWS SDK for Java (the crawler's client) words S3's AccessDenied. Whether AWS fails
 * the crawl or skips the object is not documented: the emulator fails it (docs/emulator.md).
 */
export function s3Authorizer(role: ActingRole): Authorize {
  return (action, resources) => {
    if (refusedResource(role, action, resources) !== undefined) {
      throw new Error(`Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: ${randomBytes(8).toString("hex").toUpperCase()})`);
    }
  };
}

/**
 * Data Catalog requests, refused as a crawler's are reported ("User: arn:aws:sts::...:assumed-role/<role>/AWS-Crawler
 * is not authorized to perform: glue:GetConnection on resource: * (Service: AmazonDataCatalog; Status Code: 400;
 * Error Code: AccessDeniedException; ...)", quoted in hashicorp/terraform-provider-aws's Glue crawler resource).
 */
export function glueAuthorizer(role: ActingRole): Authorize {
  return (action, resources) => {
    const refused = refusedResource(role, action, resources);
    if (refused !== undefined) {
      throw new Error(
        `User: ${crawlerSessionArn(role.roleArn)} is not authorized to perform: ${action} on resource: ${refused} (Service: AmazonDataCatalog; Status Code: 400; Error Code: AccessDeniedException; Request ID: ${randomUUID()})`,
      );
    }
  };
}
