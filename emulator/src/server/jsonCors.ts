import { headerValue, type HttpRequest, type HttpResponse } from "../protocol/HttpExchange";
import { awsRequestId } from "../protocol/requestIds";

/**
 * CORS of the JSON services (Kinesis, Firehose, Glue, Athena), answered only when signatures are checked: the
 * AWS SDK for JavaScript runs in browsers against these endpoints, so AWS answers their preflights. Assumed, not
 * recorded from AWS: any origin (`*`), the requested headers echoed, and the response headers the SDK reads
 * exposed. With `*` a browser sends no cookies, and a page needs the key to sign, so nothing is granted that
 * the key does not grant.
 */
const EXPOSED_HEADERS = "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date";
const ALLOWED_METHODS = "GET, POST, OPTIONS";
/** Seconds a browser may keep the preflight's answer. */
const MAX_AGE_SECONDS = 172800;

/** A preflight for a JSON request: OPTIONS asking to send X-Amz-Target (Fetch standard, CORS-preflight request). */
export function isJsonPreflight(request: HttpRequest): boolean {
  const requested = headerValue(request.headers, "access-control-request-headers") ?? "";
  return request.method === "OPTIONS" && requested.split(",").some((name) => name.trim().toLowerCase() === "x-amz-target");
}

export function jsonPreflightResponse(request: HttpRequest): HttpResponse {
  request.body.resume();
  const requested = headerValue(request.headers, "access-control-request-headers");
  return {
    statusCode: 200,
    headers: {
      "access-control-allow-origin": "*",
      "access-control-allow-methods": ALLOWED_METHODS,
      ...(requested === undefined ? {} : { "access-control-allow-headers": requested }),
      "access-control-max-age": MAX_AGE_SECONDS,
      "x-amzn-requestid": awsRequestId(),
    },
  };
}

/** An actual cross-origin JSON response, readable by the page that sent it. */
export function withJsonCorsHeaders(response: HttpResponse): HttpResponse {
  return { ...response, headers: { ...response.headers, "access-control-allow-origin": "*", "access-control-expose-headers": EXPOSED_HEADERS } };
}
