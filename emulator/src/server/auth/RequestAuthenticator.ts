import type { AwsError } from "../../protocol/AwsError";
import type { HttpRequest, HttpResponse } from "../../protocol/HttpExchange";
import type { JsonService } from "../JsonService";
import { toErrorResponse } from "../../protocol/restXml/S3Result";
import { s3RequestId } from "../../protocol/requestIds";
import type { AccessKey } from "./AccessKey";
import { checkJsonSignature } from "./checkJsonSignature";
import { checkQuerySignature } from "./checkQuerySignature";
import { checkS3Signature } from "./checkS3Signature";
import { jsonAuthError } from "./jsonAuthError";
import { queryAuthError } from "./queryAuthError";
import { s3AuthError } from "./s3AuthError";
import { SignatureRefusal } from "./SignatureRefusal";

/** The credential check, one entry per protocol, each refusing in its protocol's words. */
export interface RequestAuthenticator {
  /** A JSON service's request whose body has been read: throws the JSON AwsError on refusal. */
  json(request: HttpRequest, service: JsonService, body: Buffer): void;
  /** A query-protocol request (IAM, STS) whose form body has been read: throws the query AwsError on refusal. */
  query(request: HttpRequest, signingName: string, body: Buffer): void;
  /** An S3 request before any operation runs: its `<Error>` answer on refusal, else undefined. */
  s3(request: HttpRequest): HttpResponse | undefined;
}

/** SigV4 against `keys`, with time from `now` (milliseconds since the epoch). */
export function createAuthenticator(keys: readonly AccessKey[], now: () => number): RequestAuthenticator {
  const byId = new Map(keys.map((key) => [key.accessKeyId, key]));
  return {
    json: (request, service, body) => {
      try {
        checkJsonSignature(request, service, body, byId, now());
      } catch (error) {
        throw error instanceof SignatureRefusal ? jsonAuthError(error.reason) : error;
      }
    },
    query: (request, signingName, body) => {
      try {
        checkQuerySignature(request, signingName, body, byId, now());
      } catch (error) {
        throw error instanceof SignatureRefusal ? queryAuthError(error.reason) : error;
      }
    },
    s3: (request) => {
      try {
        checkS3Signature(request, byId, now());
        return undefined;
      } catch (error) {
        if (!(error instanceof SignatureRefusal)) {
          throw error;
        }
        return s3Refusal(s3AuthError(error.reason), request);
      }
    },
  };
}

/** S3's error answer before its operation runs; the body is drained unread (HTTP/1.1 closes the connection then). */
function s3Refusal(error: AwsError, request: HttpRequest): HttpResponse {
  request.body.resume();
  const requestId = s3RequestId();
  return toErrorResponse(error, requestId, request.method.toUpperCase());
}
