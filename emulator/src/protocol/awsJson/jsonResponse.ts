import type { AwsError } from "../AwsError";
import type { HttpResponse } from "../HttpExchange";
import { amzId2, awsRequestId } from "../requestIds";
import { SelfWrittenJson } from "./SelfWrittenJson";
import { StreamedAnswer } from "./StreamedAnswer";

/** What of a JSON service decides how its errors are written (server/JsonService.ts has the same members). */
export interface JsonErrorDialect {
  /** The namespace after the code in `x-amzn-ErrorType` (`ResourceNotFoundException:<namespace>`). */
  readonly errorNamespace: string;
  /** A service that writes `Message` and no `x-amzn-ErrorType` header, with its error's details beside it. */
  readonly errorStyle?: { readonly messageKey: "Message"; readonly typeHeader: false };
  /** Coral's (Kinesis's) answers: an empty body for an empty output, and x-amz-id-2 on every answer. */
  readonly wording?: "coral";
}

/**
 * The SDK's decoded view back to the wire: bytes as base64, dates as epoch seconds, undefined members left out.
 * A walk that builds the wire value, then a plain JSON.stringify: a stringify replacer would be called for every
 * key of every record, which made half of GetRecords' server time (measured with npm run bench --cpu-prof).
 */
function toWire(value: unknown): unknown {
  if (value === null || typeof value !== "object") {
    return value;
  }
  if (value instanceof Date) {
    return value.getTime() / 1000;
  }
  if (value instanceof Uint8Array) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  }
  if (Array.isArray(value)) {
    const items = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index += 1) {
      items[index] = toWire(value[index]);
    }
    return items;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return (value as { toJSON(): unknown }).toJSON();
  }
  const wire: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) {
      wire[key] = toWire(member);
    }
  }
  return wire;
}

/** A value's JSON text as the emulator writes it on the wire (toWire, then JSON.stringify). */
export function wireJson(value: unknown): string {
  return JSON.stringify(toWire(value));
}

export function jsonResponse(statusCode: number, body: unknown, contentType: string, extraHeaders: Record<string, string> = {}, coral = false): HttpResponse {
  if (body instanceof StreamedAnswer) {
    return { statusCode, headers: { "content-type": body.contentType, "x-amzn-requestid": awsRequestId(), ...(coral ? { "x-amz-id-2": amzId2() } : {}), ...extraHeaders }, body: body.body };
  }
  if (body instanceof SelfWrittenJson) {
    return { statusCode, headers: { "content-type": contentType, "x-amzn-requestid": awsRequestId(), ...(coral ? { "x-amz-id-2": amzId2() } : {}), ...extraHeaders }, body: body.writeJson() };
  }
  const wire = toWire(body);
  // Coral answers an operation that returns nothing with an empty body (kinesalite test/createStream.js
  // "should create a basic 3-shard stream": `res.body.should.equal('')`), and every answer with x-amz-id-2.
  const empty = coral && typeof wire === "object" && wire !== null && Object.keys(wire).length === 0;
  return {
    statusCode,
    headers: { "content-type": contentType, "x-amzn-requestid": awsRequestId(), ...(coral ? { "x-amz-id-2": amzId2() } : {}), ...extraHeaders },
    body: empty ? "" : JSON.stringify(wire),
  };
}

export function jsonErrorResponse(error: AwsError, service: JsonErrorDialect | undefined, contentType = "application/x-amz-json-1.1"): HttpResponse {
  const errorType = service === undefined ? error.code : `${error.code}:${service.errorNamespace}`;
  if (service?.errorStyle !== undefined) {
    return jsonResponse(error.statusCode, { __type: error.code, ...error.details, Message: error.message }, contentType);
  }
  const body = error.messageKey === "none" ? { __type: error.code } : { __type: error.code, [error.messageKey]: error.message };
  return jsonResponse(error.statusCode, body, contentType, { "x-amzn-errortype": errorType }, service?.wording === "coral");
}

