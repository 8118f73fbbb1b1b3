import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { DescribeDeliveryStreamCommand, FirehoseClient, ListTagsForDeliveryStreamCommand, PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { S3Client } from "@aws-sdk/client-s3";
import { createBucket, createDeliveryStream, createKinesisStream, putKinesisRecords, readObjects } from "../support/firehoseSdk";
import { lines, NEWLINE_DELIMITED } from "../support/firehoseTestKit";
import { clientConfig, startTestEmulator } from "../support/testEmulator";
import { REPO_ROOT } from "../support/repoRoot";

// A restart in the middle of a buffer loses nothing and delivers nothing twice: after a clean stop, and after
// a crash (the emulator killed with SIGKILL in a child process, so no code of ours runs on the way down).

const telemetry = (index: number): string => JSON.stringify({ idtemp: String(index), dado: "1", tipo: "Uso", timestamp: "2026-11-28 06:29:32.000000" });
const range = (count: number, from: number): string[] => Array.from({ length: count }, (_, index) => telemetry(from + index));

/** Every record in the bucket by idtemp, each as many times as it was delivered. */
async function deliveredIds(s3: S3Client, bucket: string): Promise<number[]> {
  const objects = await readObjects(s3, bucket);
  return objects.flatMap((object) => lines(object.body).map((line) => Number((JSON.parse(line) as { idtemp: string }).idtemp))).sort((a, b) => a - b);
}

const ids = (count: number): number[] => Array.from({ length: count }, (_, index) => index);

/** The emulator in a child process, with SDK clients for it; `kill()` is SIGKILL: a crash. */
async function startChildEmulator(dataDir: string): Promise<{ kinesis: KinesisClient; firehose: FirehoseClient; s3: S3Client; url: string; kill(): Promise<void> }> {
  const script = `
    require("@gpu-stream/emulator").start({ dataDir: process.argv[1], port: 0, log: () => undefined })
      .then((emulator) => process.stdout.write(emulator.url + "\\n"), (error) => { console.error(error); process.exit(1); });
  `;
  const child: ChildProcess = spawn(process.execPath, ["-e", script, dataDir], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("\n")) {
        resolve(output.trim());
      }
    });
    child.once("exit", (code) => reject(new Error(`the child emulator exited with ${code}`)));
  });
  const config = clientConfig(url);
  const clients = { kinesis: new KinesisClient(config), firehose: new FirehoseClient(config), s3: new S3Client({ ...config, forcePathStyle: true }) };
  return {
    ...clients,
    url,
    kill: async () => {
      for (const client of Object.values(clients)) {
        client.destroy();
      }
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}

describe("Firehose across restarts", () => {
  const dataDirs: string[] = [];
  const freshDataDir = async (): Promise<string> => {
    const dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-firehose-restart-"));
    dataDirs.push(dataDir);
    return dataDir;
  };
  after(async () => {
    for (const dataDir of dataDirs) {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  describe("behaviour", () => {
    test("a clean stop delivers what is buffered, and the restarted emulator delivers none of it again", async () => {
      const first = await startTestEmulator();
      dataDirs.push(first.dataDir);
      const stream = await createKinesisStream(first.kinesis, 2);
      const bucket = await createBucket(first.s3);
      const name = await createDeliveryStream(first.firehose, { bucket, kinesisStream: stream, destination: { ProcessingConfiguration: NEWLINE_DELIMITED } });
      await putKinesisRecords(first.kinesis, stream, range(20, 0));
      await first.emulator.flushFirehose(name);
      await putKinesisRecords(first.kinesis, stream, range(15, 20));
      await first.stop();
      const second = await startTestEmulator({ dataDir: first.dataDir });
      try {
        await putKinesisRecords(second.kinesis, stream, range(5, 35));
        await second.emulator.flushFirehose(name);
        assert.deepEqual(await deliveredIds(second.s3, bucket), ids(40));
      } finally {
        await second.stop();
      }
    });

    test("after a crash with a Kinesis-sourced buffer half full, the restarted emulator delivers every record once", async () => {
      const dataDir = await freshDataDir();
      const child = await startChildEmulator(dataDir);
      const stream = await createKinesisStream(child.kinesis, 2);
      const bucket = await createBucket(child.s3);
      const name = await createDeliveryStream(child.firehose, { bucket, kinesisStream: stream, destination: { ProcessingConfiguration: NEWLINE_DELIMITED } });
      await putKinesisRecords(child.kinesis, stream, range(30, 0));
      const flushed = await fetch(`${child.url}/_emulator/firehose/flush?name=${name}`, { method: "POST" });
      assert.equal(flushed.status, 200);
      await putKinesisRecords(child.kinesis, stream, range(20, 30));
      await child.kill();

      const restarted = await startTestEmulator({ dataDir });
      try {
        assert.deepEqual(await deliveredIds(restarted.s3, bucket), ids(30), "only the flushed records were in S3 at the crash");
        await restarted.emulator.flushFirehose(name);
        assert.deepEqual(await deliveredIds(restarted.s3, bucket), ids(50));
        assert.equal((await readObjects(restarted.s3, bucket)).length, 2);
      } finally {
        await restarted.stop();
      }
    });

    test("after a crash, DirectPut records acknowledged before it are delivered once", async () => {
      const dataDir = await freshDataDir();
      const child = await startChildEmulator(dataDir);
      const bucket = await createBucket(child.s3);
      const name = await createDeliveryStream(child.firehose, { bucket, destination: { ProcessingConfiguration: NEWLINE_DELIMITED } });
      const put = (records: string[]) => child.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records.map((data) => ({ Data: Buffer.from(data) })) }));
      await put(range(10, 0));
      await fetch(`${child.url}/_emulator/firehose/flush`, { method: "POST" });
      await put(range(10, 10));
      await put(range(5, 20));
      await child.kill();

      const restarted = await startTestEmulator({ dataDir });
      try {
        await restarted.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: range(5, 25).map((data) => ({ Data: Buffer.from(data) })) }));
        await restarted.emulator.flushFirehose(name);
        assert.deepEqual(await deliveredIds(restarted.s3, bucket), ids(30));
      } finally {
        await restarted.stop();
      }
    });

    test("after a crash with a partitioned delivery pending, the restarted emulator writes each partition once under its recorded key", async () => {
      const dataDir = await freshDataDir();
      const child = await startChildEmulator(dataDir);
      const bucket = `partitioned-${process.pid}`;
      const name = await createDeliveryStream(child.firehose, {
        bucket,
        destination: {
          Prefix: "gpu/tipo=!{partitionKeyFromQuery:tipo}/",
          ErrorOutputPrefix: "errors/!{firehose:error-output-type}/",
          DynamicPartitioningConfiguration: { Enabled: true },
          ProcessingConfiguration: {
            Enabled: true,
            Processors: [
              { Type: "MetadataExtraction", Parameters: [{ ParameterName: "MetadataExtractionQuery", ParameterValue: "{tipo:.tipo}" }, { ParameterName: "JsonParsingEngine", ParameterValue: "JQ-1.6" }] },
              { Type: "AppendDelimiterToRecord" },
            ],
          },
        },
      });
      const tipos = ["energia", "temperatura", "usoGPU"];
      const record = (index: number): string => JSON.stringify({ idtemp: String(index), tipo: tipos[index % 3] });
      const put = (from: number, count: number) =>
        child.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: Array.from({ length: count }, (_, index) => ({ Data: Buffer.from(record(from + index)) })) }));
      await put(0, 12);
      // The bucket does not exist yet: the delivery is recorded as pending (its partitions and keys), then fails.
      const flushed = (await (await fetch(`${child.url}/_emulator/firehose/flush?name=${name}`, { method: "POST" })).json()) as { deliveryStreams: { error?: { code: string } }[] };
      assert.equal(flushed.deliveryStreams[0]!.error?.code, "S3.NoSuchBucket");
      await put(12, 6);
      await child.kill();
      const [folder] = (await readdir(join(dataDir, "firehose"))).filter((entry) => entry.startsWith(`${name}-`));
      const checkpoint = JSON.parse(await readFile(join(dataDir, "firehose", folder!, "checkpoint.json"), "utf8")) as { pending?: { partitions?: { key: string }[] } };
      const recordedKeys = (checkpoint.pending?.partitions ?? []).map((partition) => partition.key);
      assert.equal(recordedKeys.length, 3);

      const restarted = await startTestEmulator({ dataDir });
      try {
        await createBucket(restarted.s3, bucket);
        const report = await restarted.emulator.flushFirehose(name);
        assert.deepEqual(await deliveredIds(restarted.s3, bucket), ids(18));
        const objects = await readObjects(restarted.s3, bucket);
        assert.deepEqual(objects.map((object) => object.key.replace(/[^/]*$/, "")).sort(), ["gpu/tipo=energia/", "gpu/tipo=energia/", "gpu/tipo=temperatura/", "gpu/tipo=temperatura/", "gpu/tipo=usoGPU/", "gpu/tipo=usoGPU/"]);
        assert.deepEqual(report.deliveryStreams[0]!.objects.map((object) => object.records), [4, 4, 4, 2, 2, 2]);
        assert.deepEqual(report.deliveryStreams[0]!.objects.slice(0, 3).map((object) => object.key), recordedKeys);
      } finally {
        await restarted.stop();
      }
    });

    test("keeps every delivery stream as it was created, tags included", async () => {
      const first = await startTestEmulator();
      dataDirs.push(first.dataDir);
      const name = await createDeliveryStream(first.firehose, {
        bucket: "telemetry",
        destination: { Prefix: "gpu/", CompressionFormat: "GZIP", BufferingHints: { SizeInMBs: 2, IntervalInSeconds: 30 } },
        Tags: [{ Key: "course", Value: "gpu" }],
      });
      const before = await first.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
      await first.stop();
      const second = await startTestEmulator({ dataDir: first.dataDir });
      try {
        const afterRestart = await second.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
        assert.deepEqual(afterRestart.DeliveryStreamDescription, before.DeliveryStreamDescription);
        assert.deepEqual((await second.firehose.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: name }))).Tags, [{ Key: "course", Value: "gpu" }]);
      } finally {
        await second.stop();
      }
    });
  });
});
