import { AwsError } from "../../protocol/AwsError";
import { jsonAuthError } from "./jsonAuthError";
import type { RefusalReason } from "./SignatureRefusal";

/** The JSON front door's codes as the query services (IAM, STS) name them, with their HTTP status. */
const QUERY_CODES: Readonly<Record<string, { readonly code: string; readonly statusCode: number }>> = {
  MissingAuthenticationTokenException: { code: "MissingAuthenticationToken", statusCode: 403 },
  IncompleteSignatureException: { code: "IncompleteSignature", statusCode: 400 },
  InvalidSignatureException: { code: "SignatureDoesNotMatch", statusCode: 403 },
  UnrecognizedClientException: { code: "InvalidClientTokenId", statusCode: 403 },
};

/**
 * A refused signature as IAM and STS word it: the same messages as the JSON services, under the query protocol's
 * codes (IAM API reference, "Common Errors": InvalidClientTokenId, MissingAuthenticationToken, SignatureDoesNotMatch,
 * IncompleteSignature; https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html).
 */
export function queryAuthError(reason: RefusalReason): AwsError {
  const error = jsonAuthError(reason);
  const query = QUERY_CODES[error.code] ?? { code: error.code, statusCode: error.statusCode };
  const message = reason.kind === "anonymous" ? "Request is missing Authentication Token" : error.message;
  return new AwsError(query.code, message, query.statusCode);
}
