import type { Readable } from "node:stream";
import type { AwsError } from "../AwsError";
import type { HttpResponse } from "../HttpExchange";
import { buildXml, type XmlDocument } from "./xml";

/** What an operation answers: plain data, turned into HTTP in one place. */
export interface S3Result {
  readonly statusCode?: number;
  /** Undefined values are left out. */
  readonly headers?: Readonly<Record<string, string | number | undefined>>;
  /** The body as one XML document; the builder adds prologue and namespace. */
  readonly xml?: XmlDocument;
  readonly body?: Readable | Buffer;
}

function requestHeaders(requestId: string): Record<string, string> {
  return { "x-amz-request-id": requestId, "x-amz-id-2": Buffer.from(requestId).toString("base64") };
}

export function toHttpResponse(result: S3Result, requestId: string): HttpResponse {
  const headers: Record<string, string | number> = requestHeaders(requestId);
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    if (value !== undefined) {
      headers[name.toLowerCase()] = value;
    }
  }
  if (result.xml !== undefined) {
    headers["content-type"] = "application/xml";
    return { statusCode: result.statusCode ?? 200, headers, body: buildXml(result.xml) };
  }
  return { statusCode: result.statusCode ?? 200, headers, body: result.body ?? "" };
}

/** S3's error document (no namespace), or no body at all for HEAD, whose answers carry none. */
export function toErrorResponse(error: AwsError, requestId: string, method: string): HttpResponse {
  const headers: Record<string, string | number> = { ...requestHeaders(requestId), "content-type": "application/xml" };
  if (method === "HEAD") {
    return { statusCode: error.statusCode, headers, body: "" };
  }
  const body = buildXml({ Error: { Code: error.code, Message: error.message, ...error.details, RequestId: requestId, HostId: headers["x-amz-id-2"] } }, null);
  return { statusCode: error.statusCode, headers, body };
}
