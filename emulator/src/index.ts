export { start, DEFAULT_HOST, DEFAULT_PORT, type EmulatorOptions, type RunningEmulator } from "./start";
export { ensureEmulatorRunning, probeEmulator, stopEmulator, DEFAULT_EMULATOR_DATA_DIR, type EmulatorProcess, type EnsureEmulatorOptions, type Probe, type StopEmulatorOptions, type StopResult } from "./detached";
export { AwsError } from "./protocol/AwsError";
// The --credentials syntax, for the dashboard's flag of the same name.
export { parseAccessKey, type AccessKey } from "./server/auth/AccessKey";
export { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from "./server/connectionLimits";
export {
  createFirehoseService,
  type DeliveredObject,
  type FirehoseBuffersReport,
  type FirehoseBufferStatus,
  type FirehoseFlushReport,
  type FirehoseOptions,
  type FirehoseService,
  type FlushResult,
} from "./services/firehose/createFirehoseService";
// The pieces of Firehose's object naming, exported for their unit tests.
export { deliveryPrefixes, objectKey, objectSuffix } from "./services/firehose/objectKeys";
export { evaluatePrefix, parsePrefix, PrefixError } from "./services/firehose/prefixExpressions";
export type { KinesisStreams, ShardLineage, StoredRecord } from "./services/kinesis/KinesisStreams";
export type { S3Objects, StoredObjectInfo } from "./services/s3/S3Objects";
// How many table scans DuckDB read_json answered directly, for the tests of that path.
export { directJsonScans } from "./services/athena/directJsonScan";
// Athena's sandboxed DuckDB, exported for the test of its sandbox.
export { DuckEngine } from "./services/athena/DuckEngine";
// The byte scan that decides whether DuckDB may read a JSON object's string columns as text, for its unit test.
export { JsonLineProfile } from "./services/athena/jsonLineProfile";
// Athena's streaming reader and its caps, and what hides local paths from its errors, for their tests.
export { MAX_LINE_BYTES, MAX_OBJECT_TEXT_BYTES, objectLines } from "./services/athena/objectLines";
export { LocalPaths } from "./services/athena/LocalPaths";
export { quoteIdentifier, quoteString } from "./services/athena/sql/analyze/sqlText";
// IAM's policy evaluation, which Firehose and the crawler act under, exported for its unit tests.
export { actionMatches, evaluateStatements, resourceMatches, statementsOf, type Decision, type EvaluatedStatement } from "./services/iam/policyEvaluation";
