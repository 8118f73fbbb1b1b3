import { Command, InvalidArgumentError, Option } from "commander";
import {
  abortableSleep,
  checkRecordedEmulator,
  createAwsClients,
  createSampleSource,
  DEFAULT_PROFILE_PATH,
  formatProduceProgress,
  isSelfPaced,
  METRICS,
  nowUs,
  parseMetric,
  produceRecords,
  randomSeed,
  readProfileOrOriginal,
  SAMPLE_SOURCE_KINDS,
  serializeRecord,
  toRecord,
  type Metric,
  type ProduceProgress,
  type SampleSource,
  type SampleSourceKind,
} from "@gpu-stream/shared";
import { LOCAL_ENDPOINT_HELP, parseBatchSize, parseInteger, parseNonNegativeNumber, parsePositiveInteger, parsePositiveNumber } from "./optionParsers";

interface ProduceFlags {
  metric: string[];
  source: SampleSourceKind;
  log?: string;
  speed: number;
  profile: string;
  seed?: number;
  gpuId: string;
  interval?: number;
  count?: number;
  duration?: number;
  batch: number;
  stream: string;
  mode?: "local" | "aws";
  endpoint?: string;
  region?: string;
  keepTimestamps?: boolean;
  dryRun?: boolean;
}

/** The original producers put one record every 10 s. */
const ORIGINAL_INTERVAL_SECONDS = 10;
const DRY_RUN_DEFAULT_COUNT = 10;

function parseMetrics(names: readonly string[]): Metric[] {
  if (names.some((name) => name.toLowerCase() === "all")) {
    return [...METRICS];
  }
  try {
    return [...new Set(names.map(parseMetric))];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** Prints records as JSON lines instead of sending them: the same samples, pacing and bounds, no AWS. */
async function printRecords(source: SampleSource, metrics: readonly Metric[], flags: ProduceFlags, intervalMs: number, signal: AbortSignal): Promise<void> {
  const limit = flags.count ?? (flags.duration === undefined ? DRY_RUN_DEFAULT_COUNT : Infinity);
  const deadline = flags.duration === undefined ? Infinity : performance.now() + flags.duration * 1000;
  let printed = 0;
  for await (const sample of source) {
    const stamped = flags.keepTimestamps === true ? sample : { ...sample, timeUs: nowUs() };
    for (const metric of metrics) {
      if (printed >= limit) {
        return;
      }
      printed += 1;
      process.stdout.write(`${serializeRecord(toRecord(stamped, metric, printed))}\n`);
    }
    if (signal.aborted || performance.now() >= deadline || printed >= limit) {
      return;
    }
    if (intervalMs > 0 && !(await abortableSleep(Math.min(intervalMs, deadline - performance.now()), signal))) {
      return;
    }
  }
}

function progressPrinter(): (progress: ProduceProgress) => void {
  let lastPrintMs = 0;
  return (progress) => {
    const now = performance.now();
    if (now - lastPrintMs >= 1000) {
      lastPrintMs = now;
      process.stderr.write(`${formatProduceProgress(progress)}\n`);
    }
  };
}

async function runProduce(flags: ProduceFlags): Promise<void> {
  const metrics = parseMetrics(flags.metric);
  if (flags.source === "replay" && flags.log === undefined) {
    throw new InvalidArgumentError("--source replay needs --log <path> (a GPU-Z sensor log or nvidia-smi CSV)");
  }
  const selfPaced = isSelfPaced(flags.source);
  const intervalSeconds = flags.interval ?? (flags.dryRun === true && !selfPaced ? 0 : ORIGINAL_INTERVAL_SECONDS);
  const seed = flags.seed ?? randomSeed();
  const profile = await readProfileOrOriginal(flags.profile);
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const source = await createSampleSource({
      kind: flags.source,
      profile,
      seed,
      gpuId: flags.gpuId,
      stepMs: Math.max(intervalSeconds, 0.1) * 1000,
      // A bounded run plays one whole session of the simulated GPU (see realisticSamples).
      ...(flags.count === undefined ? {} : { runSamples: Math.ceil(flags.count / metrics.length) }),
      ...(flags.log === undefined ? {} : { logPath: flags.log }),
      speed: flags.speed,
      signal: stop.signal,
    });
    const producerIntervalMs = selfPaced ? 0 : intervalSeconds * 1000;
    const origin = flags.source === "uniform" || flags.source === "realistic" ? `${flags.source} model (seed ${seed}, ranges from ${profile.source})` : flags.source === "replay" ? `replay of ${flags.log} at ${flags.speed}x` : "nvidia-smi";
    if (flags.dryRun === true) {
      process.stderr.write(`dry run: records from the ${origin}, printed, not sent\n`);
      await printRecords(source, metrics, flags, producerIntervalMs, stop.signal);
      return;
    }
    const clients = createAwsClients({
      ...(flags.mode === undefined ? {} : { mode: flags.mode }),
      ...(flags.endpoint === undefined ? {} : { endpoint: flags.endpoint }),
      ...(flags.region === undefined ? {} : { region: flags.region }),
    });
    await checkRecordedEmulator(clients.target).catch((error: unknown) => {
      clients.destroy();
      throw error;
    });
    const bound = [flags.count === undefined ? "" : `${flags.count} record${flags.count === 1 ? "" : "s"}`, flags.duration === undefined ? "" : `${flags.duration} s`].filter(Boolean).join(" or ") || "until Ctrl-C";
    process.stderr.write(
      `producing ${metrics.join(", ")} from the ${origin} into stream '${flags.stream}' on ${clients.target.description}, ` +
        `${flags.batch === 1 ? "PutRecord per record" : `PutRecords batches of up to ${flags.batch}`}, ${bound}\n`,
    );
    const report = await produceRecords({
      kinesis: clients.kinesis,
      streamName: flags.stream,
      source,
      metrics,
      intervalMs: producerIntervalMs,
      batchSize: flags.batch,
      restamp: flags.keepTimestamps !== true,
      signal: stop.signal,
      onProgress: progressPrinter(),
      ...(flags.count === undefined ? {} : { count: flags.count }),
      ...(flags.duration === undefined ? {} : { durationMs: flags.duration * 1000 }),
    });
    process.stderr.write(`done: ${formatProduceProgress(report)}\n`);
    if (report.failed > 0) {
      process.exitCode = 1;
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

export function produceCommand(): Command {
  return new Command("produce")
    .description("put GPU telemetry records into the Kinesis data stream, as the course's producer notebooks do")
    .option("-m, --metric <names...>", `metrics to produce, one record each per sample: ${METRICS.join(", ")} or all`, ["all"])
    .addOption(new Option("-s, --source <kind>", "where samples come from").choices(SAMPLE_SOURCE_KINDS).default("realistic"))
    .option("--log <path>", "the GPU log to replay (GPU-Z sensor log or nvidia-smi CSV), with --source replay")
    .option("--speed <factor>", "replay this many times faster than recorded", parsePositiveNumber, 1)
    .option("--profile <path>", "the generator profile with each metric's range (the original exercise's ranges when the file is missing)", DEFAULT_PROFILE_PATH)
    .option("--seed <n>", "seed of the synthetic sources, to repeat a run (default: random, printed)", parseInteger)
    .option("--gpu-id <id>", "the GPU's id; records are partitioned by it (partition key gpu-<id>)", "0")
    .option("-i, --interval <seconds>", `seconds between samples (default ${ORIGINAL_INTERVAL_SECONDS}, as the original; 0 in a dry run)`, parseNonNegativeNumber)
    .option("-n, --count <records>", `stop after this many records (a dry run prints ${DRY_RUN_DEFAULT_COUNT} by default)`, parsePositiveInteger)
    .option("-d, --duration <seconds>", "stop after this many seconds", parsePositiveNumber)
    .option("-b, --batch <size>", "1: one PutRecord per record, as the original; 2-500: PutRecords batches", parseBatchSize, 1)
    .option("--stream <name>", "the Kinesis data stream", "gpucontrole")
    .addOption(new Option("--mode <mode>", "local emulator or real AWS (default: $GPU_STREAM_MODE or local)").choices(["local", "aws"]))
    .option("--endpoint <url>", LOCAL_ENDPOINT_HELP)
    .option("--region <region>", "AWS region (default: $AWS_REGION, else the profile's)")
    .option("--keep-timestamps", "keep the source's timestamps instead of stamping each record when it is sent")
    .option("--dry-run", "print the records as JSON lines instead of sending them (no AWS needed)")
    .action(runProduce);
}
