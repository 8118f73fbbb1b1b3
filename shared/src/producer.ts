/*
 * `@gpu-stream/shared/producer`: what the producer notebooks import, and nothing whose declarations reach an AWS
 * SDK client other than Kinesis. tslab type-checks every cell with a TypeScript program it keeps for the kernel's
 * life (tslab/dist/converter.js), so each client's declarations a notebook's imports reach stay in its memory;
 * the root module reaches all of them (docs/notebooks.md, "What a kernel holds in memory").
 */
export { connectProducer, type ProducerSession } from "./connectProducer";
export type { AwsMode, AwsTarget, ConnectOptions } from "./awsClientConfig";
export { readProfileOrOriginal, type GeneratorProfile } from "./GeneratorProfile";
export { abortableSleep } from "./abortableSleep";
export { abortOnInterrupt, type InterruptSignal } from "./pipeline/interruptSignal";
export { formatRecordTimestamp, formatValue } from "./TelemetryRecord";
export { nowUs, type GpuSample } from "./GpuSample";
export { realisticSamples } from "./realisticSamples";
export { uniformSamples } from "./uniformSamples";
export { formatProduceProgress } from "./produceProgress";
export { produceRecords } from "./produceRecords";
export { COURSE_NAMES, ensureStream } from "./kinesisStream";
