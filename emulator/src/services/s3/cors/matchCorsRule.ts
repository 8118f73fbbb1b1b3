import type { CorsRule } from "../storage/ObjectStore";

/** What a request asks of a bucket's CORS configuration. */
export interface CorsQuestion {
  /** The Origin header; undefined when only Sec-Fetch-Site said another site sent it. */
  readonly origin: string | undefined;
  /** The actual request's method, or a preflight's Access-Control-Request-Method. */
  readonly method: string;
  /** A preflight's Access-Control-Request-Headers, lower-cased; none for an actual request. */
  readonly headers: readonly string[];
}

export interface CorsMatch {
  readonly rule: CorsRule;
  /** Access-Control-Allow-Origin: `*` when the rule allows every origin with a lone `*`, else the origin. */
  readonly allowOrigin: string;
}

/** `*` stands for any run of characters, once (parseCorsConfiguration.ts refuses more). */
function matchesPattern(pattern: string, value: string, ignoreCase: boolean): boolean {
  const [text, candidate] = ignoreCase ? [pattern.toLowerCase(), value.toLowerCase()] : [pattern, value];
  const star = text.indexOf("*");
  if (star < 0) {
    return text === candidate;
  }
  const prefix = text.slice(0, star);
  const suffix = text.slice(star + 1);
  return candidate.length >= prefix.length + suffix.length && candidate.startsWith(prefix) && candidate.endsWith(suffix);
}

/**
 * The first rule that allows the request, as S3 evaluates them in order: its Origin matches an AllowedOrigin,
 * its method an AllowedMethod, and for a preflight every requested header an AllowedHeader (header names
 * compared without case). https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html ("How does Amazon S3
 * evaluate the CORS configuration on a bucket?"). A request without Origin can only be matched by a lone `*`.
 */
export function matchCorsRule(rules: readonly CorsRule[], question: CorsQuestion): CorsMatch | undefined {
  for (const rule of rules) {
    const allowed = rule.allowedOrigins.find((pattern) => (question.origin === undefined ? pattern === "*" : matchesPattern(pattern, question.origin, false)));
    if (allowed === undefined || !rule.allowedMethods.includes(question.method)) {
      continue;
    }
    if (question.headers.every((name) => rule.allowedHeaders.some((pattern) => matchesPattern(pattern, name, true)))) {
      return { rule, allowOrigin: allowed === "*" || question.origin === undefined ? "*" : question.origin };
    }
  }
  return undefined;
}

/** The headers a preflight (with `requestedHeaders`) or an actual request answers with, as S3 writes them. */
export function corsResponseHeaders(match: CorsMatch, requestedHeaders: readonly string[] = []): Record<string, string | number> {
  const { rule, allowOrigin } = match;
  return {
    "access-control-allow-origin": allowOrigin,
    ...(allowOrigin === "*" ? {} : { "access-control-allow-credentials": "true" }),
    "access-control-allow-methods": rule.allowedMethods.join(", "),
    ...(requestedHeaders.length === 0 ? {} : { "access-control-allow-headers": requestedHeaders.join(", ") }),
    ...(rule.exposeHeaders.length === 0 ? {} : { "access-control-expose-headers": rule.exposeHeaders.join(", ") }),
    ...(rule.maxAgeSeconds === undefined ? {} : { "access-control-max-age": rule.maxAgeSeconds }),
    vary: "Origin, Access-Control-Request-Headers, Access-Control-Request-Method",
  };
}
