import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
  type ChecksumAlgorithm,
  type CompletedPart,
} from "@aws-sdk/client-s3";
import { startTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { crc32 } from "../../support/crc32";
import { filesUnder, rejectsWith } from "../../support/s3Helpers";

const BUCKET = "multipart";
const MiB = 1024 * 1024;

function md5(bytes: Uint8Array): Buffer {
  return createHash("md5").update(bytes).digest();
}

/** S3's multipart ETag, computed independently: MD5 of the parts' binary MD5s, then -<parts>. */
function multipartEtag(parts: readonly Uint8Array[]): string {
  return `"${createHash("md5").update(Buffer.concat(parts.map(md5))).digest("hex")}-${parts.length}"`;
}

describe("S3 multipart upload", () => {
  let emulator: TestEmulator;
  let s3: S3Client;
  const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(1234)];

  async function upload(key: string, bodies: readonly Uint8Array[], options: { algorithm?: ChecksumAlgorithm; contentType?: string } = {}): Promise<{ uploadId: string; completed: CompletedPart[] }> {
    const created = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ContentType: options.contentType, Metadata: { batch: "7" }, ChecksumAlgorithm: options.algorithm }),
    );
    const completed: CompletedPart[] = [];
    for (const [index, body] of bodies.entries()) {
      const part = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: created.UploadId, PartNumber: index + 1, Body: body, ChecksumAlgorithm: options.algorithm }));
      completed.push({
        PartNumber: index + 1,
        ETag: part.ETag,
        ...(part.ChecksumCRC32 === undefined ? {} : { ChecksumCRC32: part.ChecksumCRC32 }),
        ...(part.ChecksumSHA256 === undefined ? {} : { ChecksumSHA256: part.ChecksumSHA256 }),
        ...(part.ChecksumCRC64NVME === undefined ? {} : { ChecksumCRC64NVME: part.ChecksumCRC64NVME }),
      });
    }
    return { uploadId: created.UploadId!, completed };
  }

  before(async () => {
    emulator = await startTestEmulator();
    s3 = emulator.s3;
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  after(async () => {
    await emulator.close();
  });

  describe("validation", () => {
    test("rejects part number 0 and 10001 with InvalidArgument", async () => {
      const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "numbers" }));
      for (const partNumber of [0, 10001]) {
        await rejectsWith(s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "numbers", UploadId: created.UploadId, PartNumber: partNumber, Body: "x" })), { name: "InvalidArgument", status: 400 });
      }
    });

    test("rejects parts listed out of order with InvalidPartOrder", async () => {
      const { uploadId, completed } = await upload("out-of-order", parts.slice(0, 2));
      await rejectsWith(
        s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "out-of-order", UploadId: uploadId, MultipartUpload: { Parts: [completed[1]!, completed[0]!] } })),
        { name: "InvalidPartOrder", status: 400 },
      );
    });

    test("rejects a part smaller than 5 MiB that is not the last with EntityTooSmall", async () => {
      const { uploadId, completed } = await upload("too-small", [randomBytes(100), randomBytes(100)]);
      await rejectsWith(
        s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "too-small", UploadId: uploadId, MultipartUpload: { Parts: completed } })),
        { name: "EntityTooSmall", status: 400 },
      );
    });

    test("rejects a part whose ETag does not match with InvalidPart", async () => {
      const { uploadId, completed } = await upload("wrong-etag", [randomBytes(10)]);
      await rejectsWith(
        s3.send(
          new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "wrong-etag", UploadId: uploadId, MultipartUpload: { Parts: [{ ...completed[0]!, ETag: '"0123456789abcdef0123456789abcdef"' }] } }),
        ),
        { name: "InvalidPart", status: 400 },
      );
    });

    test("rejects a part that was never uploaded with InvalidPart", async () => {
      const { uploadId, completed } = await upload("missing-part", [randomBytes(10)]);
      await rejectsWith(
        s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "missing-part", UploadId: uploadId, MultipartUpload: { Parts: [{ ...completed[0]!, PartNumber: 2 }] } })),
        { name: "InvalidPart", status: 400 },
      );
    });

    test("rejects a Complete with no parts with MalformedXML", async () => {
      const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "no-parts" }));
      await rejectsWith(s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "no-parts", UploadId: created.UploadId, MultipartUpload: { Parts: [] } })), { name: "MalformedXML", status: 400 });
    });
  });

  describe("errors", () => {
    test("answers NoSuchUpload (404) for an upload id never issued", async () => {
      await rejectsWith(s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "k", UploadId: "not-an-upload", PartNumber: 1, Body: "x" })), { name: "NoSuchUpload", status: 404 });
      await rejectsWith(s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: "k", UploadId: "../../etc" })), { name: "NoSuchUpload", status: 404 });
    });

    test("answers NoSuchUpload when the upload id belongs to another key", async () => {
      const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "mine" }));
      await rejectsWith(s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "theirs", UploadId: created.UploadId, PartNumber: 1, Body: "x" })), { name: "NoSuchUpload", status: 404 });
    });

    test("answers NoSuchBucket for an upload into a missing bucket", async () => {
      await rejectsWith(s3.send(new CreateMultipartUploadCommand({ Bucket: "no-such-bucket", Key: "k" })), { name: "NoSuchBucket", status: 404 });
    });

    test("answers NoSuchUpload for parts of an aborted upload, and leaves no object", async () => {
      const { uploadId } = await upload("aborted", [randomBytes(10)]);
      const aborted = await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: "aborted", UploadId: uploadId }));
      assert.equal(aborted.$metadata.httpStatusCode, 204);
      await rejectsWith(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: "aborted", UploadId: uploadId })), { name: "NoSuchUpload", status: 404 });
      await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "aborted" })), { name: "NotFound", status: 404 });
    });
  });

  describe("behaviour", () => {
    test("assembles the parts into one object with S3's multipart ETag, byte for byte on disk", async () => {
      const { uploadId, completed } = await upload("logs/big.bin", parts, { contentType: "application/x-ndjson" });
      const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "logs/big.bin", UploadId: uploadId, MultipartUpload: { Parts: completed } }));
      assert.equal(done.ETag, multipartEtag(parts));
      assert.equal(done.Bucket, BUCKET);
      assert.equal(done.Key, "logs/big.bin");
      assert.match(done.Location!, /\/multipart\/logs\/big\.bin$/);
      const whole = Buffer.concat(parts);
      assert.ok((await readFile(join(emulator.dataDir, "s3", BUCKET, "logs", "big.bin"))).equals(whole));
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "logs/big.bin" }));
      assert.equal(head.ContentLength, whole.length);
      assert.equal(head.ETag, multipartEtag(parts));
      assert.equal(head.ContentType, "application/x-ndjson");
      assert.deepEqual(head.Metadata, { batch: "7" });
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "logs/big.bin", Range: `bytes=${5 * MiB - 2}-${5 * MiB + 1}` }));
      assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), whole.subarray(5 * MiB - 2, 5 * MiB + 2));
    });

    test("keeps parts out of the bucket's folder until the upload completes", async () => {
      const { uploadId, completed } = await upload("staged/invisible", [randomBytes(10)]);
      assert.deepEqual((await filesUnder(join(emulator.dataDir, "s3", BUCKET))).filter((file) => file.startsWith("staged")), []);
      await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "staged/invisible", UploadId: uploadId, MultipartUpload: { Parts: completed } }));
      assert.deepEqual((await filesUnder(join(emulator.dataDir, "s3", BUCKET))).filter((file) => file.startsWith("staged")), ["staged/invisible"]);
    });

    test("uses only the parts listed, and a part uploaded again replaces the earlier one", async () => {
      const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "chosen" }));
      const first = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "chosen", UploadId: created.UploadId, PartNumber: 1, Body: "old part one" }));
      const again = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "chosen", UploadId: created.UploadId, PartNumber: 1, Body: "new part one" }));
      await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "chosen", UploadId: created.UploadId, PartNumber: 2, Body: "unused" }));
      assert.notEqual(first.ETag, again.ETag);
      await rejectsWith(
        s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "chosen", UploadId: created.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: first.ETag }] } })),
        { name: "InvalidPart", status: 400 },
      );
      await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "chosen", UploadId: created.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: again.ETag }] } }));
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "chosen" }));
      assert.equal(await got.Body!.transformToString(), "new part one");
    });

    test("ListParts lists each part's number, size and ETag, a page at a time", async () => {
      const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "listed" }));
      const etags: string[] = [];
      for (const partNumber of [1, 2, 3]) {
        const part = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "listed", UploadId: created.UploadId, PartNumber: partNumber, Body: "p".repeat(partNumber) }));
        etags.push(part.ETag!);
      }
      const first = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: "listed", UploadId: created.UploadId, MaxParts: 2 }));
      assert.deepEqual(first.Parts!.map((part) => [part.PartNumber, part.Size, part.ETag]), [
        [1, 1, etags[0]],
        [2, 2, etags[1]],
      ]);
      assert.equal(first.IsTruncated, true);
      const second = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: "listed", UploadId: created.UploadId, PartNumberMarker: first.NextPartNumberMarker }));
      assert.deepEqual(second.Parts!.map((part) => part.PartNumber), [3]);
      assert.equal(second.IsTruncated, false);
    });

    test("ListMultipartUploads lists uploads in progress, and not completed ones", async () => {
      const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "in-progress/one" }));
      const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: "in-progress/" }));
      assert.deepEqual(listed.Uploads!.map((upload) => [upload.Key, upload.UploadId]), [["in-progress/one", created.UploadId]]);
      const completedKeys = (await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads!.map((upload) => upload.Key);
      assert.ok(!completedKeys.includes("logs/big.bin"));
    });

    test("gives a CRC32 upload S3's composite checksum: CRC32 of the parts' CRC32s, then -<parts>", async () => {
      const bodies = [randomBytes(5 * MiB), randomBytes(10)];
      const { uploadId, completed } = await upload("composite", bodies, { algorithm: "CRC32" });
      const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "composite", UploadId: uploadId, MultipartUpload: { Parts: completed } }));
      const partCrcs = Buffer.concat(completed.map((part) => Buffer.from(part.ChecksumCRC32!, "base64")));
      assert.equal(done.ChecksumCRC32, `${crc32(partCrcs).toString("base64")}-2`);
      assert.equal(done.ChecksumType, "COMPOSITE");
      assert.equal(completed[1]!.ChecksumCRC32, crc32(bodies[1]!).toString("base64"));
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "composite", ChecksumMode: "ENABLED" }));
      assert.equal(head.ChecksumCRC32, done.ChecksumCRC32);
    });

    test("gives a CRC64NVME upload a full-object checksum the SDK verifies on GET", async () => {
      const bodies = [randomBytes(5 * MiB), randomBytes(77)];
      const { uploadId, completed } = await upload("full-object", bodies, { algorithm: "CRC64NVME" });
      const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "full-object", UploadId: uploadId, MultipartUpload: { Parts: completed } }));
      assert.equal(done.ChecksumType, "FULL_OBJECT");
      assert.ok(done.ChecksumCRC64NVME !== undefined && !done.ChecksumCRC64NVME.includes("-"));
      // The SDK checks the returned CRC64NVME against the bytes it reads, and fails the read on a mismatch.
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "full-object", ChecksumMode: "ENABLED" }));
      assert.equal(got.ChecksumCRC64NVME, done.ChecksumCRC64NVME);
      assert.equal((await got.Body!.transformToByteArray()).length, 5 * MiB + 77);
    });

    test("an upload in progress survives a restart and completes after it", async () => {
      const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "across-restart", ContentType: "text/csv" }));
      const part1 = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "across-restart", UploadId: created.UploadId, PartNumber: 1, Body: parts[0] }));
      const dataDir = emulator.dataDir;
      await emulator.stop();
      emulator = await startTestEmulator({ dataDir });
      s3 = emulator.s3;
      const part2 = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "across-restart", UploadId: created.UploadId, PartNumber: 2, Body: parts[2] }));
      const done = await s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: "across-restart",
          UploadId: created.UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part1.ETag }, { PartNumber: 2, ETag: part2.ETag }] },
        }),
      );
      assert.equal(done.ETag, multipartEtag([parts[0]!, parts[2]!]));
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "across-restart" }));
      assert.equal(head.ContentType, "text/csv");
      assert.equal(head.ContentLength, parts[0]!.length + parts[2]!.length);
    });
  });
});
