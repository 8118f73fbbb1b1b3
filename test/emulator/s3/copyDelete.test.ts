import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { startTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { errorCode, rawRequest } from "../../support/rawHttp";
import { filesUnder, foldersUnder, rejectsWith } from "../../support/s3Helpers";

const BUCKET = "copies";
const OTHER = "copies-elsewhere";

describe("S3 CopyObject, DeleteObject, DeleteObjects", () => {
  let emulator: TestEmulator;
  let s3: S3Client;

  before(async () => {
    emulator = await startTestEmulator();
    s3 = emulator.s3;
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new CreateBucketCommand({ Bucket: OTHER }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "source.json", Body: '{"tipo":"energia"}', ContentType: "application/json", Metadata: { origin: "gpu-1" } }));
  });

  after(async () => {
    await emulator.close();
  });

  describe("validation", () => {
    test("rejects a copy source without a key with InvalidArgument", async () => {
      await rejectsWith(s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "target", CopySource: BUCKET })), { name: "InvalidArgument", status: 400 });
    });

    test("rejects an unknown metadata directive with InvalidArgument", async () => {
      await rejectsWith(
        s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "target", CopySource: `${BUCKET}/source.json`, MetadataDirective: "MERGE" as never })),
        { name: "InvalidArgument", status: 400 },
      );
    });

    test("rejects copying an object onto itself without REPLACE with InvalidRequest", async () => {
      const error = await rejectsWith(s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "source.json", CopySource: `${BUCKET}/source.json` })), { name: "InvalidRequest", status: 400 });
      assert.match(error.message, /copy an object to itself/);
    });

    test("rejects DeleteObjects without Content-MD5 or a checksum header with InvalidRequest", async () => {
      const response = await rawRequest(emulator.emulator.url, {
        method: "POST",
        path: `/${BUCKET}?delete`,
        body: "<Delete><Object><Key>x</Key></Object></Delete>",
        headers: { "content-type": "application/xml" },
      });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "InvalidRequest");
    });

    test("rejects a DeleteObjects body that is not XML with MalformedXML", async () => {
      const body = "<Delete><Object><Key>x</Key>";
      const response = await rawRequest(emulator.emulator.url, {
        method: "POST",
        path: `/${BUCKET}?delete`,
        body,
        headers: { "content-md5": createHash("md5").update(body).digest("base64") },
      });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "MalformedXML");
    });

    test("rejects DeleteObjects whose Content-MD5 does not match with BadDigest", async () => {
      const response = await rawRequest(emulator.emulator.url, {
        method: "POST",
        path: `/${BUCKET}?delete`,
        body: "<Delete><Object><Key>source.json</Key></Object></Delete>",
        headers: { "content-md5": createHash("md5").update("something else").digest("base64") },
      });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "BadDigest");
      await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "source.json" }));
    });
  });

  describe("errors", () => {
    test("answers NoSuchKey naming the source key when the source is missing", async () => {
      const error = await rejectsWith(s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "target", CopySource: `${BUCKET}/missing-source` })), { name: "NoSuchKey", status: 404 });
      assert.equal(error["Key"], "missing-source");
    });

    test("answers NoSuchBucket when the source bucket is missing", async () => {
      await rejectsWith(s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "target", CopySource: "no-such-bucket/source.json" })), { name: "NoSuchBucket", status: 404 });
    });

    test("answers NoSuchBucket when the target bucket is missing", async () => {
      await rejectsWith(s3.send(new CopyObjectCommand({ Bucket: "no-such-bucket", Key: "target", CopySource: `${BUCKET}/source.json` })), { name: "NoSuchBucket", status: 404 });
    });

    test("answers PreconditionFailed when x-amz-copy-source-if-match names another ETag", async () => {
      await rejectsWith(
        s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "target", CopySource: `${BUCKET}/source.json`, CopySourceIfMatch: '"00000000000000000000000000000000"' })),
        { name: "PreconditionFailed", status: 412 },
      );
    });

    test("answers NoSuchBucket to DeleteObject in a missing bucket", async () => {
      await rejectsWith(s3.send(new DeleteObjectCommand({ Bucket: "no-such-bucket", Key: "k" })), { name: "NoSuchBucket", status: 404 });
    });
  });

  describe("behaviour", () => {
    test("copies bytes, ETag, Content-Type and metadata (COPY is the default directive)", async () => {
      const copied = await s3.send(new CopyObjectCommand({ Bucket: OTHER, Key: "copy/of source.json", CopySource: `${BUCKET}/source.json` }));
      const source = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "source.json" }));
      assert.equal(copied.CopyObjectResult?.ETag, source.ETag);
      assert.ok(copied.CopyObjectResult?.LastModified instanceof Date);
      const target = await s3.send(new GetObjectCommand({ Bucket: OTHER, Key: "copy/of source.json" }));
      assert.equal(await target.Body!.transformToString(), '{"tipo":"energia"}');
      assert.equal(target.ContentType, "application/json");
      assert.deepEqual(target.Metadata, { origin: "gpu-1" });
      assert.equal((await readFile(join(emulator.dataDir, "s3", OTHER, "copy", "of source.json"))).toString(), '{"tipo":"energia"}');
    });

    test("replaces Content-Type and metadata with REPLACE", async () => {
      await s3.send(
        new CopyObjectCommand({
          Bucket: BUCKET,
          Key: "replaced.txt",
          CopySource: `${BUCKET}/source.json`,
          MetadataDirective: "REPLACE",
          ContentType: "text/plain",
          Metadata: { edited: "yes" },
        }),
      );
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "replaced.txt" }));
      assert.equal(head.ContentType, "text/plain");
      assert.deepEqual(head.Metadata, { edited: "yes" });
    });

    test("copies an object onto itself when REPLACE changes its metadata", async () => {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "self", Body: "same bytes", Metadata: { v: "1" } }));
      await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "self", CopySource: `${BUCKET}/self`, MetadataDirective: "REPLACE", Metadata: { v: "2" } }));
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "self" }));
      assert.deepEqual(got.Metadata, { v: "2" });
      assert.equal(await got.Body!.transformToString(), "same bytes");
    });

    test("copies from a source key with spaces, unicode and a plus (URL-encoded copy source)", async () => {
      const key = "dir/á b+c%d.json";
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: "odd key" }));
      await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "from-odd", CopySource: `${BUCKET}/${encodeURIComponent(key)}` }));
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "from-odd" }));
      assert.equal(await got.Body!.transformToString(), "odd key");
    });

    test("the copy is its own file: overwriting the source leaves it unchanged", async () => {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "original", Body: "version 1" }));
      await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "snapshot", CopySource: `${BUCKET}/original` }));
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "original", Body: "version 2" }));
      const snapshot = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "snapshot" }));
      assert.equal(await snapshot.Body!.transformToString(), "version 1");
    });

    test("deletes an object: 204, gone from GET, list and disk, empty folders pruned", async () => {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "deep/er/still/object", Body: "x" }));
      const deleted = await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "deep/er/still/object" }));
      assert.equal(deleted.$metadata.httpStatusCode, 204);
      await rejectsWith(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "deep/er/still/object" })), { name: "NoSuchKey", status: 404 });
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "deep/" }));
      assert.equal(listed.KeyCount, 0);
      await assert.rejects(stat(join(emulator.dataDir, "s3", BUCKET, "deep")), { code: "ENOENT" });
    });

    test("answers 204 for deleting a key that does not exist", async () => {
      const deleted = await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "never-there" }));
      assert.equal(deleted.$metadata.httpStatusCode, 204);
    });

    test("DeleteObjects deletes many, reports each key, and counts a missing key as deleted", async () => {
      for (const key of ["batch/1", "batch/2", "batch/sub/3"]) {
        await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
      }
      const result = await s3.send(
        new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: "batch/1" }, { Key: "batch/sub/3" }, { Key: "batch/missing" }] } }),
      );
      assert.deepEqual(result.Deleted!.map((entry) => entry.Key).sort(), ["batch/1", "batch/missing", "batch/sub/3"]);
      assert.equal(result.Errors, undefined);
      const left = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "batch/" }));
      assert.deepEqual(left.Contents!.map((object) => object.Key), ["batch/2"]);
      assert.deepEqual(await filesUnder(join(emulator.dataDir, "s3", BUCKET, "batch")), ["2"]);
      assert.deepEqual(await foldersUnder(join(emulator.dataDir, "s3", BUCKET, "batch")), []);
    });

    test("DeleteObjects in Quiet mode reports nothing on success", async () => {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "quiet", Body: "q" }));
      const result = await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Quiet: true, Objects: [{ Key: "quiet" }] } }));
      assert.equal(result.Deleted, undefined);
      await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "quiet" })), { name: "NotFound", status: 404 });
    });

    test("DeleteObjects keeps keys exactly as sent, leading and trailing spaces included", async () => {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: " padded ", Body: "p" }));
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "padded", Body: "not this one" }));
      const result = await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: " padded " }] } }));
      assert.deepEqual(result.Deleted!.map((entry) => entry.Key), [" padded "]);
      await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "padded" }));
      await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: " padded " })), { name: "NotFound", status: 404 });
    });
  });
});
