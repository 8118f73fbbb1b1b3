import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";

/**
 * A request as the services see it, the same for HTTP/1.1 and HTTP/2: the Kinesis client speaks h2c,
 * the other clients HTTP/1.1, and no handler should care which.
 */
export interface HttpRequest {
  readonly method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body, not yet read. */
  readonly body: Readable;
  readonly httpVersion: "1.1" | "2";
}

export type ResponseBody = string | Uint8Array | Readable | undefined;

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | number>>;
  readonly body?: ResponseBody;
}

export type RequestHandler = (request: HttpRequest) => Promise<HttpResponse>;

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}
