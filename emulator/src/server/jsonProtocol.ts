import { AwsError } from "../protocol/AwsError";
import { jsonErrorResponse, jsonResponse } from "../protocol/awsJson/jsonResponse";
import { type CoralFormat, coralFormat, coralProtocolError } from "../protocol/awsJson/coralDoor";
import { headerValue, type HttpRequest, type HttpResponse } from "../protocol/HttpExchange";
import type { JsonService, RequestContext } from "./JsonService";
import { readBody, requestEntityTooLarge } from "./readBody";
import { callOperation, notImplemented, operationOf, unexpectedFailure } from "./jsonOperationCall";
import { handleCoralCborRequest } from "./coralCborRequest";

const JSON_CONTENT_TYPES = ["application/x-amz-json-1.1", "application/x-amz-json-1.0", "application/json"];

/** Coral's SerializationException for a body it cannot read as a JSON object: no message (kinesalite test/connection.js). */
function coralUnreadableBody(): AwsError {
  return new AwsError("SerializationException", "", 400, {}, "none");
}

/** A Coral JSON body: empty, not JSON, or not an object is a SerializationException with no message. */
function parseCoralBody(raw: Buffer): unknown {
  let body: unknown;
  try {
    body = raw.length === 0 ? undefined : JSON.parse(raw.toString("utf8"));
  } catch {
    throw coralUnreadableBody();
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw coralUnreadableBody();
  }
  return body;
}

/**
 * A Coral service's request that is not JSON 1.1 (coralDoor.ts): answered in its own format. The deprecated JSON
 * protocol answers only its protocol errors; a CBOR body goes on through the door (coralCborRequest.ts).
 */
async function handleCoralNonJsonRequest(
  request: HttpRequest,
  service: JsonService,
  operationName: string,
  format: Exclude<CoralFormat, "json">,
  context: RequestContext,
  log: (error: unknown) => void,
  authenticate?: (request: HttpRequest, service: JsonService, body: Buffer) => void,
): Promise<HttpResponse> {
  if (!service.apiOperations.includes(operationName)) {
    request.body.resume();
    return coralProtocolError(format, "UnknownOperationException", service.errorNamespace);
  }
  const raw = await readBody(request.body, service.maxBodyBytes, () => requestEntityTooLarge(service.maxBodyBytes), headerValue(request.headers, "content-length"));
  // An empty body is read as CBOR whatever the Content-Type (test/connection.js "CBOR SerializationException if valid target and application/json").
  if (raw.length === 0) {
    return coralProtocolError("cbor", "SerializationException", service.errorNamespace);
  }
  if (format === "deprecatedJson") {
    try {
      JSON.parse(raw.toString("utf8"));
    } catch {
      return coralProtocolError(format, "SerializationException", service.errorNamespace);
    }
    return coralProtocolError(format, "UnknownOperationException", service.errorNamespace);
  }
  return handleCoralCborRequest(request, service, operationName, raw, context, log, authenticate);
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
  const coral = service?.wording === "coral";
  const answerType = contentType === "application/x-amz-json-1.0" && !coral ? contentType : "application/x-amz-json-1.1";
  try {
    if (request.method !== "POST") {
      throw new AwsError("UnknownOperationException", `JSON requests are POST, got ${request.method}`, 400);
    }
    const format = coral ? coralFormat(contentType) : "json";
    if (format !== "json") {
      return await handleCoralNonJsonRequest(request, service!, target.slice(dot + 1), format, context, log, authenticate);
    }
    if (!JSON_CONTENT_TYPES.includes(contentType)) {
      throw new AwsError("SerializationException", `Unsupported Content-Type '${contentType}': expected application/x-amz-json-1.1`, 400);
    }
    if (service === undefined) {
      throw new AwsError("UnknownOperationException", `No service answers the target '${target}'`, 400);
    }
    const operationName = target.slice(dot + 1);
    const operation = operationOf(service, operationName);
    if (operation === undefined) {
      request.body.resume();
      if (service.apiOperations.includes(operationName)) {
        throw notImplemented(service, operationName);
      }
      // Coral names no unknown operation (kinesalite test/connection.js assertUnknownJson: `{"__type": "UnknownOperationException"}`).
      throw coral ? new AwsError("UnknownOperationException", "", 400, {}, "none") : new AwsError("UnknownOperationException", `${service.name} has no operation '${operationName}'`, 400);
    }
    const raw = await readBody(request.body, service.maxBodyBytes, () => requestEntityTooLarge(service.maxBodyBytes), headerValue(request.headers, "content-length"));
    let body: unknown;
    if (coral) {
      body = parseCoralBody(raw);
    } else {
      try {
        body = raw.length === 0 ? {} : JSON.parse(raw.toString("utf8"));
      } catch {
        throw new AwsError("SerializationException", "The request body is not valid JSON", 400);
      }
    }
    const output = await callOperation(operation, body, coral ? "coral" : "plain", { request, raw, service, context }, authenticate);
    return jsonResponse(200, output ?? {}, answerType, {}, coral);
  } catch (error) {
    return jsonErrorResponse(error instanceof AwsError ? error : unexpectedFailure(error, log), service, answerType);
  }
}
