// Source: SigV4's credential scope names the service (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html);
// on one shared port that, else the Action, tells IAM and STS from S3.
import { headerValue, type HttpRequest } from "../../protocol/HttpExchange";

const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

/** The service a SigV4 credential scope names (`<key>/<date>/<region>/<service>/aws4_request`), from the header or a presigned query. */
export function signedServiceName(request: HttpRequest): string | undefined {
  const authorization = headerValue(request.headers, "authorization") ?? "";
  const fromHeader = /Credential=[^/\s,]*\/[^/\s,]*\/[^/\s,]*\/([^/\s,]+)\//.exec(authorization)?.[1];
  if (fromHeader !== undefined) {
    return fromHeader;
  }
  const question = request.url.indexOf("?");
  const credential = question < 0 ? null : new URLSearchParams(request.url.slice(question + 1)).get("X-Amz-Credential");
  return credential?.split("/")[3];
}

/**
 * Whether a request is for a query-protocol service (IAM, STS) rather than S3: a POST to the root path with a
 * form-encoded body, unless its signature is scoped to S3. S3 path-style has no operation at `POST /` (its form
 * uploads, `POST /<bucket>`, are multipart/form-data), so nothing S3 answers is taken from it.
 */
export function isQueryRequest(request: HttpRequest): boolean {
  if (request.method !== "POST") {
    return false;
  }
  const contentType = (headerValue(request.headers, "content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const path = request.url.split("?")[0];
  return contentType === FORM_CONTENT_TYPE && path === "/" && signedServiceName(request) !== "s3";
}
