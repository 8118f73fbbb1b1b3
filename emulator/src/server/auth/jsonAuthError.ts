import { AwsError } from "../../protocol/AwsError";
import { MAX_SKEW_MS } from "./verifySignature";
import { formatAmzDate } from "./amzDate";
import type { RefusalReason } from "./SignatureRefusal";

const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

function incompleteMessage(missing: readonly string[], authorization: string | undefined, presigned: boolean): string {
  if (presigned) {
    return `${missing.map((name) => `AWS query-string parameters must include '${name}'. `).join("")}Re-examine the query-string parameters.`;
  }
  const parts = missing.map((name) =>
    name === "date" ? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " : `Authorization header requires '${name}' parameter. `,
  );
  return `${parts.join("")}Authorization=${authorization ?? ""}`;
}

/**
 * A refused signature as the JSON services' shared front door (Coral) words it; all 400. Wording from
 * kinesalite's and dynalite's tests, which were run against the real services.
 */
export function jsonAuthError(reason: RefusalReason): AwsError {
  const incomplete = (message: string): AwsError => new AwsError("IncompleteSignatureException", message, 400);
  const invalid = (message: string): AwsError => new AwsError("InvalidSignatureException", message, 400);
  switch (reason.kind) {
    case "anonymous":
      return new AwsError("MissingAuthenticationTokenException", "Missing Authentication Token", 400);
    case "bothMechanisms":
      return invalid("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    case "unsupportedScheme":
      return incomplete(incompleteMessage(["Credential", "Signature", "SignedHeaders"], reason.authorization, false));
    case "incomplete":
      return incomplete(incompleteMessage(reason.missing, reason.authorization, reason.presigned));
    case "unsupportedAlgorithm":
      return incomplete(`Unsupported AWS 'algorithm': '${reason.algorithm}' (only AWS4-HMAC-SHA256 for now). `);
    case "malformedCredential":
      return incomplete(`Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${reason.credential}'`);
    case "malformedDate":
      return incomplete(`Date must be in ISO-8601 'basic format'. Got '${reason.date}'. See http://en.wikipedia.org/wiki/ISO_8601`);
    case "malformedExpires":
      return incomplete(`X-Amz-Expires must be a number of seconds from 0 to 604800, got '${reason.expires}'`);
    case "wrongScope": {
      const problems = [
        ...(reason.service === undefined ? [] : [`Credential should be scoped to correct service: '${reason.service.expected}'. `]),
        ...(reason.terminator === undefined ? [] : [`Credential should be scoped with a valid terminator: 'aws4_request', not '${reason.terminator}'. `]),
        ...(reason.date === undefined
          ? []
          : [`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${reason.date.scope}' != '${reason.date.amzDate.slice(0, 8)}', from '${reason.date.amzDate}'.`]),
      ];
      return invalid(problems.join("").trim());
    }
    case "unsignedHeaders":
      return invalid("'Host' must be a 'SignedHeader' in the AWS Authorization.");
    case "missingPayloadHash":
    case "badPayloadHash":
      return invalid(MISMATCH);
    case "unknownAccessKey":
    case "invalidToken":
      return new AwsError("UnrecognizedClientException", "The security token included in the request is invalid.", 400);
    case "skewed": {
      const now = formatAmzDate(reason.now);
      return reason.future
        ? invalid(`Signature not yet current: ${reason.amzDate} is still later than ${formatAmzDate(reason.now + MAX_SKEW_MS)} (${now} + 15 min.)`)
        : invalid(`Signature expired: ${reason.amzDate} is now earlier than ${formatAmzDate(reason.now - MAX_SKEW_MS)} (${now} - 15 min.)`);
    }
    case "expired":
      return invalid(`Signature expired: ${reason.amzDate} is now earlier than ${formatAmzDate(reason.now - reason.expiresSeconds * 1000)} (${formatAmzDate(reason.now)} - ${reason.expiresSeconds} sec.)`);
    case "notYetValid":
      return invalid(`Signature not yet current: ${reason.amzDate} is still later than ${formatAmzDate(reason.now + MAX_SKEW_MS)} (${formatAmzDate(reason.now)} + 15 min.)`);
    case "mismatch":
      return invalid(
        `${MISMATCH}\n\nThe Canonical String for this request should have been\n'${reason.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${reason.stringToSign}'\n`,
      );
  }
}
