import { AwsError, internalFailure } from "./AwsError";
import { headerValue, type HttpRequest, type HttpResponse } from "./HttpExchange";
import type { JsonService, RequestContext } from "./JsonService";
import { readBody, requestEntityTooLarge } from "./readBody";
import { validateInput } from "./validateInput";

const JSON_CONTENT_TYPES = ["application/x-amz-json-1.1", "application/x-amz-json-1.0", "application/json"];

/** The SDK's decoded view back to the wire: bytes as base64, dates as epoch seconds. */
function toWire(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  if (original instanceof Date) {
    // JSON.stringify has already turned the Date into an ISO string; the holder still has the Date.
    return original.getTime() / 1000;
  }
  // A Buffer has already been through Buffer.toJSON too: test the holder's original value.
  if (original instanceof Uint8Array) {
    return Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString("base64");
  }
  return value;
}

function jsonResponse(statusCode: number, body: unknown, contentType: string, extraHeaders: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { "content-type": contentType, "x-amzn-requestid": crypto.randomUUID(), ...extraHeaders },
    body: JSON.stringify(body, toWire),
  };
}

export function jsonErrorResponse(error: AwsError, service: JsonService | undefined, contentType = "application/x-amz-json-1.1"): HttpResponse {
  const errorType = service === undefined ? error.code : `${error.code}:${service.errorNamespace}`;
  return jsonResponse(error.statusCode, { __type: error.code, message: error.message }, contentType, { "x-amzn-errortype": errorType });
}

/**
 * Answers a JSON-protocol request, checking at the door in a fixed order (which decides what error a bad
 * request gets): method -> content type -> target known -> body size -> body parses -> validation -> handler.
 */
export async function handleJsonRequest(
  request: HttpRequest,
  services: ReadonlyMap<string, JsonService>,
  context: RequestContext,
  log: (error: unknown) => void,
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
    const operation = service.operations[operationName];
    if (operation === undefined) {
      request.body.resume();
      if (service.apiOperations.includes(operationName)) {
        throw new AwsError("NotImplemented", `${service.name} operation ${operationName} is not implemented by the gpu-stream emulator`, 501);
      }
      throw new AwsError("UnknownOperationException", `${service.name} has no operation '${operationName}'`, 400);
    }
    const raw = await readBody(request.body, service.maxBodyBytes, () => requestEntityTooLarge(service.maxBodyBytes));
    let body: unknown;
    try {
      body = raw.length === 0 ? {} : JSON.parse(raw.toString("utf8"));
    } catch {
      throw new AwsError("SerializationException", "The request body is not valid JSON", 400);
    }
    const input = validateInput(operation.input, body);
    const output = await operation.handle(input, context);
    return jsonResponse(200, output ?? {}, answerType);
  } catch (error) {
    if (error instanceof AwsError) {
      return jsonErrorResponse(error, service, answerType);
    }
    log(error);
    return jsonErrorResponse(internalFailure(), service, answerType);
  }
}
