import { CONTROL_PATH_PREFIX } from "../control/controlPaths";
import { AwsError } from "../protocol/AwsError";
import { requestSite } from "./crossOrigin";
import { headerValue, type HttpRequest, type HttpResponse, type RequestHandler } from "../protocol/HttpExchange";
import { handleJsonRequest } from "./jsonProtocol";
import { jsonErrorResponse } from "../protocol/awsJson/jsonResponse";
import { isJsonPreflight, jsonPreflightResponse, withJsonCorsHeaders } from "./jsonCors";
import type { JsonService, RequestContext } from "./JsonService";
import type { RequestAuthenticator } from "./auth/RequestAuthenticator";
import { handleQueryRequest } from "./query/queryProtocol";
import { queryErrorResponse } from "../protocol/awsQuery/queryResponse";
import { isQueryRequest } from "./query/queryRouting";
import type { QueryService } from "./query/QueryService";


export interface Routes {
  readonly jsonServices: readonly JsonService[];
  /** Form-encoded `POST /` (IAM, STS): the AWS query protocol, XML answers. */
  readonly queryServices: readonly QueryService[];
  /** Requests without X-Amz-Target: S3, path-style. S3 answers cross-origin requests by its buckets' CORS. */
  readonly rest: RequestHandler;
  /**
   * `/_emulator/<path>` endpoints (health, Firehose flush and buffers, faults; not AWS), given the path after the
   * prefix: control/controlRoutes.ts, handed in by start.ts so the server imports no service.
   */
  readonly control: (path: string, request: HttpRequest) => Promise<HttpResponse>;
  readonly context: RequestContext;
  readonly log: (error: unknown) => void;
  /** SigV4 checking when credentials are configured; undefined: every request is taken, as signed or not. */
  readonly authenticator?: RequestAuthenticator;
}

function foreignWords(origin: string | undefined): string {
  return origin === undefined ? "a page of another site" : `the origin ${origin}`;
}

/** `/_emulator/` paths are not AWS and have no CORS to opt in with: a page of another origin never reaches them. */
function emulatorRefusal(request: HttpRequest, origin: string | undefined): HttpResponse {
  request.body.resume();
  const message = `cross-origin request from ${foreignWords(origin)} refused: /_emulator/ endpoints answer only their own origin (docs/emulator.md, Cross-origin requests)`;
  return { statusCode: 403, headers: { "content-type": "application/json" }, body: JSON.stringify({ message }) };
}

/**
 * Without signatures a page could make the JSON services do anything, so another origin is refused; a
 * deliberate difference from AWS, which cannot be reached unsigned.
 */
function jsonRefusal(request: HttpRequest, service: JsonService | undefined, origin: string | undefined): HttpResponse {
  request.body.resume();
  const message = `Cross-origin request from ${foreignWords(origin)} refused: the gpu-stream emulator answers other origins only when it checks signatures (--credentials)`;
  return jsonErrorResponse(new AwsError("AccessDeniedException", message, 403), service);
}

/**
 * Dispatch by table: the emulator's own paths, then X-Amz-Target prefix (or a preflight asking for it) -> JSON
 * service, then a form-encoded `POST /` not signed for S3 -> query service (IAM, STS; query/queryRouting.ts), else S3. A request a page of another origin sent (crossOrigin.ts) is refused at the door except where
 * the user opted in: S3 by a bucket's CORS (decided in the S3 service), the JSON services by configuring
 * credentials. Where the credential check sits: `/_emulator/` paths never need a signature (they are not AWS);
 * a JSON request's is checked once its body is read and parses, before validation (jsonProtocol.ts); an S3
 * request's before its operation runs or reads a byte of the body, whose hash and chunk signatures are then
 * checked as it streams. Preflights (OPTIONS) are never signed (Fetch standard: a CORS-preflight request carries
 * no credentials), so they are not checked.
 */
export function routeRequest(routes: Routes): RequestHandler {
  const byPrefix = new Map(routes.jsonServices.map((service) => [service.targetPrefix, service]));
  const authenticator = routes.authenticator;
  return async (request) => {
    const site = requestSite(request);
    const foreignOrigin = site.kind === "foreign" ? site.origin : undefined;
    if (request.url.startsWith(CONTROL_PATH_PREFIX)) {
      return site.kind === "foreign" ? emulatorRefusal(request, foreignOrigin) : routes.control(request.url.slice(CONTROL_PATH_PREFIX.length).split("?")[0]!, request);
    }
    const target = headerValue(request.headers, "x-amz-target");
    if (target !== undefined || isJsonPreflight(request)) {
      if (site.kind === "own") {
        return handleJsonRequest(request, byPrefix, routes.context, routes.log, authenticator?.json);
      }
      if (authenticator === undefined) {
        const service = target === undefined ? undefined : byPrefix.get(target.slice(0, target.lastIndexOf(".")));
        return jsonRefusal(request, service, foreignOrigin);
      }
      if (target === undefined) {
        return jsonPreflightResponse(request);
      }
      return withJsonCorsHeaders(await handleJsonRequest(request, byPrefix, routes.context, routes.log, authenticator.json));
    }
    if (routes.queryServices.length > 0 && isQueryRequest(request)) {
      if (site.kind === "foreign" && authenticator === undefined) {
        request.body.resume();
        const message = `Cross-origin request from ${foreignWords(foreignOrigin)} refused: the gpu-stream emulator answers other origins only when it checks signatures (--credentials)`;
        return queryErrorResponse(new AwsError("AccessDenied", message, 403), undefined);
      }
      return handleQueryRequest(request, routes.queryServices, routes.context, routes.log, authenticator);
    }
    if (request.method === "OPTIONS") {
      return routes.rest(request);
    }
    return authenticator?.s3(request) ?? routes.rest(request);
  };
}
