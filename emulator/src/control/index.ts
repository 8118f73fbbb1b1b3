// `@gpu-stream/emulator/control`: the client of the emulator's own endpoints and how a checkout finds its emulator.
// Light on purpose (fetch, node:fs, node:http): importing it starts no DuckDB and loads no service.
export { EmulatorControl, EmulatorControlError, type ControlCallOptions } from "./EmulatorControl";
export { CONTROL_PATH_PREFIX, CONTROL_ROUTES, controlPath, type ControlRoute } from "./controlPaths";
export type {
  ControlAnswers,
  ControlRefusal,
  DeliveredObject,
  DeliveryFailure,
  EmulatorHealth,
  FaultName,
  FaultSettings,
  FaultsAnswer,
  FirehoseBuffersReport,
  FirehoseBufferStatus,
  FirehoseFlushReport,
  FlushResult,
} from "./controlAnswers";
export {
  DEFAULT_EMULATOR_DATA_DIR,
  EMULATOR_DATA_DIR_ENV,
  EMULATOR_INSTANCE_FILE,
  EMULATOR_PID_FILE,
  emulatorDataDir,
  findRecordedEmulator,
  identifyEmulator,
  readEmulatorRecord,
  readInstanceId,
  servesDataDir,
  type EmulatorIdentity,
  type EmulatorRecord,
} from "./emulatorRecord";
