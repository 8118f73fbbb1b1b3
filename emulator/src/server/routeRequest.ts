import { headerValue, type HttpRequest, type HttpResponse, type RequestHandler } from "./HttpExchange";
import { handleJsonRequest } from "./jsonProtocol";
import type { JsonService, RequestContext } from "./JsonService";

/** Emulator-only endpoints live under this path, which no bucket name can take (bucket names have no underscore). */
export const EMULATOR_PATH_PREFIX = "/_emulator/";

export interface Routes {
  readonly jsonServices: readonly JsonService[];
  /** Requests without X-Amz-Target: S3, path-style. */
  readonly rest: RequestHandler;
  /** `/_emulator/<name>` endpoints (health, Firehose flush); not AWS. */
  readonly emulator: (path: string, request: HttpRequest) => Promise<HttpResponse>;
  readonly context: RequestContext;
  readonly log: (error: unknown) => void;
}

/** Dispatch by table: the emulator's own paths, then X-Amz-Target prefix -> JSON service, else S3. */
export function routeRequest(routes: Routes): RequestHandler {
  const byPrefix = new Map(routes.jsonServices.map((service) => [service.targetPrefix, service]));
  return async (request) => {
    if (request.url.startsWith(EMULATOR_PATH_PREFIX)) {
      return routes.emulator(request.url.slice(EMULATOR_PATH_PREFIX.length).split("?")[0]!, request);
    }
    if (headerValue(request.headers, "x-amz-target") !== undefined) {
      return handleJsonRequest(request, byPrefix, routes.context, routes.log);
    }
    return routes.rest(request);
  };
}
