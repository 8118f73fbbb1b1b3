import { AwsError, internalFailure, storageUnavailable } from "../protocol/AwsError";
import type { HttpRequest } from "../protocol/HttpExchange";
import type { Answer, JsonOperation, JsonService, RequestContext } from "./JsonService";
import { callerOf } from "./requestCaller";
import { validateInput, type InputWording } from "./validateInput";

// The checks of a JSON service's door that come after the body is read, shared by its JSON and CBOR wires.

/** The operation a target names, as an own member only: `Kinesis_20131202.constructor` must not find Object.prototype's. */
export function operationOf(service: JsonService, operationName: string): JsonOperation<unknown, unknown> | undefined {
  return Object.hasOwn(service.operations, operationName) ? service.operations[operationName] : undefined;
}

/** An operation of the service's API that the emulator does not answer. */
export function notImplemented(service: JsonService, operationName: string): AwsError {
  return new AwsError("NotImplemented", `${service.name} operation ${operationName} is not implemented by the gpu-stream emulator`, 501);
}

/**
 * The door's last steps on a decoded body: credentials after the body decodes and before validation, as Kinesis orders
 * them (kinesalite test/connection.js), then validation, then the handler.
 */
export async function callOperation(
  operation: JsonOperation<unknown, unknown>,
  body: unknown,
  wording: InputWording,
  call: { readonly request: HttpRequest; readonly raw: Buffer; readonly service: JsonService; readonly context: RequestContext },
  authenticate?: (request: HttpRequest, service: JsonService, body: Buffer) => void,
): Promise<Answer<unknown>> {
  authenticate?.(call.request, call.service, call.raw);
  const input = validateInput(operation.input, body, "ValidationException", wording);
  return operation.handle(input, { ...call.context, caller: callerOf(call.request) });
}

/** What a failure that is not an AwsError is answered as, once logged: the disk's refusal, or an internal failure. */
export function unexpectedFailure(error: unknown, log: (error: unknown) => void): AwsError {
  log(error);
  return storageUnavailable(error) ?? internalFailure();
}
