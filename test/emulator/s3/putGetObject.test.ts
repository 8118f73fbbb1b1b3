import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { Readable } from "node:stream";
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { errorCode, rawRequest } from "../../support/rawHttp";
import { filesUnder, rejectsWith, waitFor } from "../../support/s3Helpers";

const BUCKET = "objects";

function md5Hex(bytes: Uint8Array | string): string {
  return createHash("md5").update(bytes).digest("hex");
}

describe("S3 PutObject, GetObject, HeadObject", () => {
  let emulator: TestEmulator;
  let s3: S3Client;
  const objectFile = (key: string): string => join(emulator.dataDir, "s3", BUCKET, ...key.split("/"));

  before(async () => {
    emulator = await startTestEmulator();
    s3 = emulator.s3;
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  after(async () => {
    await emulator.close();
  });

  describe("validation", () => {
    test("rejects a key longer than 1024 bytes with KeyTooLongError", async () => {
      await rejectsWith(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "é".repeat(513), Body: "x" })), { name: "KeyTooLongError", status: 400 });
    });

    test("rejects a body declared larger than 5 GiB with EntityTooLarge before reading it", async () => {
      const response = await rawRequest(emulator.emulator.url, {
        method: "PUT",
        path: `/${BUCKET}/huge`,
        headers: { "content-length": String(5 * 1024 ** 3 + 1) },
        endEarly: true,
      });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "EntityTooLarge");
      assert.match(response.body.toString(), /<MaxSizeAllowed>5368709120<\/MaxSizeAllowed>/);
    });

    test("rejects a PUT without Content-Length with MissingContentLength (411)", async () => {
      const response = await rawRequest(emulator.emulator.url, { method: "PUT", path: `/${BUCKET}/no-length`, headers: { "transfer-encoding": "chunked" }, body: "abc" });
      assert.equal(response.status, 411);
      assert.equal(errorCode(response), "MissingContentLength");
    });

    test("rejects more than 2 KB of user metadata with MetadataTooLarge", async () => {
      await rejectsWith(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "meta-heavy", Body: "x", Metadata: { big: "m".repeat(2100) } })), { name: "MetadataTooLarge", status: 400 });
    });
  });

  describe("errors", () => {
    test("answers NoSuchBucket for a PUT into a missing bucket", async () => {
      const error = await rejectsWith(s3.send(new PutObjectCommand({ Bucket: "no-such-bucket", Key: "k", Body: "x" })), { name: "NoSuchBucket", status: 404 });
      assert.equal(error["BucketName"], "no-such-bucket");
    });

    test("answers NoSuchKey (404) with the key for a GET of a missing key", async () => {
      const error = await rejectsWith(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "missing/key.json" })), { name: "NoSuchKey", status: 404 });
      assert.equal(error["Key"], "missing/key.json");
    });

    test("answers a HEAD of a missing key with 404 and no body", async () => {
      await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "missing" })), { name: "NotFound", status: 404 });
      const raw = await rawRequest(emulator.emulator.url, { method: "HEAD", path: `/${BUCKET}/missing` });
      assert.equal(raw.status, 404);
      assert.equal(raw.body.length, 0);
    });

    test("answers a range that starts past the end with InvalidRange (416)", async () => {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "ten-bytes", Body: "0123456789" }));
      const error = await rejectsWith(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "ten-bytes", Range: "bytes=10-20" })), { name: "InvalidRange", status: 416 });
      assert.equal(error["ActualObjectSize"], "10");
    });

    test("answers a range on an empty object with InvalidRange", async () => {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "empty-for-range", Body: "" }));
      await rejectsWith(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "empty-for-range", Range: "bytes=0-" })), { name: "InvalidRange", status: 416 });
    });

    test("answers If-Match with another ETag with PreconditionFailed (412)", async () => {
      await rejectsWith(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "ten-bytes", IfMatch: '"0000"' })), { name: "PreconditionFailed", status: 412 });
    });

    test("refuses to overwrite with If-None-Match: * when the key exists (412)", async () => {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "write-once", Body: "first" }));
      await rejectsWith(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "write-once", Body: "second", IfNoneMatch: "*" })), { name: "PreconditionFailed", status: 412 });
      const kept = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "write-once" }));
      assert.equal(await kept.Body!.transformToString(), "first");
    });

    test("answers GetObject with partNumber as NotImplemented naming it", async () => {
      const error = await rejectsWith(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "ten-bytes", PartNumber: 1 })), { name: "NotImplemented", status: 501 });
      assert.match(error.message, /GetObject with partNumber/);
    });
  });

  describe("behaviour", () => {
    test("stores the bytes put, readable as a plain file under <dataDir>/s3/<bucket>/<key>", async () => {
      const body = randomBytes(100_000);
      const key = "2026/11/28/06/gpu-stream-1-2026-11-28-06-29-32-0d4b8c36-2f53-4c7e-9c39-8a0b4d0e6a11";
      const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
      assert.equal(put.ETag, `"${md5Hex(body)}"`);
      assert.deepEqual(await readFile(objectFile(key)), body);
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), body);
      assert.equal(got.ETag, put.ETag);
      assert.equal(got.ContentLength, body.length);
    });

    test("keeps Content-Type, the other content headers and user metadata", async () => {
      await s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: "typed.json",
          Body: '{"a":1}',
          ContentType: "application/json",
          ContentDisposition: 'attachment; filename="typed.json"',
          CacheControl: "no-cache",
          ContentLanguage: "pt-BR",
          Metadata: { Producer: "gpu-1", "unit-of-measure": "W" },
        }),
      );
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "typed.json" }));
      assert.equal(head.ContentType, "application/json");
      assert.equal(head.ContentDisposition, 'attachment; filename="typed.json"');
      assert.equal(head.CacheControl, "no-cache");
      assert.equal(head.ContentLanguage, "pt-BR");
      assert.deepEqual(head.Metadata, { producer: "gpu-1", "unit-of-measure": "W" });
      assert.equal(head.ContentLength, 7);
    });

    test("gives an object put without Content-Type S3's default, binary/octet-stream", async () => {
      const response = await rawRequest(emulator.emulator.url, { method: "PUT", path: `/${BUCKET}/untyped`, headers: { "content-length": 3 }, body: "abc" });
      assert.equal(response.status, 200);
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "untyped" }));
      assert.equal(head.ContentType, "binary/octet-stream");
    });

    test("answers Last-Modified in RFC 1123 to the second, from the emulator's clock", async () => {
      const fixed = Date.UTC(2026, 10, 28, 6, 29, 32, 789);
      const clocked = await startTestEmulator({ now: () => fixed });
      try {
        await clocked.s3.send(new CreateBucketCommand({ Bucket: "clocked" }));
        await clocked.s3.send(new PutObjectCommand({ Bucket: "clocked", Key: "k", Body: "x" }));
        const raw = await rawRequest(clocked.emulator.url, { method: "HEAD", path: "/clocked/k" });
        assert.equal(raw.headers["last-modified"], "Sat, 28 Nov 2026 06:29:32 GMT");
        const head = await clocked.s3.send(new HeadObjectCommand({ Bucket: "clocked", Key: "k" }));
        assert.equal(head.LastModified?.toISOString(), "2026-11-28T06:29:32.000Z");
      } finally {
        await clocked.close();
      }
    });

    test("stores an empty object as an empty file", async () => {
      const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "empty", Body: "" }));
      assert.equal(put.ETag, '"d41d8cd98f00b204e9800998ecf8427e"');
      assert.equal((await readFile(objectFile("empty"))).length, 0);
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "empty" }));
      assert.equal(await got.Body!.transformToString(), "");
    });

    test("stores a streamed body (sent aws-chunked with a trailing checksum) byte for byte", async () => {
      const parts = [randomBytes(70_000), randomBytes(1), randomBytes(33_333)];
      const whole = Buffer.concat(parts);
      const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "streamed.bin", Body: Readable.from(parts), ContentLength: whole.length }));
      assert.equal(put.ETag, `"${md5Hex(whole)}"`);
      assert.deepEqual(await readFile(objectFile("streamed.bin")), whole);
    });

    test("overwrites: the second PUT's bytes and metadata replace the first's", async () => {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "twice", Body: "first version", Metadata: { v: "1" } }));
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "twice", Body: "second", ContentType: "text/plain" }));
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "twice" }));
      assert.equal(await got.Body!.transformToString(), "second");
      assert.deepEqual(got.Metadata, {});
      assert.equal(got.ContentType, "text/plain");
      assert.equal((await readFile(objectFile("twice"))).toString(), "second");
    });

    for (const [range, expected, contentRange] of [
      ["bytes=2-5", "2345", "bytes 2-5/10"],
      ["bytes=7-", "789", "bytes 7-9/10"],
      ["bytes=-3", "789", "bytes 7-9/10"],
      ["bytes=8-100", "89", "bytes 8-9/10"],
    ] as const) {
      test(`serves Range ${range} as 206 with Content-Range ${contentRange}`, async () => {
        const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "ten-bytes", Range: range }));
        assert.equal(got.$metadata.httpStatusCode, 206);
        assert.equal(await got.Body!.transformToString(), expected);
        assert.equal(got.ContentRange, contentRange);
        assert.equal(got.ContentLength, expected.length);
      });
    }

    test("serves the whole object for a Range it cannot parse", async () => {
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "ten-bytes", Range: "lines=1-2" }));
      assert.equal(got.$metadata.httpStatusCode, 200);
      assert.equal(await got.Body!.transformToString(), "0123456789");
    });

    test("answers 304 Not Modified to If-None-Match with the current ETag", async () => {
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "ten-bytes" }));
      const response = await rawRequest(emulator.emulator.url, { method: "GET", path: `/${BUCKET}/ten-bytes`, headers: { "if-none-match": head.ETag! } });
      assert.equal(response.status, 304);
      assert.equal(response.body.length, 0);
      assert.equal(response.headers["etag"], head.ETag);
    });

    test("answers 304 to If-Modified-Since at the Last-Modified it answered, 200 for an earlier time", async () => {
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "ten-bytes" }));
      const since = head.LastModified!.toUTCString();
      const same = await rawRequest(emulator.emulator.url, { method: "GET", path: `/${BUCKET}/ten-bytes`, headers: { "if-modified-since": since } });
      assert.equal(same.status, 304);
      const earlier = new Date(head.LastModified!.getTime() - 1000).toUTCString();
      const older = await rawRequest(emulator.emulator.url, { method: "GET", path: `/${BUCKET}/ten-bytes`, headers: { "if-modified-since": earlier } });
      assert.equal(older.status, 200);
      assert.equal(older.body.toString(), "0123456789");
    });

    test("serves If-Match with the current ETag", async () => {
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "ten-bytes" }));
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "ten-bytes", IfMatch: head.ETag }));
      assert.equal(await got.Body!.transformToString(), "0123456789");
    });

    test("overrides headers with response-content-type and friends", async () => {
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "ten-bytes", ResponseContentType: "text/csv", ResponseContentDisposition: "inline" }));
      assert.equal(got.ContentType, "text/csv");
      assert.equal(got.ContentDisposition, "inline");
      await got.Body!.transformToString();
    });

    test("a PUT cut off mid-body leaves no object, no file in the bucket and nothing staged", async () => {
      const staging = join(emulator.dataDir, "s3", ".staging");
      const url = new URL(emulator.emulator.url);
      const req = request({ host: url.hostname, port: url.port, method: "PUT", path: `/${BUCKET}/cut-off/object`, headers: { "content-length": 100_000 }, agent: false });
      req.on("error", () => undefined);
      req.write(randomBytes(50_000));
      await waitFor(async () => (await readdir(staging)).length > 0, "the server to start staging the body");
      req.destroy();
      await waitFor(async () => (await readdir(staging)).length === 0, "the server to drop the staged body");
      await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "cut-off/object" })), { name: "NotFound", status: 404 });
      const files = await filesUnder(join(emulator.dataDir, "s3", BUCKET));
      assert.ok(!files.some((file) => file.startsWith("cut-off")), files.join(", "));
    });

    test("an aws-chunked body shorter than its x-amz-decoded-content-length is IncompleteBody, and not stored", async () => {
      const response = await rawRequest(emulator.emulator.url, {
        method: "PUT",
        path: `/${BUCKET}/short-chunked`,
        headers: { "content-encoding": "aws-chunked", "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-decoded-content-length": 100 },
        body: "5\r\nhello\r\n0\r\n\r\n",
      });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "IncompleteBody");
      await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "short-chunked" })), { name: "NotFound", status: 404 });
    });

    test("concurrent PUTs of one key leave one of them whole: bytes, ETag and file agree", async () => {
      const bodies = Array.from({ length: 8 }, (_, index) => Buffer.concat([Buffer.from(`version ${index}:`), randomBytes(50_000 + index)]));
      await Promise.all(bodies.map((body) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "contended", Body: body }))));
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "contended" }));
      const bytes = Buffer.from(await got.Body!.transformToByteArray());
      assert.ok(bodies.some((body) => body.equals(bytes)), "the object is one of the bodies put");
      assert.equal(got.ETag, `"${md5Hex(bytes)}"`);
      assert.deepEqual(await readFile(objectFile("contended")), bytes);
    });

    test("a restart finds objects with their metadata, and staging left empty", async () => {
      const dataDir = emulator.dataDir;
      await emulator.stop();
      emulator = await startTestEmulator({ dataDir });
      s3 = emulator.s3;
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "typed.json" }));
      assert.equal(head.ContentType, "application/json");
      assert.deepEqual(head.Metadata, { producer: "gpu-1", "unit-of-measure": "W" });
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "streamed.bin" }));
      assert.equal((await got.Body!.transformToByteArray()).length, 103_334);
      assert.deepEqual(await readdir(join(dataDir, "s3", ".staging")), []);
    });
  });
});
