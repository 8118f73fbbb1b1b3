import { randomUUID } from "node:crypto";
import { PutRecordCommand } from "@aws-sdk/client-kinesis";
import {
  ensureBucket,
  ensureDatabase,
  ensureDeliveryStream,
  ensureStream,
  formatRecordTimestamp,
  localPipelineNames,
  roleArn,
  runQuery,
  s3Uri,
  serializeRecord,
  type AwsClients,
  type PipelineNames,
  type TelemetryRecord,
} from "@gpu-stream/shared";
import type { FreshnessResults } from "./EmulatorOnlyResults";
import { withLocalEmulator } from "./localEmulator";
import { median, percentile, round } from "./stats";
import { timedAthenaQuery, type AthenaQueryTarget } from "./timedAthenaQuery";

const TABLE = "freshness";
const RECORD_TIMEOUT_MS = 30_000;

/**
 * The table is declared over the whole Firehose prefix WITHOUT partitions rather than crawled: a crawled table
 * is partitioned by the YYYY/MM/DD/HH folders and Athena reads only registered partitions, so a record that
 * lands in a new hour folder stays invisible until someone crawls again (or runs MSCK / ADD PARTITION).
 * Re-crawling inside the timed loop would measure the crawler, and skipping it would make the figure depend
 * on the wall clock. An unpartitioned table reads every object under the prefix, whatever the hour, as
 * Athena does with its recursive listing of an unpartitioned location: what is timed is Firehose's own
 * delivery plus one Athena read.
 */
function createTableSql(names: PipelineNames): string {
  return [
    `CREATE EXTERNAL TABLE \`${TABLE}\` (\`idtemp\` string, \`dado\` string, \`tipo\` string, \`timestamp\` string, \`gpu\` string, \`unidade\` string)`,
    `ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'`,
    `LOCATION '${s3Uri(names.bucket, names.dataPrefix)}'`,
  ].join(" ");
}

async function provision(clients: AwsClients, names: PipelineNames, query: AthenaQueryTarget): Promise<void> {
  await ensureBucket(clients.s3, names.bucket);
  const { streamArn } = await ensureStream(clients.kinesis, names.stream, { shardCount: 1 });
  await ensureDeliveryStream(clients.firehose, names.deliveryStream, {
    sourceStreamArn: streamArn,
    bucket: names.bucket,
    roleArn: roleArn(names, names.firehoseRole),
    prefix: names.dataPrefix,
    bufferIntervalSeconds: 0,
    bufferSizeMB: 1,
  });
  await ensureDatabase(clients.glue, names.database);
  await runQuery(clients.athena, createTableSql(names), { database: query.database, outputLocation: query.outputLocation });
}

interface Freshness {
  readonly ms: number;
  readonly polls: number;
  readonly queryMs: readonly number[];
}

/** Puts one record and polls Athena for it until a query returns it; no flush: Firehose delivers on its own. */
async function freshnessOnce(clients: AwsClients, names: PipelineNames, query: AthenaQueryTarget, marker: string, idtemp: number): Promise<Freshness> {
  const record: TelemetryRecord = { idtemp: String(idtemp), dado: "36.2107", tipo: "energia", timestamp: formatRecordTimestamp(Date.now() * 1000), gpu: marker, unidade: "W" };
  await clients.kinesis.send(new PutRecordCommand({ StreamName: names.stream, PartitionKey: record.tipo, Data: Buffer.from(serializeRecord(record)) }));
  const acknowledged = performance.now();
  const queryMs: number[] = [];
  for (;;) {
    const found = await timedAthenaQuery(clients.athena, `select "idtemp" from "${TABLE}" where "gpu" = '${marker}'`, query);
    queryMs.push(found.endToEndMs);
    if (found.rows.length > 0) {
      return { ms: performance.now() - acknowledged, polls: queryMs.length, queryMs };
    }
    if (performance.now() - acknowledged > RECORD_TIMEOUT_MS) {
      throw new Error(`record ${marker} not returned by Athena ${RECORD_TIMEOUT_MS} ms after PutRecord (${queryMs.length} queries)`);
    }
  }
}

/** PutRecord acknowledged -> row returned by Athena, with Firehose buffering 0 s, `records` times after one warm-up. */
export function measureFreshness(records: number, log: (line: string) => void): Promise<Omit<FreshnessResults, "durationMs" | "loadAverage1mAtStart">> {
  return withLocalEmulator("freshness", async ({ clients }) => {
    const names = localPipelineNames();
    const query: AthenaQueryTarget = { database: names.database, outputLocation: s3Uri(names.bucket, names.resultsPrefix), pollMs: 5, timeoutMs: RECORD_TIMEOUT_MS };
    await provision(clients, names, query);
    const run = randomUUID().slice(0, 8);
    const warmUp = await freshnessOnce(clients, names, query, `fresh-${run}-warm-up`, 0);
    log(`freshness: warm-up record ${round(warmUp.ms)} ms (not counted)`);
    const samples: Freshness[] = [];
    for (let index = 1; index <= records; index++) {
      const sample = await freshnessOnce(clients, names, query, `fresh-${run}-${index}`, index);
      samples.push(sample);
      if (index % 10 === 0 || index === records) {
        log(`freshness ${index}/${records}: last ${round(sample.ms)} ms in ${sample.polls} queries`);
      }
    }
    const ms = samples.map((sample) => sample.ms);
    return {
      records,
      bufferIntervalSeconds: 0,
      samplesMs: ms.map((value) => round(value)),
      p50Ms: round(percentile(ms, 50)),
      p99Ms: round(percentile(ms, 99)),
      maxMs: round(Math.max(...ms)),
      pollsMedian: median(samples.map((sample) => sample.polls)),
      queryMedianMs: round(median(samples.flatMap((sample) => sample.queryMs))),
      targetMs: null,
    };
  });
}
