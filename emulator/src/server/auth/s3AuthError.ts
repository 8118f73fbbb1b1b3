import type { AwsError } from "../../protocol/AwsError";
import { s3Error } from "../../protocol/restXml/s3Errors";
import { MAX_SKEW_MS } from "./verifySignature";
import { parseAmzDate } from "./amzDate";
import type { RefusalReason } from "./SignatureRefusal";

/** S3 writes times in its errors as ISO 8601 without milliseconds: `2025-09-03T16:21:50Z`. */
function s3Time(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `41 57 53 34 ...`: S3 lists the bytes of what it signed, to show invisible differences. */
function bytesOf(text: string): string {
  return [...Buffer.from(text, "utf8")].map((byte) => byte.toString(16).padStart(2, "0")).join(" ");
}

const PAYLOAD_HASH_VALUES =
  "UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER";

/**
 * A refused signature as S3 words it, with the fields its `<Error>` carries
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList): SignatureDoesNotMatch
 * shows what the emulator signed (StringToSign, CanonicalRequest and their bytes) so a client's difference can be found.
 */
export function s3AuthError(reason: RefusalReason): AwsError {
  switch (reason.kind) {
    case "anonymous":
      return s3Error("AccessDenied");
    case "bothMechanisms":
      return s3Error(
        "InvalidArgument",
        "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
        { ArgumentName: "Authorization", ArgumentValue: reason.authorization },
      );
    case "unsupportedScheme":
      return s3Error("InvalidRequest", "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
    case "incomplete":
      if (reason.presigned) {
        return s3Error("AuthorizationQueryParametersError");
      }
      return reason.missing.length === 1 && reason.missing[0] === "date"
        ? s3Error("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header")
        : s3Error("AuthorizationHeaderMalformed");
    case "unsupportedAlgorithm":
      return reason.presigned
        ? s3Error("AuthorizationQueryParametersError", "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"")
        : s3Error("InvalidRequest", "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
    case "malformedCredential":
      return reason.presigned
        ? s3Error("AuthorizationQueryParametersError", 'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".')
        : s3Error("AuthorizationHeaderMalformed", 'The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".');
    case "malformedDate":
      return reason.presigned
        ? s3Error("AuthorizationQueryParametersError", "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
        : s3Error("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header");
    case "malformedExpires":
      return s3Error(
        "AuthorizationQueryParametersError",
        reason.problem === "overAWeek"
          ? "X-Amz-Expires must be less than a week (in seconds) that is; 604800"
          : reason.problem === "negative"
            ? "X-Amz-Expires must be non-negative"
            : "X-Amz-Expires should be a number",
      );
    case "wrongScope": {
      const prefix = reason.presigned ? "Error parsing the X-Amz-Credential parameter;" : "The authorization header is malformed;";
      const code = reason.presigned ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed";
      if (reason.service !== undefined) {
        return s3Error(code, `${prefix} incorrect service "${reason.service.got}". This endpoint belongs to "${reason.service.expected}".`);
      }
      if (reason.terminator !== undefined) {
        return s3Error(code, `${prefix} incorrect terminal "${reason.terminator}". This endpoint uses "aws4_request".`);
      }
      return s3Error(code, `${prefix} Invalid credential date "${reason.date!.scope}". This date is not the same as X-Amz-Date: "${reason.date!.amzDate.slice(0, 8)}".`);
    }
    case "unsignedHeaders":
      return s3Error("AccessDenied", "There were headers present in the request which were not signed", { HeadersNotSigned: reason.headers.join(", ") });
    case "missingPayloadHash":
      return s3Error("InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
    case "badPayloadHash":
      return s3Error("InvalidArgument", `x-amz-content-sha256 must be ${PAYLOAD_HASH_VALUES} or a valid sha256 value.`, {
        ArgumentName: "x-amz-content-sha256",
        ArgumentValue: reason.value,
      });
    case "unknownAccessKey":
      return s3Error("InvalidAccessKeyId", undefined, { AWSAccessKeyId: reason.accessKeyId });
    case "invalidToken":
      return s3Error("InvalidToken", undefined, { "Token-0": reason.token });
    case "skewed":
      return s3Error("RequestTimeTooSkewed", undefined, { RequestTime: reason.amzDate, ServerTime: s3Time(reason.now), MaxAllowedSkewMilliseconds: MAX_SKEW_MS });
    case "expired":
      return s3Error("AccessDenied", "Request has expired", {
        "X-Amz-Expires": reason.expiresSeconds,
        Expires: s3Time(parseAmzDate(reason.amzDate) + reason.expiresSeconds * 1000),
        ServerTime: s3Time(reason.now),
      });
    case "notYetValid":
      return s3Error("AccessDenied", "Request is not yet valid", {
        "X-Amz-Date": reason.amzDate,
        Expires: s3Time(parseAmzDate(reason.amzDate) + reason.expiresSeconds * 1000),
        ServerTime: s3Time(reason.now),
      });
    case "mismatch":
      return s3Error("SignatureDoesNotMatch", undefined, {
        AWSAccessKeyId: reason.accessKeyId,
        StringToSign: reason.stringToSign,
        SignatureProvided: reason.signatureProvided,
        StringToSignBytes: bytesOf(reason.stringToSign),
        CanonicalRequest: reason.canonicalRequest,
        CanonicalRequestBytes: bytesOf(reason.canonicalRequest),
      });
  }
}
