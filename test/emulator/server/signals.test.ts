import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { existsSync } from "node:fs";
import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import { FirehoseClient, PutRecordBatchCommand, PutRecordCommand } from "@aws-sdk/client-firehose";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startChildEmulator } from "../../support/childEmulator";
import { createBucket, createDeliveryStream, createKinesisStream, putKinesisRecords, readObjects } from "../../support/firehoseSdk";
import { eventually, lines, NEWLINE_DELIMITED } from "../../support/firehoseTestKit";
import { longReadObject } from "../../support/gzipBomb";
import { clientConfig } from "../../support/testEmulator";

// Ctrl-C in the terminal (SIGINT) or a service manager's stop (SIGTERM): the emulator delivers what Firehose
// buffers and closes its files before it exits, so nothing acknowledged waits for a buffer that will never fill.

const FIFTEEN_MINUTES = { BufferingHints: { IntervalInSeconds: 900, SizeInMBs: 128 }, ProcessingConfiguration: NEWLINE_DELIMITED };

function clientsFor(url: string) {
  const config = clientConfig(url);
  const clients = { kinesis: new KinesisClient(config), firehose: new FirehoseClient(config), s3: new S3Client({ ...config, forcePathStyle: true }), athena: new AthenaClient(config) };
  return { ...clients, destroy: () => Object.values(clients).forEach((client) => client.destroy()) };
}

describe("the emulator stopped by a signal", () => {
  const directories: string[] = [];
  after(async () => {
    for (const directory of directories) {
      await rm(directory, { recursive: true, force: true });
    }
  });

  describe("behaviour", () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      test(`${signal} delivers every Firehose buffer, exits 0, and the restart delivers none of it again`, { timeout: 60_000 }, async () => {
        const dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-signal-"));
        directories.push(dataDir);
        const emulator = await startChildEmulator(dataDir);
        const clients = clientsFor(emulator.url);
        const bucket = await createBucket(clients.s3, "signal-bucket");
        const stream = await createKinesisStream(clients.kinesis, 2, "signal-stream");
        await createDeliveryStream(clients.firehose, { bucket, kinesisStream: stream, name: "from-stream", destination: { ...FIFTEEN_MINUTES, Prefix: "from-stream/" } });
        const directPut = await createDeliveryStream(clients.firehose, { bucket, name: "direct-put", destination: { ...FIFTEEN_MINUTES, Prefix: "direct-put/" } });
        const streamed = Array.from({ length: 50 }, (_, index) => JSON.stringify({ id: `s${index}` }));
        const putDirectly = Array.from({ length: 50 }, (_, index) => JSON.stringify({ id: `d${index}` }));
        await putKinesisRecords(clients.kinesis, stream, streamed);
        const batch = await clients.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: directPut, Records: putDirectly.map((data) => ({ Data: Buffer.from(data) })) }));
        assert.equal(batch.FailedPutCount, 0);
        const before = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
        assert.equal(before.KeyCount, 0, "nothing is delivered before its 15-minute buffer fills");
        clients.destroy();

        assert.equal(await emulator.stop(signal), 0);
        assert.ok(emulator.stderr.some((line) => line.startsWith(`${signal}: delivering Firehose buffers`)), emulator.stderr.join("\n"));

        const restarted = await startChildEmulator(dataDir);
        const restartedClients = clientsFor(restarted.url);
        try {
          const delivered = async (prefix: string): Promise<string[]> => (await readObjects(restartedClients.s3, bucket, prefix)).flatMap((object) => lines(object.body)).sort();
          assert.deepEqual(await delivered("from-stream/"), [...streamed].sort());
          assert.deepEqual(await delivered("direct-put/"), [...putDirectly].sort());
          const flushed = await fetch(`${restarted.url}/_emulator/firehose/flush`, { method: "POST" });
          assert.equal(flushed.status, 200);
          assert.equal((await restartedClients.s3.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount, 2, "the restart delivered something again");
        } finally {
          restartedClients.destroy();
          await restarted.stop("SIGTERM");
        }
      });
    }

    test("SIGTERM during a long Athena read cancels the query, then delivers Firehose buffers and exits 0 within seconds", { timeout: 120_000 }, async (t) => {
      const dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-signal-"));
      directories.push(dataDir);
      const emulator = await startChildEmulator(dataDir);
      const clients = clientsFor(emulator.url);
      const bucket = await createBucket(clients.s3, "signal-reading");
      const directPut = await createDeliveryStream(clients.firehose, { bucket, name: "direct-put", destination: { ...FIFTEEN_MINUTES, Prefix: "direct-put/" } });
      const record = JSON.stringify({ id: "acknowledged" });
      await clients.firehose.send(new PutRecordCommand({ DeliveryStreamName: directPut, Record: { Data: Buffer.from(record) } }));
      const long = longReadObject();
      for (const key of ["longa/a.json.gz", "longa/b.json.gz"]) await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: long }));
      const run = async (sql: string): Promise<string> => (await clients.athena.send(new StartQueryExecutionCommand({ QueryString: sql, ResultConfiguration: { OutputLocation: `s3://${bucket}/athena/` } }))).QueryExecutionId!;
      const state = async (id: string): Promise<string | undefined> => (await clients.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution?.Status?.State;
      for (const ddl of ["CREATE DATABASE IF NOT EXISTS default", `CREATE EXTERNAL TABLE longa (a int) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION 's3://${bucket}/longa/'`]) {
        const id = await run(ddl);
        await eventually(async () => (await state(id)) === "SUCCEEDED", ddl);
      }
      const id = await run("SELECT count(*) FROM longa");
      const workFolder = join(dataDir, "athena", "work", id);
      await eventually(() => existsSync(join(workFolder, "table-0.json")), "the reader to start", 60_000);
      clients.destroy();

      const signalled = performance.now();
      process.kill(emulator.pid, "SIGTERM");
      // Bounded well under the read's own time (tens of seconds): before, the emulator was still busy 5 minutes on.
      const exit = await Promise.race([emulator.exited, new Promise<"still running">((resolve) => setTimeout(resolve, 20_000, "still running").unref())]);
      t.diagnostic(`exited ${exit} ${(performance.now() - signalled).toFixed(0)} ms after SIGTERM`);
      assert.equal(exit, 0, emulator.stderr.join("\n"));
      assert.equal(existsSync(workFolder), false, "the cancelled query's work folder is deleted");

      const restarted = await startChildEmulator(dataDir);
      const restartedClients = clientsFor(restarted.url);
      try {
        const delivered = (await readObjects(restartedClients.s3, bucket, "direct-put/")).flatMap((object) => lines(object.body));
        assert.deepEqual(delivered, [record], "the acknowledged direct put was delivered at the stop");
        const results = await restartedClients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `athena/${id}` }));
        assert.equal(results.KeyCount, 0, "the cancelled query wrote no result");
      } finally {
        restartedClients.destroy();
        await restarted.stop("SIGTERM");
      }
    });
  });
});
