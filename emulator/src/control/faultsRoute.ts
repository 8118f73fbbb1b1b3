// Not AWS: the emulator's fault injection (docs/emulator.md "Faults (not AWS)"); each fault's answer cites its source in EmulatorFaults.ts.
import type { HttpRequest, HttpResponse } from "../protocol/HttpExchange";
import { AwsError } from "../protocol/AwsError";
import { readBody } from "../server/readBody";
import { FaultRequestError, parseFaultSettings, type EmulatorFaults } from "../faults/EmulatorFaults";
import type { ControlRefusal, FaultsAnswer } from "./controlAnswers";
import { controlResponse } from "./controlResponse";

const MAX_BODY_BYTES = 16 * 1024;
const USAGE = "POST /_emulator/faults sets faults (JSON object by name), GET lists them, DELETE clears them (docs/emulator.md, Faults)";

/** `/_emulator/faults` (not AWS): GET lists the faults in force, POST sets some, DELETE clears them all. */
export async function faultsRoute(request: HttpRequest, faults: EmulatorFaults): Promise<HttpResponse> {
  if (request.method === "GET") {
    request.body.resume();
    return controlResponse<FaultsAnswer>(200, { faults: faults.list() });
  }
  if (request.method === "DELETE") {
    request.body.resume();
    faults.clear();
    return controlResponse<FaultsAnswer>(200, { faults: faults.list() });
  }
  if (request.method !== "POST") {
    request.body.resume();
    return controlResponse<ControlRefusal>(405, { message: USAGE });
  }
  try {
    const body = await readBody(request.body, MAX_BODY_BYTES, () => new AwsError("RequestTooLarge", `at most ${MAX_BODY_BYTES} bytes`, 413));
    faults.set(parseFaultSettings(body.toString("utf8")));
    return controlResponse<FaultsAnswer>(200, { faults: faults.list() });
  } catch (error) {
    if (error instanceof FaultRequestError) {
      return controlResponse<ControlRefusal>(400, { message: `${error.message}. ${USAGE}` });
    }
    if (error instanceof AwsError) {
      return controlResponse<ControlRefusal>(error.statusCode, { message: error.message });
    }
    throw error;
  }
}
