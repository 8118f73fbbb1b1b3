import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import {
  ensureBucket,
  ensureDeliveryStream,
  ensureCrawler,
  ensureDatabase,
  ensureStream,
  loadSql,
  METRICS,
  originalProfile,
  parseRecord,
  produceRecords,
  rewriteNewlineDelimited,
  runCrawler,
  runQuery,
  runQueryToCsv,
  runQueryToRows,
  uniformSamples,
  type AwsClients,
} from "@gpu-stream/shared";
import { useTestEmulator, type TestEmulator } from "../support/testEmulator";

const FIREHOSE_KEY = /^\d{4}\/\d{2}\/\d{2}\/\d{2}\/to-s3-1-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9a-f-]{36}$/;

describe("the pipeline on the emulator: producer -> Kinesis -> Firehose -> S3", () => {
  let emulator: TestEmulator;
  let clients: AwsClients;

  useTestEmulator((started) => {
    emulator = started;
    clients = started.clients;
  });

  async function deliveredLines(bucket: string): Promise<{ keys: string[]; lines: string[] }> {
    const listing = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (listing.Contents ?? []).map((object) => object.Key!);
    const lines: string[] = [];
    for (const key of keys) {
      const body = await (await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
      lines.push(...body.split("\n").filter((line) => line !== ""));
    }
    return { keys, lines };
  }

  test("lands every record the producer had acknowledged in S3, once, one per line, under Firehose's keys", async () => {
    await ensureBucket(clients.s3, "telemetry");
    const { streamArn } = await ensureStream(clients.kinesis, "gpucontrole", { shardCount: 2 });
    await ensureDeliveryStream(clients.firehose, "to-s3", { sourceStreamArn: streamArn, bucket: "telemetry", roleArn: "arn:aws:iam::000000000000:role/firehose" });
    const count = 1000;
    // MD5("gpu-0") starts c26d, MD5("gpu-3") 14b4: one in each half of the hash-key space, so one per shard.
    const gpus = [0, 3].map((gpu) => uniformSamples({ profile: originalProfile(), seed: gpu, gpuId: String(gpu) }));
    const interleaved = (function* () {
      for (;;) {
        for (const gpu of gpus) {
          yield gpu.next().value;
        }
      }
    })();
    const report = await produceRecords({ kinesis: clients.kinesis, streamName: "gpucontrole", source: interleaved, metrics: METRICS, intervalMs: 0, count, batchSize: 100 });
    assert.equal(report.sent, count);
    assert.equal(Object.keys(report.shards).length, 2, "two GPUs, two partition keys, two shards");

    const flushed = await fetch(`${emulator.emulator.url}/_emulator/firehose/flush`, { method: "POST" });
    assert.equal(flushed.status, 200);
    const { keys, lines } = await deliveredLines("telemetry");
    assert.ok(keys.length >= 1 && keys.every((key) => FIREHOSE_KEY.test(key)), keys.join(", "));
    const records = lines.map((line) => parseRecord(line));
    assert.equal(records.length, count);
    assert.equal(new Set(records.map((record) => `${record.gpu}:${record.idtemp}`)).size, count, "no record twice");
  });

  test("catalogs the delivered records with the crawler, counts them with Athena and denormalizes them to CSV", async () => {
    await ensureBucket(clients.s3, "results");
    assert.deepEqual(await ensureDatabase(clients.glue, "gpu_stream"), { created: true });
    assert.deepEqual(await ensureDatabase(clients.glue, "gpu_stream"), { created: false });
    const crawler = { name: "crawler", database: "gpu_stream", s3Path: "s3://telemetry/", roleArn: "arn:aws:iam::000000000000:role/glue" };
    assert.deepEqual(await ensureCrawler(clients.glue, crawler.name, crawler), { created: true });
    assert.deepEqual(await ensureCrawler(clients.glue, crawler.name, crawler), { created: false });
    await runCrawler(clients.glue, "crawler");
    const query = { database: "gpu_stream", outputLocation: "s3://results/" };
    const perTipo = await runQueryToRows(clients.athena, 'select "tipo", count(*) as "records" from "telemetry" group by "tipo" order by "tipo"', query);
    assert.deepEqual(perTipo, METRICS.slice().sort().map((tipo) => ({ tipo, records: "200" })));
    await runQuery(clients.athena, loadSql("dados_tratados", { table: "telemetry" }), query);
    const csv = (await runQueryToCsv(clients.athena, clients.s3, 'select * from "dados_tratados" order by "timestamp"', query)).trimEnd().split("\n");
    assert.equal(csv[0], '"idtemp","tipo","dado","timestamp","ano","mes","dia"');
    assert.equal(csv.length, 1 + 1000);
    const timestamps = csv.slice(1).map((line) => line.split(",")[3]!);
    assert.deepEqual(timestamps, timestamps.slice().sort());
  });

  test("counts one record per object where Firehose wrote records back to back, and every record once rewritten", async () => {
    await ensureBucket(clients.s3, "crowded");
    await ensureBucket(clients.s3, "results");
    const record = (id: number): string => JSON.stringify({ idtemp: String(id), dado: "1.5", tipo: "Uso", timestamp: `2026-11-28 06:00:${String(id).padStart(2, "0")}.000000` });
    for (const [hour, ids] of [["06", [1, 2, 3]], ["07", [4, 5, 6, 7]]] as const) {
      await clients.s3.send(new PutObjectCommand({ Bucket: "crowded", Key: `2026/11/28/${hour}/crowded-1-object`, Body: ids.map(record).join("") }));
    }
    await ensureDatabase(clients.glue, "trap");
    await ensureCrawler(clients.glue, "trap-crawler", { database: "trap", s3Path: "s3://crowded/", roleArn: "arn:aws:iam::000000000000:role/glue" });
    await runCrawler(clients.glue, "trap-crawler");
    const query = { database: "trap", outputLocation: "s3://results/trap/" };
    const count = async (): Promise<string | null | undefined> => (await runQueryToRows(clients.athena, 'select count(*) as "n" from "crowded"', query))[0]?.["n"];
    assert.equal(await count(), "2", "one record per line, as Athena reads JSON");
    const report = await rewriteNewlineDelimited(clients.s3, "crowded");
    assert.equal(report.rewritten.length, 2);
    assert.equal(await count(), "7");
  });
});
