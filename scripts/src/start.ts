import { ListObjectsV2Command, GetObjectCommand } from "@aws-sdk/client-s3";
import {
  COURSE_NAMES,
  createAwsClients,
  DEFAULT_PROFILE_PATH,
  ensureBucket,
  ensureDeliveryStream,
  ensureStream,
  formatProduceProgress,
  formatProfileTable,
  METRICS,
  produceRecords,
  profileGpuLog,
  readGpuLog,
  realisticSamples,
  SAMPLE_LOG_PATH,
  writeProfile,
} from "@gpu-stream/shared";
import { startLocalEmulator } from "./startLocalEmulator";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const EMULATOR_DATA_DIR = "data/emulator";
const BUCKET = "gpu-stream-telemetry";
const SAMPLES = 200;
/** The emulator checks no IAM; on AWS these are the roles set-up creates. */
const LOCAL_ROLE_ARN = "arn:aws:iam::000000000000:role/gpu-stream-firehose";

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/**
 * `npm start`: the exercise on the local emulator, as far as it is built: profile the GPU log, produce records
 * into the Kinesis stream, let Firehose deliver them to S3, and show what landed. The Glue crawler, Athena and
 * the charts come with the next issues.
 */
async function main(): Promise<void> {
  const started = performance.now();
  say(`[1/4] profiling ${SAMPLE_LOG_PATH} (a synthetic GPU-Z sensor log) with danfo.js`);
  const profile = await profileGpuLog(await readGpuLog(SAMPLE_LOG_PATH), SAMPLE_LOG_PATH);
  await writeProfile(DEFAULT_PROFILE_PATH, profile);
  say(formatProfileTable(profile));
  say(`      wrote ${DEFAULT_PROFILE_PATH}: the ranges the producers draw from`);

  const endpoint = await startLocalEmulator(EMULATOR_DATA_DIR);
  const clients = createAwsClients({ mode: "local", endpoint: endpoint.url });
  try {
    say(`\n[2/4] ${endpoint.emulator === undefined ? "using the emulator already running" : "started the local emulator"} at ${endpoint.url} (state in ${EMULATOR_DATA_DIR}/)`);
    const bucket = await ensureBucket(clients.s3, BUCKET);
    const stream = await ensureStream(clients.kinesis, COURSE_NAMES.stream, { shardCount: 2 });
    const delivery = await ensureDeliveryStream(clients.firehose, {
      deliveryStreamName: COURSE_NAMES.deliveryStream,
      sourceStreamArn: stream.streamArn,
      bucket: BUCKET,
      roleArn: LOCAL_ROLE_ARN,
      bufferIntervalSeconds: 60,
      newlineDelimited: true,
    });
    const state = (created: boolean): string => (created ? "created" : "already there");
    say(`      bucket ${BUCKET} ${state(bucket.created)}; stream ${COURSE_NAMES.stream} ${state(stream.created)}; Firehose ${COURSE_NAMES.deliveryStream} ${state(delivery.created)} (newline-delimited)`);

    say(`\n[3/4] producing ${SAMPLES} samples x ${METRICS.length} metrics from the realistic GPU model with PutRecords`);
    const report = await produceRecords({
      kinesis: clients.kinesis,
      streamName: COURSE_NAMES.stream,
      source: realisticSamples({ profile, seed: Date.now() % 2 ** 31 }),
      metrics: METRICS,
      intervalMs: 0,
      count: SAMPLES * METRICS.length,
      batchSize: 250,
    });
    say(`      ${formatProduceProgress(report)}`);
    if (report.failed > 0) {
      throw new Error(`${report.failed} records could not be put`);
    }

    say(`\n[4/4] asking Firehose to deliver its buffer now (an emulator-only call; AWS would wait for the buffering hints)`);
    const flushed = await fetch(`${endpoint.url}/_emulator/firehose/flush`, { method: "POST" });
    if (!flushed.ok) {
      throw new Error(`the emulator's Firehose flush answered ${flushed.status}`);
    }
    const listing = await clients.s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    const objects = listing.Contents ?? [];
    const newest = objects.reduce<(typeof objects)[number] | undefined>((latest, object) => (latest === undefined || (object.LastModified ?? 0) > (latest.LastModified ?? 0) ? object : latest), undefined);
    say(`      s3://${BUCKET}/ holds ${objects.length} object(s)${listing.IsTruncated === true ? " (first page)" : ""}; the newest:`);
    if (newest?.Key !== undefined) {
      const body = await (await clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: newest.Key }))).Body!.transformToString();
      const lines = body.split("\n").filter((line) => line !== "");
      say(`      ${newest.Key} (${newest.Size} bytes, ${lines.length} records, one per line)`);
      say(`      first record: ${lines[0]}`);
      say(`      on disk: ${EMULATOR_DATA_DIR}/s3/${BUCKET}/${newest.Key}`);
    }
    say(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s. Not built yet: the Glue crawler, Athena and the charts (next issues).`);
  } finally {
    clients.destroy();
    await endpoint.emulator?.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
