import type { EmulatorFaults } from "../faults/EmulatorFaults";
import type { HttpRequest, HttpResponse } from "../protocol/HttpExchange";
import type { ControlRefusal, EmulatorHealth, FirehoseBuffersReport, FirehoseFlushReport } from "./controlAnswers";
import { controlResponse } from "./controlResponse";
import { CONTROL_ROUTES } from "./controlPaths";
import { faultsRoute } from "./faultsRoute";
import { firehoseBuffersRoute, flushFirehoseRoute } from "./firehoseRoutes";

/** What the control routes act on: handed over by start.ts, so this module creates and imports no service. */
export interface ControlTarget {
  /** The data directory's instance id. */
  readonly instance: string;
  /** The services the health answer names. */
  readonly services: readonly string[];
  flushFirehose(deliveryStreamName?: string): Promise<FirehoseFlushReport>;
  firehoseBuffers(): FirehoseBuffersReport;
  readonly faults: EmulatorFaults;
}

/**
 * Every `/_emulator/<path>` endpoint (not AWS) in one table; `path` is what follows the prefix, without the query.
 * The server (server/routeRequest.ts) calls this for those paths after its cross-origin check.
 */
export function controlRoutes(target: ControlTarget): (path: string, request: HttpRequest) => Promise<HttpResponse> {
  return async (path, request) => {
    switch (path) {
      case CONTROL_ROUTES.health:
        // instance: which data directory this serves, as an opaque id (control/emulatorRecord.ts), never its path.
        return controlResponse<EmulatorHealth>(200, { status: "ok", services: target.services, instance: target.instance });
      case CONTROL_ROUTES.firehoseFlush:
        return flushFirehoseRoute(request, (name) => target.flushFirehose(name));
      case CONTROL_ROUTES.faults:
        return faultsRoute(request, target.faults);
      case CONTROL_ROUTES.firehoseBuffers:
        return firehoseBuffersRoute(request, () => target.firehoseBuffers());
      default:
        return controlResponse<ControlRefusal>(404, { message: `no emulator endpoint /_emulator/${path}` });
    }
  };
}
