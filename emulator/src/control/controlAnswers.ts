// What the control routes (controlRoutes.ts) answer, typed once for them and for the client (EmulatorControl.ts).
// Type-only imports: the client subpath loads no service.
import type { FaultSettings } from "../faults/EmulatorFaults";
import type { FirehoseFlushReport } from "../services/firehose/createFirehoseService";
import type { FirehoseBuffersReport } from "../services/firehose/firehoseBuffers";

export type { DeliveredObject, DeliveryFailure, FlushResult } from "../services/firehose/DeliveryStreamWorker";
export type { FaultName, FaultSettings } from "../faults/EmulatorFaults";
export type { FirehoseFlushReport } from "../services/firehose/createFirehoseService";
export type { FirehoseBuffersReport, FirehoseBufferStatus } from "../services/firehose/firehoseBuffers";

/** `GET /_emulator/health`. */
export interface EmulatorHealth {
  readonly status: "ok";
  readonly services: readonly string[];
  /** Which data directory this emulator serves, as an opaque id (emulatorRecord.ts), never its path. */
  readonly instance: string;
}

/** `/_emulator/faults` (every method): what is in force, durations as what is left of them. */
export interface FaultsAnswer {
  readonly faults: FaultSettings;
}

/** A refused control request: `{"message"}`, with `__type` where a Firehose delivery stream is not found. */
export interface ControlRefusal {
  readonly __type?: string;
  readonly message: string;
}

/** Every answer by route, so a misspelled member is a compile error in the routes and the client alike. */
export interface ControlAnswers {
  readonly health: EmulatorHealth;
  readonly "firehose/flush": FirehoseFlushReport;
  readonly "firehose/buffers": FirehoseBuffersReport;
  readonly faults: FaultsAnswer;
}
