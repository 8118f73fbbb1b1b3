import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { FirehoseClient, PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { DescribeStreamCommand, KinesisClient, ListShardsCommand, MergeShardsCommand, PutRecordsCommand, type Shard, SplitShardCommand } from "@aws-sdk/client-kinesis";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startChildEmulator } from "../support/childEmulator";
import { createBucket, createDeliveryStream, createKinesisStream, readObjects } from "../support/firehoseSdk";
import { lines, NEWLINE_DELIMITED } from "../support/firehoseTestKit";
import { readByLineage } from "../support/lineageReader";
import { filesUnder } from "../support/s3Helpers";
import { clientConfig } from "../support/testEmulator";

// The promise of a stand-in for AWS: what it acknowledged is there after a crash. Each run starts the emulator as
// users do (its CLI, in a child process), sets up the course's pipeline, runs producers flat out (Kinesis
// PutRecords, Firehose PutRecordBatch, S3 PutObject of 1 MiB) while Firehose delivers every 0 s, kills it with
// SIGKILL at a seeded moment, restarts it on the same data directory and checks everything acknowledged. Splits
// and merges of the stream's shards are issued all along, so the kill also lands in the middle of a reshard.

const RUNS = 5;
const SEED = 20261128;
const OBJECT_BYTES = 1024 * 1024;

/** Deterministic, so the test can tell a torn object from a whole one without remembering what it sent. */
function objectContent(key: string): Buffer {
  const block = createHash("sha256").update(key).digest();
  return Buffer.alloc(OBJECT_BYTES, block);
}

function md5(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("hex");
}

/** A small seeded generator (mulberry32), so a failing run can be repeated. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Clients {
  readonly kinesis: KinesisClient;
  readonly firehose: FirehoseClient;
  readonly s3: S3Client;
  destroy(): void;
}

function clientsFor(url: string): Clients {
  const config = clientConfig(url);
  const clients = { kinesis: new KinesisClient(config), firehose: new FirehoseClient(config), s3: new S3Client({ ...config, forcePathStyle: true }) };
  return { ...clients, destroy: () => Object.values(clients).forEach((client) => client.destroy()) };
}

interface Acknowledged {
  readonly kinesis: Set<string>;
  readonly directPut: Set<string>;
  readonly objects: Set<string>;
  /** Shards an acknowledged SplitShard or MergeShards closed. */
  readonly closedShards: Set<string>;
}

const HASH_KEY_LIMIT = 1n << 128n;
const rangeOf = (shard: Shard): [bigint, bigint] => [BigInt(shard.HashKeyRange!.StartingHashKey!), BigInt(shard.HashKeyRange!.EndingHashKey!)];

/** Splits the widest open shard in two, or once there are six, merges the first adjacent pair. */
async function reshardOnce(kinesis: KinesisClient, stream: string, closed: Set<string>): Promise<void> {
  const { Shards } = await kinesis.send(new ListShardsCommand({ StreamName: stream, ShardFilter: { Type: "AT_LATEST" } }));
  const open = (Shards ?? []).sort((a, b) => (rangeOf(a)[0] < rangeOf(b)[0] ? -1 : 1));
  if (open.length < 6) {
    const widest = open.reduce((best, shard) => (rangeOf(shard)[1] - rangeOf(shard)[0] > rangeOf(best)[1] - rangeOf(best)[0] ? shard : best));
    const [start, end] = rangeOf(widest);
    await kinesis.send(new SplitShardCommand({ StreamName: stream, ShardToSplit: widest.ShardId, NewStartingHashKey: String((start + end) / 2n) }));
    closed.add(widest.ShardId!);
  } else {
    await kinesis.send(new MergeShardsCommand({ StreamName: stream, ShardToMerge: open[0]!.ShardId, AdjacentShardToMerge: open[1]!.ShardId }));
    closed.add(open[0]!.ShardId!).add(open[1]!.ShardId!);
  }
}

/** Consistent: the open shards tile the hash-key space, every closed shard has an ending sequence number and children. */
async function assertConsistentShards(kinesis: KinesisClient, stream: string, closedBeforeKill: ReadonlySet<string>, context: string): Promise<void> {
  const shards = (await kinesis.send(new DescribeStreamCommand({ StreamName: stream, Limit: 10_000 }))).StreamDescription!.Shards!;
  const open = shards.filter((shard) => shard.SequenceNumberRange!.EndingSequenceNumber === undefined).sort((a, b) => (rangeOf(a)[0] < rangeOf(b)[0] ? -1 : 1));
  let next = 0n;
  for (const shard of open) {
    assert.equal(rangeOf(shard)[0], next, `${context}: open shards leave a gap or overlap at ${next}`);
    next = rangeOf(shard)[1] + 1n;
  }
  assert.equal(next, HASH_KEY_LIMIT, `${context}: open shards do not reach the top of the hash-key space`);
  const ids = new Set(shards.map((shard) => shard.ShardId!));
  for (const shard of shards) {
    for (const parent of [shard.ParentShardId, shard.AdjacentParentShardId].filter((id) => id !== undefined)) {
      assert.ok(ids.has(parent), `${context}: ${shard.ShardId}'s parent ${parent} is missing`);
    }
  }
  const closed = new Set(shards.filter((shard) => shard.SequenceNumberRange!.EndingSequenceNumber !== undefined).map((shard) => shard.ShardId!));
  assert.deepEqual([...closedBeforeKill].filter((id) => !closed.has(id)), [], `${context}: acknowledged reshards undone by the restart`);
}

/** Writes until `stopped()`: every id or key in `acknowledged` was answered with success before the kill. */
async function produceUntilKilled(clients: Clients, names: { stream: string; directPut: string; bucket: string }, run: number, stopped: () => boolean): Promise<Acknowledged> {
  const acknowledged: Acknowledged = { kinesis: new Set(), directPut: new Set(), objects: new Set(), closedShards: new Set() };
  const kinesisProducer = async (producer: number): Promise<void> => {
    for (let batch = 0; !stopped(); batch += 1) {
      const ids = Array.from({ length: 100 }, (_, index) => `k-${run}-${producer}-${batch}-${index}`);
      const records = ids.map((id) => ({ PartitionKey: id, Data: Buffer.from(JSON.stringify({ id, dado: "42.5", tipo: "Temperatura" })) }));
      const answer = await clients.kinesis.send(new PutRecordsCommand({ StreamName: names.stream, Records: records }));
      answer.Records?.forEach((result, index) => result.SequenceNumber !== undefined && acknowledged.kinesis.add(ids[index]!));
    }
  };
  const directPutProducer = async (): Promise<void> => {
    for (let batch = 0; !stopped(); batch += 1) {
      const ids = Array.from({ length: 100 }, (_, index) => `d-${run}-${batch}-${index}`);
      const records = ids.map((id) => ({ Data: Buffer.from(JSON.stringify({ id })) }));
      const answer = await clients.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: names.directPut, Records: records }));
      answer.RequestResponses?.forEach((result, index) => result.RecordId !== undefined && acknowledged.directPut.add(ids[index]!));
    }
  };
  const objectWriter = async (): Promise<void> => {
    for (let index = 0; !stopped(); index += 1) {
      const key = `uploads/${run}-${index}`;
      await clients.s3.send(new PutObjectCommand({ Bucket: names.bucket, Key: key, Body: objectContent(key) }));
      acknowledged.objects.add(key);
    }
  };
  const resharder = async (): Promise<void> => {
    while (!stopped()) {
      await reshardOnce(clients.kinesis, names.stream, acknowledged.closedShards);
      await sleep(20);
    }
  };
  // Requests in flight at the kill fail (connection reset): they were never acknowledged.
  await Promise.allSettled([kinesisProducer(0), kinesisProducer(1), kinesisProducer(2), directPutProducer(), objectWriter(), resharder()]);
  return acknowledged;
}

/** Every record's id, read as a resharding-aware consumer reads: each parent to its end before its children. */
async function readStream(kinesis: KinesisClient, stream: string): Promise<string[]> {
  return (await readByLineage(kinesis, stream)).map((record) => (JSON.parse(Buffer.from(record.Data!).toString("utf8")) as { id: string }).id);
}

/** Each record's id once per line of every object under `prefix`; every line must be a whole record. */
async function deliveredIds(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const objects = await readObjects(s3, bucket, prefix);
  return objects.flatMap((object) => lines(object.body).map((line) => (JSON.parse(line) as { id: string }).id));
}

function duplicates(ids: readonly string[]): number {
  return ids.length - new Set(ids).size;
}

function missing(expected: Iterable<string>, found: ReadonlySet<string>): string[] {
  return [...expected].filter((id) => !found.has(id));
}

interface RunFigures {
  run: number;
  killAfterMs: number;
  kinesisAcknowledged: number;
  kinesisRecovered: number;
  kinesisInFlightFound: number;
  kinesisDuplicatesInStream: number;
  deliveredFromStream: number;
  duplicatesDeliveredFromStream: number;
  directPutAcknowledged: number;
  directPutDelivered: number;
  duplicatesDeliveredDirectPut: number;
  objectsAcknowledged: number;
  objectsFound: number;
  shardsClosedByReshards: number;
  tornTailsCut: number;
}

describe("the emulator killed with SIGKILL under load", () => {
  const directories: string[] = [];
  after(async () => {
    for (const directory of directories) {
      await rm(directory, { recursive: true, force: true });
    }
  });

  describe("behaviour", () => {
    test(`loses nothing it acknowledged, serves nothing torn, in ${RUNS} runs`, { timeout: 180_000 }, async (t) => {
      const random = seededRandom(SEED);
      const figures: RunFigures[] = [];
      for (let run = 1; run <= RUNS; run += 1) {
        const dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-crash-"));
        directories.push(dataDir);
        const killAfterMs = Math.round(600 + random() * 1200);
        const context = `run ${run} (seed ${SEED}, killed after ${killAfterMs} ms)`;

        const first = await startChildEmulator(dataDir);
        const firstClients = clientsFor(first.url);
        const bucket = await createBucket(firstClients.s3, "crash-bucket");
        const stream = await createKinesisStream(firstClients.kinesis, 2, "crash-stream");
        const destination = { BufferingHints: { IntervalInSeconds: 0, SizeInMBs: 1 }, ProcessingConfiguration: NEWLINE_DELIMITED };
        await createDeliveryStream(firstClients.firehose, { bucket, kinesisStream: stream, name: "from-stream", destination: { ...destination, Prefix: "from-stream/" } });
        const directPut = await createDeliveryStream(firstClients.firehose, { bucket, name: "direct-put", destination: { ...destination, Prefix: "direct-put/" } });

        let killed = false;
        const killing = sleep(killAfterMs).then(async () => {
          killed = true;
          return first.stop("SIGKILL");
        });
        const acknowledged = await produceUntilKilled(firstClients, { stream, directPut, bucket }, run, () => killed);
        assert.equal(await killing, "SIGKILL");
        firstClients.destroy();

        const second = await startChildEmulator(dataDir);
        const clients = clientsFor(second.url);
        try {
          await assertConsistentShards(clients.kinesis, stream, acknowledged.closedShards, context);
          const inStream = await readStream(clients.kinesis, stream);
          const inStreamSet = new Set(inStream);
          assert.deepEqual(missing(acknowledged.kinesis, inStreamSet).slice(0, 5), [], `${context}: acknowledged Kinesis records missing after the restart`);
          assert.equal(duplicates(inStream), 0, `${context}: a record read twice through the reshards`);

          const flushed = await fetch(`${second.url}/_emulator/firehose/flush`, { method: "POST" });
          assert.equal(flushed.status, 200, await flushed.text());
          const fromStream = await deliveredIds(clients.s3, bucket, "from-stream/");
          assert.deepEqual(missing(inStreamSet, new Set(fromStream)).slice(0, 5), [], `${context}: records in the stream that Firehose never delivered`);
          assert.deepEqual(missing(fromStream, inStreamSet).slice(0, 5), [], `${context}: Firehose delivered records the stream does not hold`);
          assert.equal(duplicates(fromStream), 0, `${context}: Firehose delivered a record twice across the reshards`);
          const fromDirectPut = await deliveredIds(clients.s3, bucket, "direct-put/");
          assert.deepEqual(missing(acknowledged.directPut, new Set(fromDirectPut)).slice(0, 5), [], `${context}: acknowledged DirectPut records never delivered`);

          const uploads = await readObjects(clients.s3, bucket, "uploads/");
          for (const object of uploads) {
            assert.equal(md5(object.body), md5(objectContent(object.key)), `${context}: ${object.key} is served torn`);
            const head = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.key }));
            assert.equal(head.ETag, `"${md5(object.body)}"`, `${context}: ${object.key}'s ETag does not match its bytes`);
            await head.Body?.transformToByteArray();
          }
          assert.deepEqual(missing(acknowledged.objects, new Set(uploads.map((object) => object.key))), [], `${context}: acknowledged objects missing`);

          figures.push({
            run,
            killAfterMs,
            kinesisAcknowledged: acknowledged.kinesis.size,
            kinesisRecovered: [...acknowledged.kinesis].filter((id) => inStreamSet.has(id)).length,
            kinesisInFlightFound: inStreamSet.size - acknowledged.kinesis.size,
            kinesisDuplicatesInStream: duplicates(inStream),
            deliveredFromStream: new Set(fromStream).size,
            duplicatesDeliveredFromStream: duplicates(fromStream),
            directPutAcknowledged: acknowledged.directPut.size,
            directPutDelivered: new Set(fromDirectPut).size,
            duplicatesDeliveredDirectPut: duplicates(fromDirectPut),
            objectsAcknowledged: acknowledged.objects.size,
            objectsFound: uploads.length,
            shardsClosedByReshards: acknowledged.closedShards.size,
            tornTailsCut: second.stderr.filter((line) => /torn or corrupt tail/.test(line)).length,
          });
          assert.ok(acknowledged.kinesis.size > 0 && acknowledged.directPut.size > 0 && acknowledged.objects.size > 0, `${context}: the producers wrote nothing before the kill`);
          assert.ok(acknowledged.closedShards.size > 0, `${context}: no reshard was acknowledged before the kill`);
        } finally {
          clients.destroy();
          await second.stop("SIGTERM");
        }
        // What staging files a crash leaves are cleared on start, never listed: the restart above saw none.
        const temporary = (await filesUnder(join(dataDir, "s3"))).filter((path) => path.endsWith(".tmp"));
        assert.deepEqual(temporary, [], `${context}: temporary files left in the S3 folders`);
      }

      const total = (key: keyof RunFigures): number => figures.reduce((sum, figure) => sum + figure[key], 0);
      const summary = {
        runs: figures.length,
        seed: SEED,
        kinesisAcknowledged: total("kinesisAcknowledged"),
        kinesisRecovered: total("kinesisRecovered"),
        kinesisInFlightFound: total("kinesisInFlightFound"),
        kinesisDuplicatesInStream: total("kinesisDuplicatesInStream"),
        firehoseDeliveredFromStream: total("deliveredFromStream"),
        firehoseDuplicates: total("duplicatesDeliveredFromStream") + total("duplicatesDeliveredDirectPut"),
        directPutAcknowledged: total("directPutAcknowledged"),
        directPutDelivered: total("directPutDelivered"),
        objectsAcknowledged: total("objectsAcknowledged"),
        objectsFound: total("objectsFound"),
        shardsClosedByReshards: total("shardsClosedByReshards"),
        tornTailsCut: total("tornTailsCut"),
        perRun: figures,
      };
      t.diagnostic(JSON.stringify({ ...summary, perRun: undefined }));
      await mkdir("test-artifacts", { recursive: true });
      await writeFile(join("test-artifacts", "crash-summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
      assert.equal(summary.kinesisRecovered, summary.kinesisAcknowledged);
    });
  });
});
