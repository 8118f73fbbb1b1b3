import { AwsError } from "../AwsError";

/**
 * S3's error codes this emulator answers, with their HTTP status and AWS's default wording
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList).
 */
const S3_ERRORS = {
  AccessDenied: [403, "Access Denied"],
  // S3's answer to a CORS request its bucket's configuration does not allow (the message says which case).
  AccessForbidden: [403, "CORSResponse: This CORS request is not allowed."],
  AuthorizationHeaderMalformed: [400, "The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature."],
  AuthorizationQueryParametersError: [
    400,
    "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
  ],
  BadRequest: [400, "Bad Request"],
  BadDigest: [400, "The Content-MD5 you specified did not match what we received."],
  BucketAlreadyOwnedByYou: [409, "Your previous request to create the named bucket succeeded and you already own it."],
  BucketNotEmpty: [409, "The bucket you tried to delete is not empty"],
  EntityTooLarge: [400, "Your proposed upload exceeds the maximum allowed size"],
  EntityTooSmall: [400, "Your proposed upload is smaller than the minimum allowed object size."],
  IncompleteBody: [400, "You did not provide the number of bytes specified by the Content-Length HTTP header"],
  InternalError: [500, "We encountered an internal error. Please try again."],
  InvalidAccessKeyId: [403, "The AWS Access Key Id you provided does not exist in our records."],
  InvalidArgument: [400, "Invalid Argument"],
  InvalidBucketName: [400, "The specified bucket is not valid."],
  InvalidDigest: [400, "The Content-MD5 you specified is not valid."],
  InvalidLocationConstraint: [400, "The specified location-constraint is not valid"],
  InvalidPart: [400, "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."],
  InvalidPartOrder: [400, "The list of parts was not in ascending order. Parts must be ordered by part number."],
  InvalidRange: [416, "The requested range is not satisfiable"],
  InvalidRequest: [400, "Invalid Request"],
  InvalidToken: [400, "The provided token is malformed or otherwise invalid."],
  InvalidURI: [400, "Couldn't parse the specified URI."],
  KeyTooLongError: [400, "Your key is too long"],
  MalformedXML: [400, "The XML you provided was not well-formed or did not validate against our published schema"],
  MetadataTooLarge: [400, "Your metadata headers exceed the maximum allowed metadata size."],
  MethodNotAllowed: [405, "The specified method is not allowed against this resource."],
  MissingContentLength: [411, "You must provide the Content-Length HTTP header."],
  NoSuchCORSConfiguration: [404, "The CORS configuration does not exist"],
  NoSuchBucket: [404, "The specified bucket does not exist"],
  NoSuchKey: [404, "The specified key does not exist."],
  NoSuchUpload: [404, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."],
  // CreateBucket's answer while a bucket of that name is still being deleted (retry later).
  OperationAborted: [409, "A conflicting conditional operation is currently in progress against this resource. Please try again."],
  NotImplemented: [501, "A header you provided implies functionality that is not implemented"],
  PreconditionFailed: [412, "At least one of the pre-conditions you specified did not hold"],
  RequestTimeTooSkewed: [403, "The difference between the request time and the current time is too large."],
  SignatureDoesNotMatch: [403, "The request signature we calculated does not match the signature you provided. Check your key and signing method."],
  XAmzContentSHA256Mismatch: [400, "The provided 'x-amz-content-sha256' header does not match what was computed."],
} as const satisfies Record<string, readonly [number, string]>;

export type S3ErrorCode = keyof typeof S3_ERRORS;

/** The emulator's one error type, with S3's status for `code` and its default message unless given one. */
export function s3Error(code: S3ErrorCode, message?: string, details: Record<string, string | number | undefined> = {}): AwsError {
  const [statusCode, defaultMessage] = S3_ERRORS[code];
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(details)) {
    if (value !== undefined) {
      fields[name] = String(value);
    }
  }
  return new AwsError(code, message ?? defaultMessage, statusCode, fields);
}

export function noSuchBucket(bucket: string): AwsError {
  return s3Error("NoSuchBucket", undefined, { BucketName: bucket });
}

export function noSuchKey(key: string): AwsError {
  return s3Error("NoSuchKey", undefined, { Key: key });
}

export function noSuchUpload(uploadId: string): AwsError {
  return s3Error("NoSuchUpload", undefined, { UploadId: uploadId });
}

export function notImplemented(operation: string): AwsError {
  return s3Error("NotImplemented", `S3 operation ${operation} is not implemented by the gpu-stream emulator`, { Operation: operation });
}
