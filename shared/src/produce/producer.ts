/*
 * `@gpu-stream/shared/producer`: what the producer notebooks import, and nothing whose declarations reach an AWS
 * SDK client other than Kinesis. tslab type-checks every cell with a TypeScript program it keeps for the kernel's
 * life (tslab/dist/converter.js), so each client's declarations a notebook's imports reach stay in its memory;
 * the root module reaches all of them (docs/notebooks.md, "What a kernel holds in memory").
 */
export { connectProducer, type ProducerSession } from "./connectProducer";
export type { AwsMode, AwsTarget, ConnectOptions } from "../clients/awsClientConfig";
export { readProfileOrOriginal, type GeneratorProfile } from "../source/GeneratorProfile";
export { abortableSleep } from "../wait/abortableSleep";
export { abortOnInterrupt, type InterruptSignal } from "./interruptSignal";
export { formatRecordTimestamp, formatValue } from "./TelemetryRecord";
export { nowUs, type GpuSample } from "../gpuLog/GpuSample";
export { realisticSamples } from "../source/realisticSamples";
export { uniformSamples } from "../source/uniformSamples";
export { formatProduceProgress } from "./produceProgress";
export { produceRecords } from "./produceRecords";
export { COURSE_NAMES } from "../provision/pipelineNames";
export { ensureStream } from "../provision/ensureStream";
