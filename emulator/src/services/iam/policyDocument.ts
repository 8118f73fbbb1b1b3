// Source: the IAM JSON policy grammar (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html);
// MalformedPolicyDocument as API_CreateRole.html and API_PutRolePolicy.html list it.
import { iamErrors } from "./iamErrors";

/** What IAM answers for a trust policy that is not JSON (CreateRole, UpdateAssumeRolePolicy). */
export const TRUST_POLICY_INVALID = "This policy contains invalid Json";

/** A policy statement, as far as the emulator reads one (trust checks in STS AssumeRole). */
export interface PolicyStatement {
  readonly Effect?: unknown;
  readonly Action?: unknown;
  readonly Principal?: unknown;
}

/**
 * Checks a policy document's grammar as far as IAM refuses it with MalformedPolicyDocument: JSON, an object, a
 * Statement that is an object or a non-empty array of objects each with an Effect of Allow or Deny (IAM User
 * Guide, "IAM JSON policy element reference"). Returns the statements. `invalidJson` is the wording of the
 * operation: CreateRole says "This policy contains invalid Json", PutRolePolicy "Syntax errors in policy."
 */
export function parsePolicyDocument(text: string, invalidJson: string): PolicyStatement[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw iamErrors.malformedPolicy(invalidJson);
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw iamErrors.malformedPolicy(invalidJson);
  }
  const statement = (document as { Statement?: unknown }).Statement;
  if (statement === undefined) {
    throw iamErrors.malformedPolicy("Missing required field Statement");
  }
  const statements = Array.isArray(statement) ? statement : [statement];
  if (statements.length === 0 || statements.some((item) => item === null || typeof item !== "object" || Array.isArray(item))) {
    throw iamErrors.malformedPolicy(invalidJson);
  }
  for (const item of statements as PolicyStatement[]) {
    if (item.Effect !== "Allow" && item.Effect !== "Deny") {
      throw iamErrors.malformedPolicy(item.Effect === undefined ? "Missing required field Effect" : `Invalid effect: ${String(item.Effect)}`);
    }
  }
  return statements as PolicyStatement[];
}

/** How IAM answers a stored document: URL-encoded (RFC 3986), as GetRole and GetRolePolicy return it. */
export function encodePolicyDocument(text: string): string {
  return encodeURIComponent(text);
}
