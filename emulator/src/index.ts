export { start, DEFAULT_HOST, DEFAULT_PORT, type EmulatorOptions, type RunningEmulator } from "./start";
export { AwsError } from "./server/AwsError";
