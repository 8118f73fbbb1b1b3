import type { ControlAnswers, ControlRefusal, EmulatorHealth, FaultSettings, FaultsAnswer, FirehoseBuffersReport, FirehoseFlushReport } from "./controlAnswers";
import { controlPath, CONTROL_ROUTES, type ControlRoute } from "./controlPaths";

export interface ControlCallOptions {
  /** Aborts the request, e.g. `AbortSignal.timeout(2000)`. */
  readonly signal?: AbortSignal;
}

/** A control route's answer other than 200: its status, and its `{"message"}` when it wrote one. */
export class EmulatorControlError extends Error {
  override readonly name = "EmulatorControlError";

  constructor(
    message: string,
    readonly status: number,
    readonly refusal: ControlRefusal | undefined,
  ) {
    super(message);
  }
}

/**
 * The client of the emulator's own endpoints (`/_emulator/...`, not AWS; control/controlRoutes.ts), typed with the
 * answers the routes produce. Only `fetch`: importing it loads no part of the emulator itself.
 *
 *     const control = new EmulatorControl("http://127.0.0.1:4566");
 *     await control.flushFirehose();
 */
export class EmulatorControl {
  /** The endpoint without a trailing slash. */
  readonly endpointUrl: string;

  constructor(endpointUrl: string) {
    this.endpointUrl = endpointUrl.replace(/\/$/, "");
  }

  /** `GET /_emulator/health`: the services it runs and the instance id of the data directory it serves. */
  health(options: ControlCallOptions = {}): Promise<EmulatorHealth> {
    return this.call(CONTROL_ROUTES.health, "GET", options);
  }

  /** `POST /_emulator/firehose/flush[?name=]`: delivers what Firehose buffers (one delivery stream's, or all) now. */
  flushFirehose(deliveryStreamName?: string, options: ControlCallOptions = {}): Promise<FirehoseFlushReport> {
    return this.call(CONTROL_ROUTES.firehoseFlush, "POST", options, deliveryStreamName);
  }

  /** `GET /_emulator/firehose/buffers[?name=]`: what each delivery stream (or the one named) buffers and has delivered. */
  firehoseBuffers(deliveryStreamName?: string, options: ControlCallOptions = {}): Promise<FirehoseBuffersReport> {
    return this.call(CONTROL_ROUTES.firehoseBuffers, "GET", options, deliveryStreamName);
  }

  /** `GET /_emulator/faults`: the faults in force. */
  faults(options: ControlCallOptions = {}): Promise<FaultsAnswer> {
    return this.call(CONTROL_ROUTES.faults, "GET", options);
  }

  /** `POST /_emulator/faults`: sets these faults (others stay), and answers all in force. */
  setFaults(settings: FaultSettings, options: ControlCallOptions = {}): Promise<FaultsAnswer> {
    return this.call(CONTROL_ROUTES.faults, "POST", options, undefined, JSON.stringify(settings));
  }

  /** `DELETE /_emulator/faults`: clears every fault. */
  clearFaults(options: ControlCallOptions = {}): Promise<FaultsAnswer> {
    return this.call(CONTROL_ROUTES.faults, "DELETE", options);
  }

  private async call<Route extends ControlRoute>(route: Route, method: string, options: ControlCallOptions, name?: string, body?: string): Promise<ControlAnswers[Route]> {
    const query = name === undefined ? "" : `?name=${encodeURIComponent(name)}`;
    const path = controlPath(route);
    const response = await fetch(`${this.endpointUrl}${path}${query}`, { method, ...(body === undefined ? {} : { body }), ...(options.signal === undefined ? {} : { signal: options.signal }) });
    const text = await response.text();
    if (!response.ok) {
      throw new EmulatorControlError(`${method} ${path} at ${this.endpointUrl} answered ${response.status}: ${text}`, response.status, refusalOf(text));
    }
    return JSON.parse(text) as ControlAnswers[Route];
  }
}

function refusalOf(text: string): ControlRefusal | undefined {
  try {
    const answer = JSON.parse(text) as Partial<ControlRefusal> | null;
    return typeof answer?.message === "string" ? (answer as ControlRefusal) : undefined;
  } catch {
    return undefined;
  }
}
