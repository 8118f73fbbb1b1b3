import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import { headerValue, type HttpRequest } from "../../../protocol/HttpExchange";
import { s3Error } from "../../../protocol/restXml/s3Errors";

/** A request as the S3 operations see it: bucket and key decoded, query parsed. */
export interface S3Request {
  readonly method: string;
  readonly bucket?: string;
  /** Decoded; present (and non-empty) only for object requests. */
  readonly key?: string;
  /** Query parameters, decoded; a name without `=` (`?uploads`) maps to "". */
  readonly query: ReadonlyMap<string, string>;
  readonly headers: IncomingHttpHeaders;
  readonly body: Readable;
  readonly httpVersion: "1.1" | "2";
  readonly requestId: string;
  /** `http://host:port` as the client addressed us, for the Location S3 answers with. */
  readonly origin: string;
}

export function header(request: S3Request, name: string): string | undefined {
  return headerValue(request.headers, name);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw s3Error("InvalidURI");
  }
}

function parseQuery(text: string): Map<string, string> {
  const query = new Map<string, string>();
  for (const pair of text.split("&")) {
    if (pair === "") {
      continue;
    }
    const equals = pair.indexOf("=");
    const name = decode(equals < 0 ? pair : pair.slice(0, equals));
    if (!query.has(name)) {
      query.set(name, equals < 0 ? "" : decode(pair.slice(equals + 1)));
    }
  }
  return query;
}

/** `my-bucket.localhost:4566` names the bucket in the host (virtual-hosted style); anything else is path-style. */
function virtualHostBucket(host: string): string | undefined {
  const name = host.replace(/:\d+$/, "").toLowerCase();
  const match = /^(.+?)(?:\.s3)?\.localhost$/.exec(name);
  return match === null || match[1] === "s3" ? undefined : match[1];
}

export function parseS3Request(http: HttpRequest, requestId: string): S3Request {
  const question = http.url.indexOf("?");
  const path = question < 0 ? http.url : http.url.slice(0, question);
  const query = parseQuery(question < 0 ? "" : http.url.slice(question + 1));
  const host = headerValue(http.headers, "host") ?? headerValue(http.headers, ":authority") ?? "localhost";
  if (!path.startsWith("/")) {
    throw s3Error("InvalidURI");
  }
  let bucket: string | undefined = virtualHostBucket(host);
  let keyPart: string;
  if (bucket !== undefined) {
    keyPart = path.slice(1);
  } else {
    const slash = path.indexOf("/", 1);
    const bucketPart = slash < 0 ? path.slice(1) : path.slice(1, slash);
    bucket = bucketPart === "" ? undefined : decode(bucketPart);
    keyPart = slash < 0 ? "" : path.slice(slash + 1);
  }
  const key = keyPart === "" ? undefined : decode(keyPart);
  return {
    method: http.method.toUpperCase(),
    ...(bucket === undefined ? {} : { bucket }),
    ...(key === undefined ? {} : { key }),
    query,
    headers: http.headers,
    body: http.body,
    httpVersion: http.httpVersion,
    requestId,
    origin: `http://${host}`,
  };
}
