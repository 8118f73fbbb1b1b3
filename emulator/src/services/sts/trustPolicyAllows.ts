// Source: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html and the Principal element
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
import type { PolicyStatement } from "../iam/policyDocument";

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function allowsAssumeRole(action: unknown): boolean {
  return asList(action).some((item) => item === "*" || item === "sts:*" || (typeof item === "string" && item.toLowerCase() === "sts:assumerole"));
}

function principalAllows(principal: unknown, accountId: string): boolean {
  if (principal === "*") {
    return true;
  }
  if (principal === null || typeof principal !== "object") {
    return false;
  }
  const { AWS: aws, Service: service } = principal as { AWS?: unknown; Service?: unknown };
  const account = asList(aws).some((item) => item === "*" || item === accountId || (typeof item === "string" && item.startsWith(`arn:aws:iam::${accountId}:`)));
  return account || asList(service).length > 0;
}

/**
 * Whether a role's trust policy lets a caller of `accountId` assume it. No policy evaluation beyond this: an Allow
 * of sts:AssumeRole whose Principal is everyone, the account (id or any of its ARNs), or a service principal (the
 * emulator stands in for the services too). Conditions and Deny statements are not evaluated.
 */
export function trustPolicyAllows(statements: readonly PolicyStatement[], accountId: string): boolean {
  return statements.some((statement) => statement.Effect === "Allow" && allowsAssumeRole(statement.Action) && principalAllows(statement.Principal, accountId));
}
