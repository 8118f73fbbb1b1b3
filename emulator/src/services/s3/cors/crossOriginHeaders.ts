import type { RequestSite } from "../../../server/crossOrigin";
import type { S3Request } from "../protocol/S3Request";
import type { ObjectStore } from "../storage/ObjectStore";
import { corsRefusal } from "./corsRefusal";
import { corsResponseHeaders, matchCorsRule } from "./matchCorsRule";

/**
 * An actual (not preflight) request from a page of another origin: the CORS headers of the bucket's first rule
 * allowing its origin and method, which S3 adds to the answer. Where no rule allows it S3 still runs the request
 * and leaves the headers out (the browser then hides the answer from the page); the emulator refuses it with the
 * preflight's refusal instead, before it runs: a page can send GET, HEAD and POST without a preflight, and the
 * emulator, unlike S3, does not require a signature (docs/emulator.md, Cross-origin requests).
 */
export function crossOriginHeaders(request: S3Request, site: RequestSite, store: ObjectStore): Record<string, string | number> {
  if (site.kind === "own") {
    return {};
  }
  const bucket = request.bucket === undefined ? undefined : store.getBucket(request.bucket);
  if (bucket === undefined) {
    throw corsRefusal(request.bucket === undefined ? "notEnabled" : "bucketNotFound", request, request.method);
  }
  if (bucket.cors === undefined) {
    throw corsRefusal("notEnabled", request, request.method);
  }
  const match = matchCorsRule(bucket.cors, { origin: site.origin, method: request.method, headers: [] });
  if (match === undefined) {
    throw corsRefusal("notAllowed", request, request.method);
  }
  return site.origin === undefined ? {} : corsResponseHeaders(match);
}
