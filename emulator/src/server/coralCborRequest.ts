import { AwsError } from "../protocol/AwsError";
import { coralCborErrorResponse, coralCborResponse, decodeCoralCbor } from "../protocol/awsJson/coralCbor";
import { coralProtocolError } from "../protocol/awsJson/coralDoor";
import type { HttpRequest, HttpResponse } from "../protocol/HttpExchange";
import type { JsonService, RequestContext } from "./JsonService";
import { callOperation, notImplemented, operationOf, unexpectedFailure } from "./jsonOperationCall";

/**
 * A Coral request whose body is CBOR (coralDoor.ts), past the checks of the target and of an empty body: the rest
 * of the JSON path's door in the same order (body decodes -> signature -> validation -> handler), on the value the
 * same request would be over JSON (coralCbor.ts), so validation, wording and handlers are the JSON path's own.
 * Answers and errors in CBOR.
 */
export async function handleCoralCborRequest(
  request: HttpRequest,
  service: JsonService,
  operationName: string,
  raw: Buffer,
  context: RequestContext,
  log: (error: unknown) => void,
  authenticate?: (request: HttpRequest, service: JsonService, body: Buffer) => void,
): Promise<HttpResponse> {
  try {
    const operation = operationOf(service, operationName);
    if (operation === undefined) {
      throw notImplemented(service, operationName);
    }
    const body = await decodeCoralCbor(raw);
    if (body === undefined) {
      return coralProtocolError("cbor", "SerializationException", service.errorNamespace);
    }
    return await coralCborResponse(await callOperation(operation, body, "coral", { request, raw, service, context }, authenticate));
  } catch (error) {
    return coralCborErrorResponse(error instanceof AwsError ? error : unexpectedFailure(error, log), service.errorNamespace);
  }
}
