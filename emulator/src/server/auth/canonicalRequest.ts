import type { IncomingHttpHeaders } from "node:http";
import { uriDecode, uriEncode } from "./uriEncode";

/** What the canonical request is made of, as the server received it. */
export interface CanonicalRequestParts {
  readonly method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** Lower-case names from SignedHeaders, in the order the client listed them. */
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
  /** S3 signs its path as sent; every other service normalizes it and encodes it again. */
  readonly service: string;
  /** Presigned requests leave X-Amz-Signature out of the query they sign. */
  readonly presigned: boolean;
  /** S3 only: sign the path exactly as sent rather than re-encoded (a client that encodes `!` or not at will). */
  readonly pathAsSent?: boolean;
}

function splitUrl(url: string): { path: string; query: string } {
  const question = url.indexOf("?");
  return question < 0 ? { path: url, query: "" } : { path: url.slice(0, question), query: url.slice(question + 1) };
}

/**
 * The canonical URI. S3: each segment decoded and encoded once, never normalized (`a//b/../c` is a key).
 * Other services: `.` and `..` segments and empty segments removed, then the path as sent (already encoded
 * once) encoded again, so `%20` signs as `%2520`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request).
 */
export function canonicalUri(path: string, service: string): string {
  if (path === "") {
    return "/";
  }
  if (service === "s3") {
    return path
      .split("/")
      .map((segment) => uriEncode(uriDecode(segment)))
      .join("/");
  }
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") {
      continue;
    }
    if (segment === "..") {
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  const normalized = `/${segments.join("/")}${segments.length > 0 && path.endsWith("/") ? "/" : ""}`;
  return uriEncode(normalized, true);
}

/**
 * The canonical query string: each name and value decoded as sent and UriEncoded, a name without `=` given an
 * empty value, sorted by encoded name and then value. X-Amz-Signature is left out of a presigned request's.
 */
export function canonicalQuery(query: string, presigned: boolean): string {
  const pairs: [string, string][] = [];
  for (const pair of query.split("&")) {
    if (pair === "") {
      continue;
    }
    const equals = pair.indexOf("=");
    const name = uriEncode(uriDecode(equals < 0 ? pair : pair.slice(0, equals)));
    if (presigned && name === "X-Amz-Signature") {
      continue;
    }
    pairs.push([name, uriEncode(uriDecode(equals < 0 ? "" : pair.slice(equals + 1)))]);
  }
  pairs.sort(([nameA, valueA], [nameB, valueB]) => (nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join("&");
}

/** A header's value as signed: trimmed, runs of spaces and tabs (and line folds) collapsed to one space. */
function canonicalValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.map((part) => part.trim()).join(",") : (value ?? "");
  return joined.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").trim();
}

/**
 * The canonical headers block, one `name:value\n` per signed header in SignedHeaders' order. Over HTTP/2 a
 * client's Host header arrives as the `:authority` pseudo-header.
 */
export function canonicalHeaders(headers: IncomingHttpHeaders, signedHeaders: readonly string[]): string {
  return signedHeaders
    .map((name) => {
      const value = headers[name] ?? (name === "host" ? headers[":authority"] : undefined);
      return `${name}:${canonicalValue(value)}\n`;
    })
    .join("");
}

/** The canonical request of SigV4: method, URI, query, headers, signed header list, payload hash. */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  const { path, query } = splitUrl(parts.url);
  return [
    parts.method.toUpperCase(),
    parts.pathAsSent === true ? path || "/" : canonicalUri(path, parts.service),
    canonicalQuery(query, parts.presigned),
    canonicalHeaders(parts.headers, parts.signedHeaders),
    parts.signedHeaders.join(";"),
    parts.payloadHash,
  ].join("\n");
}

