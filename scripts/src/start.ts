import { mkdir, writeFile } from "node:fs/promises";
import { GetTableCommand } from "@aws-sdk/client-glue";
import { ListObjectsV2Command, GetObjectCommand } from "@aws-sdk/client-s3";
import {
  COURSE_NAMES,
  ensureCrawler,
  ensureDatabase,
  loadSql,
  runCrawler,
  runQuery,
  runQueryToCsv,
  runQueryToRows,
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
const RESULTS_BUCKET = "gpu-stream-athena-results";
const DATABASE = "gpu_stream";
const CRAWLER = "gpu-stream-crawler";
/** Glue names a table crawled at a bucket's root after the bucket, lower-case, with `_` for `-`. */
const TABLE = "gpu_stream_telemetry";
const CSV_PATH = "data/Dadosdesnormalizados.csv";
const SAMPLES = 200;
/** The emulator checks no IAM; on AWS these are the roles set-up creates. */
const LOCAL_ROLE_ARN = "arn:aws:iam::000000000000:role/gpu-stream-firehose";
const LOCAL_CRAWLER_ROLE_ARN = "arn:aws:iam::000000000000:role/gpu-stream-glue";

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/**
 * `npm start`: the exercise on the local emulator, as far as it is built: profile the GPU log, produce records
 * into the Kinesis stream, let Firehose deliver them to S3, catalog them with the Glue crawler, query them with
 * Athena and download the denormalized CSV. The notebooks and charts come with the next issue.
 */
async function main(): Promise<void> {
  const started = performance.now();
  say(`[1/6] profiling ${SAMPLE_LOG_PATH} (a synthetic GPU-Z sensor log) with danfo.js`);
  const profile = await profileGpuLog(await readGpuLog(SAMPLE_LOG_PATH), SAMPLE_LOG_PATH);
  await writeProfile(DEFAULT_PROFILE_PATH, profile);
  say(formatProfileTable(profile));
  say(`      wrote ${DEFAULT_PROFILE_PATH}: the ranges the producers draw from`);

  const endpoint = await startLocalEmulator(EMULATOR_DATA_DIR);
  const clients = createAwsClients({ mode: "local", endpoint: endpoint.url });
  try {
    say(`\n[2/6] ${endpoint.emulator === undefined ? "using the emulator already running" : "started the local emulator"} at ${endpoint.url} (state in ${EMULATOR_DATA_DIR}/)`);
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

    say(`\n[3/6] producing ${SAMPLES} samples x ${METRICS.length} metrics from the realistic GPU model with PutRecords`);
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

    say(`\n[4/6] asking Firehose to deliver its buffer now (an emulator-only call; AWS would wait for the buffering hints)`);
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

    say(`\n[5/6] the Glue crawler catalogs s3://${BUCKET}/ in database ${DATABASE}`);
    await ensureBucket(clients.s3, RESULTS_BUCKET);
    await ensureDatabase(clients.glue, DATABASE);
    await ensureCrawler(clients.glue, { name: CRAWLER, database: DATABASE, s3Path: `s3://${BUCKET}/`, roleArn: LOCAL_CRAWLER_ROLE_ARN });
    await runCrawler(clients.glue, CRAWLER);
    const { Table: table } = await clients.glue.send(new GetTableCommand({ DatabaseName: DATABASE, Name: TABLE }));
    const describe = (columns: { Name?: string; Type?: string }[] | undefined): string => (columns ?? []).map((column) => `${column.Name} ${column.Type}`).join(", ");
    say(`      table ${DATABASE}.${TABLE}: ${describe(table?.StorageDescriptor?.Columns)}`);
    say(`      partitioned by ${describe(table?.PartitionKeys)} (Firehose's YYYY/MM/DD/HH folders)`);

    say(`\n[6/6] Athena: records per tipo, the course's denormalization (CTAS "dados_tratados"), and its CSV`);
    const query = { database: DATABASE, outputLocation: `s3://${RESULTS_BUCKET}/` };
    const perTipo = await runQueryToRows(clients.athena, `select "tipo", count(*) as "records", round(avg(cast("dado" as double)), 2) as "mean" from "${TABLE}" group by "tipo" order by "tipo"`, query);
    for (const row of perTipo) {
      say(`      ${String(row["tipo"]).padEnd(12)} ${String(row["records"]).padStart(6)} records, mean ${row["mean"]}`);
    }
    await runQuery(clients.athena, `drop table if exists "dados_tratados"`, query);
    await runQuery(clients.athena, loadSql("dados_tratados", { table: TABLE }), query);
    const csv = await runQueryToCsv(clients.athena, clients.s3, `select * from "dados_tratados" order by "timestamp"`, query);
    await mkdir("data", { recursive: true });
    await writeFile(CSV_PATH, csv);
    say(`      wrote ${CSV_PATH}: ${csv.split("\n").filter((line) => line !== "").length - 1} rows (every record Firehose delivered, one per line)`);

    say(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s. Not built yet: the notebooks and the charts (next issue).`);
  } finally {
    clients.destroy();
    await endpoint.emulator?.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
