import { AwsError, internalFailure, storageUnavailable } from "../protocol/AwsError";
import { coralCborErrorResponse, coralCborResponse, decodeCoralCbor } from "../protocol/awsJson/coralCbor";
import { coralProtocolError } from "../protocol/awsJson/coralDoor";
import type { HttpRequest, HttpResponse } from "../protocol/HttpExchange";
import type { JsonService, RequestContext } from "./JsonService";
import { callerOf } from "./requestCaller";
import { validateInput } from "./validateInput";

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
    // An own member only: `Kinesis_20131202.constructor` must not find Object.prototype's.
    const operation = Object.hasOwn(service.operations, operationName) ? service.operations[operationName] : undefined;
    if (operation === undefined) {
      throw new AwsError("NotImplemented", `${service.name} operation ${operationName} is not implemented by the gpu-stream emulator`, 501);
    }
    const body = await decodeCoralCbor(raw);
    if (body === undefined) {
      return coralProtocolError("cbor", "SerializationException", service.errorNamespace);
    }
    authenticate?.(request, service, raw);
    const input = validateInput(operation.input, body, "ValidationException", "coral");
    return await coralCborResponse(await operation.handle(input, { ...context, caller: callerOf(request) }));
  } catch (error) {
    if (error instanceof AwsError) {
      return coralCborErrorResponse(error, service.errorNamespace);
    }
    log(error);
    return coralCborErrorResponse(storageUnavailable(error) ?? internalFailure(), service.errorNamespace);
  }
}
