import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CreateDatabaseCommand, GetDatabaseCommand } from "@aws-sdk/client-glue";
import { CreateStreamCommand, DescribeStreamSummaryCommand, PutRecordCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { createBucket, createDeliveryStream, createKinesisStream, readObjects } from "../../support/firehoseSdk";
import { lines, NEWLINE_DELIMITED } from "../../support/firehoseTestKit";
import { readStream } from "../../support/kinesisTestKit";
import { startTestEmulator, type TestEmulator } from "../../support/testEmulator";

// A full disk, for real: the data directory is a 12 MiB tmpfs, filled through the emulator's own API. Every write
// it refuses is a 503 the SDKs retry, naming the cause; nothing acknowledged is damaged; deleting objects through
// the API gives the space back and service resumes, with no restart.

const DISK_BYTES = 12 * 1024 * 1024;
const OBJECT_BYTES = 512 * 1024;

/** Mounts a tmpfs of `bytes` (needs root, as CI has); undefined where this machine does not allow it. */
function mountTmpfs(bytes: number): string | undefined {
  const directory = mkdtempSync(join(tmpdir(), "gpu-stream-full-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${bytes}`, "tmpfs", directory], { stdio: "ignore" });
    return directory;
  } catch {
    rmSync(directory, { recursive: true, force: true });
    return undefined;
  }
}

/** `filler/<size>/<n>`: `size` bytes that depend on the key, so a torn object shows. */
function objectContent(key: string): Buffer {
  return Buffer.alloc(Number(key.split("/")[1]), createHash("sha256").update(key).digest());
}

function md5(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("hex");
}

const mountPoint = mountTmpfs(DISK_BYTES);

describe("the emulator on a full disk", { skip: mountPoint === undefined ? "mounting a tmpfs needs root (CI runs as root)" : false }, () => {
  let emulator: TestEmulator;
  let bucket: string;
  let stream: string;
  const objectKeys: string[] = [];
  const acknowledgedRecords: string[] = [];
  let refusedObject: string;

  before(async () => {
    emulator = await startTestEmulator({ dataDir: mountPoint! });
    bucket = await createBucket(emulator.s3, "full-bucket");
    stream = await createKinesisStream(emulator.kinesis, 1, "full-stream");
    await createDeliveryStream(emulator.firehose, {
      bucket,
      kinesisStream: stream,
      name: "to-full-disk",
      destination: { BufferingHints: { IntervalInSeconds: 900, SizeInMBs: 128 }, ProcessingConfiguration: NEWLINE_DELIMITED, Prefix: "delivered/" },
    });
  });
  after(async () => {
    await emulator?.stop();
    execFileSync("umount", ["--lazy", mountPoint!]);
    rmSync(mountPoint!, { recursive: true, force: true });
  });

  /** Puts objects of `size` bytes until the emulator refuses one, which must be for want of space. */
  async function fillWithObjects(size: number): Promise<void> {
    for (let index = 0; ; index += 1) {
      const key = `filler/${size}/${index}`;
      try {
        await emulator.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: objectContent(key) }));
        objectKeys.push(key);
      } catch (error) {
        assert.equal((error as Error).name, "ServiceUnavailable");
        assert.equal((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, 503);
        assert.match((error as Error).message, /no space left on the device \(ENOSPC\)/);
        refusedObject = key;
        return;
      }
      assert.ok(index < DISK_BYTES / Math.max(size, 4096), "the disk never filled");
    }
  }

  describe("errors", () => {
    test("S3 PutObject answers 503 ServiceUnavailable naming ENOSPC once the disk is full, and keeps nothing of that object", async () => {
      await fillWithObjects(OBJECT_BYTES);
      assert.ok(objectKeys.length > 10);
      await assert.rejects(emulator.s3.send(new GetObjectCommand({ Bucket: bucket, Key: refusedObject })), { name: "NoSuchKey" });
    });

    test("Kinesis refuses records once the disk is full, with a 503 for PutRecord and InternalFailure entries for PutRecords", async () => {
      const records = Array.from({ length: 100 }, (_, index) => JSON.stringify({ id: `r${index}`, pad: "x".repeat(10_000) }));
      let refused = 0;
      for (let batch = 0; batch < 20 && refused === 0; batch += 1) {
        const answer = await emulator.kinesis.send(
          new PutRecordsCommand({ StreamName: stream, Records: records.map((data) => ({ PartitionKey: "p", Data: Buffer.from(data.replace('"r', `"b${batch}-r`)) })) }),
        );
        answer.Records!.forEach((result, index) => {
          if (result.SequenceNumber !== undefined) {
            acknowledgedRecords.push(records[index]!.replace('"r', `"b${batch}-r`));
          } else {
            assert.equal(result.ErrorCode, "InternalFailure");
            assert.match(result.ErrorMessage!, /ENOSPC/);
            refused += 1;
          }
        });
      }
      assert.ok(refused > 0, "PutRecords never hit the full disk");
      await assert.rejects(emulator.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "p", Data: Buffer.alloc(900_000, 1) })), (error: Error) => {
        assert.equal(error.name, "ServiceUnavailable");
        assert.match(error.message, /ENOSPC/);
        return true;
      });
    });

    test("to the last page, even a one-byte object, a new stream and a Glue database are refused with 503, leaving nothing behind", async () => {
      // A refused Kinesis write is cut back, which frees the pages it took: fill what is left with ever smaller objects.
      for (const size of [64 * 1024, 4096, 1]) {
        await fillWithObjects(size);
      }
      // An object takes three pages (data, metadata, journal); the shard log's last page still has room for small records.
      for (let index = 0; ; index += 1) {
        const data = JSON.stringify({ n: index });
        try {
          await emulator.kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "p", Data: Buffer.from(data) }));
          acknowledgedRecords.push(data);
        } catch (error) {
          assert.equal((error as Error).name, "ServiceUnavailable");
          break;
        }
        assert.ok(index < 10_000, "the shard log never filled");
      }
      await assert.rejects(emulator.s3.send(new GetObjectCommand({ Bucket: bucket, Key: refusedObject })), { name: "NoSuchKey" });
      await assert.rejects(emulator.kinesis.send(new CreateStreamCommand({ StreamName: "no-room", ShardCount: 1 })), { name: "ServiceUnavailable" });
      await assert.rejects(emulator.glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "no_room" } })), { name: "ServiceUnavailable" });
      await assert.rejects(emulator.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: "no-room" })), { name: "ResourceNotFoundException" });
      await assert.rejects(emulator.glue.send(new GetDatabaseCommand({ Name: "no_room" })), { name: "EntityNotFoundException" });
    });

    test("Firehose cannot deliver to the full disk: the flush says why and keeps every record buffered", async () => {
      const [result] = (await emulator.emulator.flushFirehose("to-full-disk")).deliveryStreams;
      assert.equal(result!.objects.length, 0);
      assert.equal(result!.bufferedRecords, acknowledgedRecords.length);
      assert.match(JSON.stringify(result!.error), /ENOSPC|space/);
    });
  });

  describe("behaviour", () => {
    test("every object and record acknowledged before the disk filled is intact", async () => {
      for (const key of objectKeys) {
        const object = await emulator.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        assert.equal(md5(await object.Body!.transformToByteArray()), md5(objectContent(key)), key);
      }
      const stored = (await readStream(emulator.kinesis, stream)).map((record) => Buffer.from(record.Data!).toString("utf8"));
      assert.deepEqual(stored, acknowledgedRecords);
    });

    test("deleting objects through the API gives the space back: writes, Firehose delivery and new streams work again", async () => {
      for (const key of objectKeys.splice(0, 8)) {
        await emulator.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      }
      await emulator.s3.send(new PutObjectCommand({ Bucket: bucket, Key: refusedObject, Body: objectContent(refusedObject) }));
      const answer = await emulator.kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: [{ PartitionKey: "p", Data: Buffer.from('{"id":"after"}') }] }));
      assert.equal(answer.FailedRecordCount, 0);
      acknowledgedRecords.push('{"id":"after"}');
      await emulator.kinesis.send(new CreateStreamCommand({ StreamName: "room-again", ShardCount: 1 }));

      await emulator.emulator.flushFirehose();
      const delivered = (await readObjects(emulator.s3, bucket, "delivered/")).flatMap((object) => lines(object.body));
      assert.deepEqual(delivered.sort(), [...acknowledgedRecords].sort());
    });

    test("a restart finds everything acknowledged, and no torn record", async () => {
      const logged: string[] = [];
      await emulator.stop();
      emulator = await startTestEmulator({ dataDir: mountPoint!, log: (line) => logged.push(line) });
      const stored = (await readStream(emulator.kinesis, stream)).map((record) => Buffer.from(record.Data!).toString("utf8"));
      assert.equal(stored.length, acknowledgedRecords.length);
      assert.deepEqual(logged.filter((line) => /torn|corrupt|cannot/.test(line)), []);
      const object = await emulator.s3.send(new GetObjectCommand({ Bucket: bucket, Key: refusedObject }));
      assert.equal(md5(await object.Body!.transformToByteArray()), md5(objectContent(refusedObject)));
    });
  });
});
