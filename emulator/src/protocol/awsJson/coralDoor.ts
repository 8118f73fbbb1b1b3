import { cborTextMap } from "./cborTextMap";
import type { HttpResponse } from "../HttpExchange";
import { amzId2, awsRequestId } from "../requestIds";

/**
 * How Kinesis's Coral endpoint reads a request by its Content-Type (kinesalite test/connection.js, run against
 * Kinesis): `application/x-amz-json-1.1` is JSON; `application/json` is a deprecated JSON protocol that answers in its
 * own envelope; anything else, no Content-Type and `application/x-amz-json-1.0` included, is read as CBOR.
 */
export type CoralFormat = "json" | "deprecatedJson" | "cbor";

export function coralFormat(contentType: string): CoralFormat {
  if (contentType === "application/x-amz-json-1.1") {
    return "json";
  }
  return contentType === "application/json" ? "deprecatedJson" : "cbor";
}

export const CBOR_CONTENT_TYPE = "application/x-amz-cbor-1.1";

function coralHeaders(contentType: string, code: string, namespace: string): Record<string, string> {
  return { "content-type": contentType, "x-amzn-requestid": awsRequestId(), "x-amz-id-2": amzId2(), "x-amzn-errortype": `${code}:${namespace}` };
}

/**
 * A protocol error in the request's own format, with no message, as Coral writes them: CBOR `{"__type": code}`
 * (400), or the deprecated JSON envelope `{"Output": {"__type": "com.amazon.coral.service#<code>"}, "Version": "1.0"}`,
 * 404 for an unknown operation and 400 otherwise (test/connection.js assertUnknownDeprecated, assertSerializationDeprecated).
 */
export function coralProtocolError(format: "deprecatedJson" | "cbor", code: "UnknownOperationException" | "SerializationException", namespace: string): HttpResponse {
  if (format === "cbor") {
    return { statusCode: 400, headers: coralHeaders(CBOR_CONTENT_TYPE, code, namespace), body: cborTextMap({ __type: code }) };
  }
  const body = JSON.stringify({ Output: { __type: `com.amazon.coral.service#${code}` }, Version: "1.0" });
  return { statusCode: code === "UnknownOperationException" ? 404 : 400, headers: coralHeaders("application/json", code, namespace), body };
}
