// The package's public API. Tests reach internals through `@gpu-stream/emulator/internal/<path>` (package.json exports).
export { start, DEFAULT_HOST, DEFAULT_PORT, type EmulatorOptions, type RunningEmulator } from "./start";
export { ensureEmulatorRunning, probeEmulator, stopEmulator, DEFAULT_EMULATOR_DATA_DIR, type EmulatorProcess, type EnsureEmulatorOptions, type Probe, type StopEmulatorOptions, type StopResult } from "./detached";
export { AwsError } from "./protocol/AwsError";
// The --credentials syntax, for the dashboard's flag of the same name.
export { parseAccessKey, type AccessKey } from "./server/auth/AccessKey";
export { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from "./server/connectionLimits";
export type { AthenaStats } from "./services/athena/createAthenaService";
export type {
  DeliveredObject,
  FirehoseBuffersReport,
  FirehoseBufferStatus,
  FirehoseFlushReport,
  FirehoseOptions,
  FlushResult,
} from "./services/firehose/createFirehoseService";
// The client of the emulator's own endpoints, also alone as `@gpu-stream/emulator/control` (no DuckDB loaded).
export * from "./control/index";
