import type { IncomingHttpHeaders } from "node:http";
import { headerValue } from "../../protocol/HttpExchange";
import { ALGORITHM } from "./signingKey";
import { formatAmzDate, parseAmzDate } from "./amzDate";
import { SignatureRefusal } from "./SignatureRefusal";
import { uriDecode } from "./uriEncode";

/** A request's SigV4 signature as the client stated it, from its Authorization header or its query (presigned). */
export interface RequestSignature {
  readonly presigned: boolean;
  readonly accessKeyId: string;
  /** `<date>/<region>/<service>/aws4_request`, as the client wrote it. */
  readonly scope: string;
  readonly scopeDate: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
  /** Lower-case, in the client's order. */
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** ISO 8601 basic: X-Amz-Date, or the Date header in that form. */
  readonly amzDate: string;
  /** Presigned only: X-Amz-Expires in seconds. */
  readonly expiresSeconds?: number;
  readonly sessionToken?: string;
}

/** The query's parameters, decoded; the first of a repeated name wins. */
function queryParameters(url: string): Map<string, string> {
  const parameters = new Map<string, string>();
  const question = url.indexOf("?");
  if (question < 0) {
    return parameters;
  }
  for (const pair of url.slice(question + 1).split("&")) {
    const equals = pair.indexOf("=");
    const name = uriDecode(equals < 0 ? pair : pair.slice(0, equals));
    if (name !== "" && !parameters.has(name)) {
      parameters.set(name, uriDecode(equals < 0 ? "" : pair.slice(equals + 1)));
    }
  }
  return parameters;
}

/** `Credential=a/b, SignedHeaders=c;d,Signature=e` -> a map; separators may be commas, spaces or both. */
function headerParameters(text: string): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const item of text.split(/[\s,]+/)) {
    const equals = item.indexOf("=");
    if (equals > 0) {
      parameters.set(item.slice(0, equals), item.slice(equals + 1));
    }
  }
  return parameters;
}

function splitCredential(credential: string, presigned: boolean): { accessKeyId: string; scopeDate: string; region: string; service: string; terminator: string } {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts.some((part) => part === "")) {
    throw new SignatureRefusal({ kind: "malformedCredential", credential, presigned });
  }
  const [accessKeyId, scopeDate, region, service, terminator] = parts as [string, string, string, string, string];
  return { accessKeyId, scopeDate, region, service, terminator };
}

function parseExpires(text: string): number {
  if (/^-\d+$/.test(text)) {
    throw new SignatureRefusal({ kind: "malformedExpires", expires: text, problem: "negative" });
  }
  if (!/^\d+$/.test(text)) {
    throw new SignatureRefusal({ kind: "malformedExpires", expires: text, problem: "notANumber" });
  }
  const seconds = Number(text);
  if (seconds > 7 * 24 * 3600) {
    throw new SignatureRefusal({ kind: "malformedExpires", expires: text, problem: "overAWeek" });
  }
  return seconds;
}

const QUERY_PARAMETERS = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"];

function fromQuery(query: ReadonlyMap<string, string>, headers: IncomingHttpHeaders, requireExpires: boolean): RequestSignature {
  const required = requireExpires ? [...QUERY_PARAMETERS, "X-Amz-Expires"] : QUERY_PARAMETERS;
  const missing = required.filter((name) => (query.get(name) ?? "") === "");
  if (missing.length > 0) {
    throw new SignatureRefusal({ kind: "incomplete", missing, presigned: true });
  }
  const algorithm = query.get("X-Amz-Algorithm")!;
  if (algorithm !== ALGORITHM) {
    throw new SignatureRefusal({ kind: "unsupportedAlgorithm", algorithm, presigned: true });
  }
  const amzDate = query.get("X-Amz-Date")!;
  if (Number.isNaN(parseAmzDate(amzDate))) {
    throw new SignatureRefusal({ kind: "malformedDate", date: amzDate, presigned: true });
  }
  const expires = query.get("X-Amz-Expires");
  const sessionToken = query.get("X-Amz-Security-Token") ?? headerValue(headers, "x-amz-security-token");
  return {
    presigned: true,
    ...splitCredential(query.get("X-Amz-Credential")!, true),
    scope: query.get("X-Amz-Credential")!.split("/").slice(1).join("/"),
    signedHeaders: query.get("X-Amz-SignedHeaders")!.toLowerCase().split(";"),
    signature: query.get("X-Amz-Signature")!,
    amzDate,
    ...(expires === undefined ? {} : { expiresSeconds: parseExpires(expires) }),
    ...(sessionToken === undefined ? {} : { sessionToken }),
  };
}

function fromHeader(authorization: string, headers: IncomingHttpHeaders): RequestSignature {
  const text = authorization.trim();
  const space = text.search(/\s/);
  const scheme = space < 0 ? text : text.slice(0, space);
  if (scheme === "AWS") {
    throw new SignatureRefusal({ kind: "unsupportedScheme", authorization });
  }
  const parameters = headerParameters(space < 0 ? "" : text.slice(space + 1));
  const xAmzDate = headerValue(headers, "x-amz-date");
  const dateHeader = headerValue(headers, "date");
  const missing = ["Credential", "Signature", "SignedHeaders"].filter((name) => (parameters.get(name) ?? "") === "");
  if (xAmzDate === undefined && dateHeader === undefined) {
    missing.push("date");
  }
  if (missing.length > 0) {
    throw new SignatureRefusal({ kind: "incomplete", missing, authorization, presigned: false });
  }
  if (scheme !== ALGORITHM) {
    throw new SignatureRefusal({ kind: "unsupportedAlgorithm", algorithm: scheme, presigned: false });
  }
  const credential = parameters.get("Credential")!;
  // SigV4 takes X-Amz-Date first; the Date header (RFC 7231) only without it.
  const amzDate = xAmzDate ?? (Number.isNaN(Date.parse(dateHeader!)) ? dateHeader! : formatAmzDate(Date.parse(dateHeader!)));
  if (Number.isNaN(parseAmzDate(amzDate))) {
    throw new SignatureRefusal({ kind: "malformedDate", date: amzDate, presigned: false });
  }
  const sessionToken = headerValue(headers, "x-amz-security-token");
  return {
    presigned: false,
    ...splitCredential(credential, false),
    scope: credential.split("/").slice(1).join("/"),
    signedHeaders: parameters.get("SignedHeaders")!.toLowerCase().split(";"),
    signature: parameters.get("Signature")!,
    amzDate,
    ...(sessionToken === undefined ? {} : { sessionToken }),
  };
}

/**
 * Reads a request's SigV4 signature from its Authorization header or its query (presigned: X-Amz-Algorithm,
 * X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Signature), refusing what is missing
 * or malformed before anything is computed. `requireExpires`: S3 wants X-Amz-Expires in every presigned URL.
 */
export function parseAuthorization(headers: IncomingHttpHeaders, url: string, requireExpires: boolean): RequestSignature {
  const authorization = headerValue(headers, "authorization");
  const query = queryParameters(url);
  const presigned = query.has("X-Amz-Algorithm");
  if (authorization !== undefined && presigned) {
    throw new SignatureRefusal({ kind: "bothMechanisms", authorization });
  }
  if (authorization !== undefined) {
    return fromHeader(authorization, headers);
  }
  if (presigned) {
    return fromQuery(query, headers, requireExpires);
  }
  if (query.has("AWSAccessKeyId") && query.has("Signature")) {
    throw new SignatureRefusal({ kind: "unsupportedScheme", authorization: "" });
  }
  throw new SignatureRefusal({ kind: "anonymous" });
}
