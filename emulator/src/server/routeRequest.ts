import { headerValue, type HttpRequest, type HttpResponse, type RequestHandler } from "./HttpExchange";
import { handleJsonRequest } from "./jsonProtocol";
import type { JsonService, RequestContext } from "./JsonService";
import type { RequestAuthenticator } from "./auth/RequestAuthenticator";

/** Emulator-only endpoints live under this path, which no bucket name can take (bucket names have no underscore). */
export const EMULATOR_PATH_PREFIX = "/_emulator/";

export interface Routes {
  readonly jsonServices: readonly JsonService[];
  /** Requests without X-Amz-Target: S3, path-style. */
  readonly rest: RequestHandler;
  /** `/_emulator/<name>` endpoints (health, Firehose flush and buffers); not AWS. */
  readonly emulator: (path: string, request: HttpRequest) => Promise<HttpResponse>;
  readonly context: RequestContext;
  readonly log: (error: unknown) => void;
  /** SigV4 checking when credentials are configured; undefined: every request is taken, as signed or not. */
  readonly authenticator?: RequestAuthenticator;
}

/**
 * Dispatch by table: the emulator's own paths, then X-Amz-Target prefix -> JSON service, else S3. Where the
 * credential check sits: `/_emulator/` paths never need a signature (they are not AWS); a JSON request's is
 * checked once its body is read and parses, before validation (jsonProtocol.ts); an S3 request's before its
 * operation runs or reads a byte of the body, whose hash and chunk signatures are then checked as it streams.
 */
export function routeRequest(routes: Routes): RequestHandler {
  const byPrefix = new Map(routes.jsonServices.map((service) => [service.targetPrefix, service]));
  const authenticator = routes.authenticator;
  return async (request) => {
    if (request.url.startsWith(EMULATOR_PATH_PREFIX)) {
      return routes.emulator(request.url.slice(EMULATOR_PATH_PREFIX.length).split("?")[0]!, request);
    }
    if (headerValue(request.headers, "x-amz-target") !== undefined) {
      return handleJsonRequest(request, byPrefix, routes.context, routes.log, authenticator?.json);
    }
    return authenticator?.s3(request) ?? routes.rest(request);
  };
}
