import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { FirehoseClient, PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { startChildEmulator } from "./support/childEmulator";
import { createBucket, createDeliveryStream, createKinesisStream, putKinesisRecords, readObjects } from "./support/firehoseSdk";
import { lines, NEWLINE_DELIMITED } from "./support/firehoseTestKit";
import { clientConfig } from "./support/testEmulator";

// Ctrl-C in the terminal (SIGINT) or a service manager's stop (SIGTERM): the emulator delivers what Firehose
// buffers and closes its files before it exits, so nothing acknowledged waits for a buffer that will never fill.

const FIFTEEN_MINUTES = { BufferingHints: { IntervalInSeconds: 900, SizeInMBs: 128 }, ProcessingConfiguration: NEWLINE_DELIMITED };

function clientsFor(url: string) {
  const config = clientConfig(url);
  const clients = { kinesis: new KinesisClient(config), firehose: new FirehoseClient(config), s3: new S3Client({ ...config, forcePathStyle: true }) };
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
  });
});
