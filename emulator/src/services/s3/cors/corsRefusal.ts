import type { AwsError } from "../../../protocol/AwsError";
import { s3Error } from "../../../protocol/restXml/s3Errors";
import type { S3Request } from "../protocol/S3Request";

/**
 * S3's CORS refusals, 403 AccessForbidden with the method asked for and the resource type, as S3 answers them
 * (recorded from S3 in LocalStack's tests/aws/services/s3/test_s3_cors.snapshot.json). "evalution" is S3's spelling.
 */
const MESSAGES = {
  notEnabled: "CORSResponse: CORS is not enabled for this bucket.",
  notAllowed:
    "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
  bucketNotFound: "CORSResponse: Bucket not found",
} as const;

export function corsRefusal(reason: keyof typeof MESSAGES, request: S3Request, method: string): AwsError {
  return s3Error("AccessForbidden", MESSAGES[reason], { Method: method, ResourceType: request.key === undefined ? "BUCKET" : "OBJECT" });
}
