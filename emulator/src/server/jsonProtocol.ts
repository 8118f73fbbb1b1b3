import { AwsError, internalFailure, storageUnavailable } from "./AwsError";
import { headerValue, type HttpRequest, type HttpResponse } from "./HttpExchange";
import type { JsonService, RequestContext } from "./JsonService";
import { readBody, requestEntityTooLarge } from "./readBody";
import { validateInput } from "./validateInput";

const JSON_CONTENT_TYPES = ["application/x-amz-json-1.1", "application/x-amz-json-1.0", "application/json"];

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

function jsonResponse(statusCode: number, body: unknown, contentType: string, extraHeaders: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { "content-type": contentType, "x-amzn-requestid": crypto.randomUUID(), ...extraHeaders },
    body: JSON.stringify(toWire(body)),
  };
}

export function jsonErrorResponse(error: AwsError, service: JsonService | undefined, contentType = "application/x-amz-json-1.1"): HttpResponse {
  const errorType = service === undefined ? error.code : `${error.code}:${service.errorNamespace}`;
  if (service?.errorStyle !== undefined) {
    return jsonResponse(error.statusCode, { __type: error.code, ...error.details, Message: error.message }, contentType);
  }
  return jsonResponse(error.statusCode, { __type: error.code, message: error.message }, contentType, { "x-amzn-errortype": errorType });
}

/**
 * Answers a JSON-protocol request, checking at the door in a fixed order (which decides what error a bad
 * request gets): method -> content type -> target known -> body size -> body parses -> signature (when credentials are
 * checked) -> validation -> handler.
 */
export async function handleJsonRequest(
  request: HttpRequest,
  services: ReadonlyMap<string, JsonService>,
  context: RequestContext,
  log: (error: unknown) => void,
  /** The credential check (server/auth/), when credentials are configured: throws the refusal as an AwsError. */
  authenticate?: (request: HttpRequest, service: JsonService, body: Buffer) => void,
): Promise<HttpResponse> {
  const target = headerValue(request.headers, "x-amz-target") ?? "";
  const dot = target.lastIndexOf(".");
  const service = services.get(target.slice(0, dot));
  const contentType = (headerValue(request.headers, "content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const answerType = contentType === "application/x-amz-json-1.0" ? contentType : "application/x-amz-json-1.1";
  try {
    if (request.method !== "POST") {
      throw new AwsError("UnknownOperationException", `JSON requests are POST, got ${request.method}`, 400);
    }
    if (!JSON_CONTENT_TYPES.includes(contentType)) {
      throw new AwsError("SerializationException", `Unsupported Content-Type '${contentType}': expected application/x-amz-json-1.1`, 400);
    }
    if (service === undefined) {
      throw new AwsError("UnknownOperationException", `No service answers the target '${target}'`, 400);
    }
    const operationName = target.slice(dot + 1);
    // An own member only: `Kinesis_20131202.constructor` must not find Object.prototype's.
    const operation = Object.hasOwn(service.operations, operationName) ? service.operations[operationName] : undefined;
    if (operation === undefined) {
      request.body.resume();
      if (service.apiOperations.includes(operationName)) {
        throw new AwsError("NotImplemented", `${service.name} operation ${operationName} is not implemented by the gpu-stream emulator`, 501);
      }
      throw new AwsError("UnknownOperationException", `${service.name} has no operation '${operationName}'`, 400);
    }
    const raw = await readBody(request.body, service.maxBodyBytes, () => requestEntityTooLarge(service.maxBodyBytes), headerValue(request.headers, "content-length"));
    let body: unknown;
    try {
      body = raw.length === 0 ? {} : JSON.parse(raw.toString("utf8"));
    } catch {
      throw new AwsError("SerializationException", "The request body is not valid JSON", 400);
    }
    // Credentials: after the body parses, before validation, as Kinesis orders it (kinesalite test/connection.js).
    authenticate?.(request, service, raw);
    const input = validateInput(operation.input, body);
    const output = await operation.handle(input, context);
    return jsonResponse(200, output ?? {}, answerType);
  } catch (error) {
    if (error instanceof AwsError) {
      return jsonErrorResponse(error, service, answerType);
    }
    log(error);
    return jsonErrorResponse(storageUnavailable(error) ?? internalFailure(), service, answerType);
  }
}
