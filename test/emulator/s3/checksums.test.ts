import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { crc32, crc32c, crc64nvme } from "../../support/crc32";
import { errorCode, rawRequest } from "../../support/rawHttp";
import { rejectsWith } from "../../support/s3Helpers";

const BUCKET = "checksums";

/** The algorithms the SDK computes by itself (SHA512 and MD5 only as values given to it; XXHASH not at all). */
type ChecksumAlgorithm = "CRC32" | "CRC32C" | "CRC64NVME" | "SHA1" | "SHA256";

/** Each algorithm's checksum of `bytes`, base64, from implementations independent of the emulator's. */
const REFERENCE: Record<ChecksumAlgorithm, (bytes: Uint8Array) => string> = {
  CRC32: (bytes) => crc32(bytes).toString("base64"),
  CRC32C: (bytes) => crc32c(bytes).toString("base64"),
  CRC64NVME: (bytes) => crc64nvme(bytes).toString("base64"),
  SHA1: (bytes) => createHash("sha1").update(bytes).digest("base64"),
  SHA256: (bytes) => createHash("sha256").update(bytes).digest("base64"),
};
const ALGORITHMS = Object.keys(REFERENCE) as ChecksumAlgorithm[];

function outputChecksum(output: Record<string, unknown>, algorithm: ChecksumAlgorithm): unknown {
  return output[`Checksum${algorithm}`];
}

describe("S3 checksums", () => {
  let emulator: TestEmulator;
  let s3: S3Client;

  const put = (key: string, headers: Record<string, string | number>, body: string | Buffer) =>
    rawRequest(emulator.emulator.url, { method: "PUT", path: `/${BUCKET}/${key}`, headers: { "content-length": Buffer.byteLength(body), ...headers }, body });

  before(async () => {
    emulator = await startTestEmulator();
    s3 = emulator.s3;
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  after(async () => {
    await emulator.close();
  });

  describe("validation", () => {
    test("the reference CRCs give the published check values for '123456789'", () => {
      const check = Buffer.from("123456789");
      assert.equal(crc32(check).toString("hex"), "cbf43926");
      assert.equal(crc32c(check).toString("hex"), "e3069283");
      assert.equal(crc64nvme(check).toString("hex"), "ae8b14860a799888");
    });

    test("rejects a checksum header that is not base64 of the right length with InvalidRequest", async () => {
      const response = await put("malformed", { "x-amz-checksum-crc32": "not-base64!" }, "abc");
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "InvalidRequest");
      const tooLong = await put("malformed", { "x-amz-checksum-crc32": REFERENCE.SHA1(Buffer.from("abc")) }, "abc");
      assert.equal(errorCode(tooLong), "InvalidRequest");
    });

    test("rejects two checksum headers with InvalidRequest", async () => {
      const body = Buffer.from("abc");
      const response = await put("two", { "x-amz-checksum-crc32": REFERENCE.CRC32(body), "x-amz-checksum-sha1": REFERENCE.SHA1(body) }, body);
      assert.equal(response.status, 400);
      assert.match(response.body.toString(), /Multiple checksum Types are not allowed/);
    });

    test("rejects x-amz-sdk-checksum-algorithm without the checksum it names with InvalidRequest", async () => {
      const response = await put("announced", { "x-amz-sdk-checksum-algorithm": "CRC32" }, "abc");
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "InvalidRequest");
    });

    test("rejects a malformed Content-MD5 with InvalidDigest", async () => {
      const response = await put("bad-md5", { "content-md5": "short" }, "abc");
      assert.equal(errorCode(response), "InvalidDigest");
    });
  });

  describe("errors", () => {
    for (const algorithm of ALGORITHMS) {
      test(`answers a wrong x-amz-checksum-${algorithm.toLowerCase()} with BadDigest and stores nothing`, async () => {
        const key = `wrong-${algorithm}`;
        const error = await rejectsWith(
          s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: "the real body", [`Checksum${algorithm}`]: REFERENCE[algorithm](Buffer.from("another body")) })),
          { name: "BadDigest", status: 400 },
        );
        assert.match(error.message, new RegExp(algorithm));
        await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })), { name: "NotFound", status: 404 });
      });
    }

    test("answers a wrong Content-MD5 with BadDigest", async () => {
      await rejectsWith(
        s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "wrong-md5", Body: "body", ContentMD5: createHash("md5").update("other").digest("base64") })),
        { name: "BadDigest", status: 400 },
      );
    });

    test("answers a wrong x-amz-content-sha256 with XAmzContentSHA256Mismatch", async () => {
      const response = await put("wrong-sha", { "x-amz-content-sha256": createHash("sha256").update("other").digest("hex") }, "body");
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "XAmzContentSHA256Mismatch");
    });

    test("answers a wrong trailing checksum in an aws-chunked body with BadDigest and stores nothing", async () => {
      const response = await put(
        "wrong-trailer",
        {
          "content-encoding": "aws-chunked",
          "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
          "x-amz-decoded-content-length": 5,
          "x-amz-trailer": "x-amz-checksum-crc32",
        },
        `5\r\nhello\r\n0\r\nx-amz-checksum-crc32:${REFERENCE.CRC32(Buffer.from("HELLO"))}\r\n\r\n`,
      );
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "BadDigest");
      await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "wrong-trailer" })), { name: "NotFound", status: 404 });
    });

    test("answers an aws-chunked body missing the trailer it announced with InvalidRequest", async () => {
      const response = await put(
        "missing-trailer",
        { "content-encoding": "aws-chunked", "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-decoded-content-length": 5, "x-amz-trailer": "x-amz-checksum-crc32" },
        "5\r\nhello\r\n0\r\n\r\n",
      );
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "InvalidRequest");
    });

    test("answers a garbled aws-chunked body with an error, not a stored object", async () => {
      const response = await put(
        "garbled",
        { "content-encoding": "aws-chunked", "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-decoded-content-length": 5 },
        "zz\r\nhello\r\n0\r\n\r\n",
      );
      assert.equal(response.status, 400);
      await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "garbled" })), { name: "NotFound", status: 404 });
    });
  });

  describe("behaviour", () => {
    const body = randomBytes(200_001);

    for (const algorithm of ALGORITHMS) {
      test(`accepts a ${algorithm} the SDK computes in a header, and returns it when asked`, async () => {
        const key = `header-${algorithm}`;
        const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ChecksumAlgorithm: algorithm }));
        assert.equal(outputChecksum(put as never, algorithm), REFERENCE[algorithm](body));
        const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key, ChecksumMode: "ENABLED" }));
        assert.equal(outputChecksum(head as never, algorithm), REFERENCE[algorithm](body));
        assert.equal(head.ChecksumType, "FULL_OBJECT");
      });

      test(`accepts a ${algorithm} the SDK sends as an aws-chunked trailer, and stores the decoded bytes`, async () => {
        const key = `trailer-${algorithm}`;
        const chunks = [body.subarray(0, 65_536), body.subarray(65_536, 65_537), body.subarray(65_537)];
        await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Readable.from(chunks), ContentLength: body.length, ChecksumAlgorithm: algorithm }));
        assert.ok((await readFile(join(emulator.dataDir, "s3", BUCKET, key))).equals(body));
        // The SDK validates the checksum it gets back against the bytes it reads.
        const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, ChecksumMode: "ENABLED" }));
        assert.equal(outputChecksum(got as never, algorithm), REFERENCE[algorithm](body));
        assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(body));
      });
    }

    test("accepts the known check value for '123456789' in each algorithm's header", async () => {
      const check = Buffer.from("123456789");
      for (const algorithm of ALGORITHMS) {
        const response = await put(`check-${algorithm}`, { [`x-amz-checksum-${algorithm.toLowerCase()}`]: REFERENCE[algorithm](check) }, check);
        assert.equal(response.status, 200, `${algorithm}: ${response.body.toString()}`);
      }
    });

    test("verifies and keeps x-amz-checksum-sha512 and x-amz-checksum-md5 too", async () => {
      const bytes = Buffer.from("newer algorithms");
      for (const algorithm of ["sha512", "md5"]) {
        const digest = createHash(algorithm).update(bytes).digest("base64");
        const wrong = await put(`newer-${algorithm}`, { [`x-amz-checksum-${algorithm}`]: createHash(algorithm).update("x").digest("base64") }, bytes);
        assert.equal(errorCode(wrong), "BadDigest");
        const right = await put(`newer-${algorithm}`, { [`x-amz-checksum-${algorithm}`]: digest }, bytes);
        assert.equal(right.status, 200);
        const head = await rawRequest(emulator.emulator.url, { method: "HEAD", path: `/${BUCKET}/newer-${algorithm}`, headers: { "x-amz-checksum-mode": "ENABLED" } });
        assert.equal(head.headers[`x-amz-checksum-${algorithm}`], digest);
      }
    });

    test("answers an XXHASH checksum, which it cannot compute, with NotImplemented rather than storing it unchecked", async () => {
      const response = await put("xxhash", { "x-amz-checksum-xxhash64": "AAAAAAAAAAA=" }, "abc");
      assert.equal(response.status, 501);
      assert.match(response.body.toString(), /x-amz-checksum-xxhash64/);
      await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "xxhash" })), { name: "NotFound", status: 404 });
    });

    test("decodes a signed aws-chunked body (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) without checking signatures", async () => {
      const signature = "0".repeat(64);
      const response = await put(
        "signed-chunks",
        { "content-encoding": "aws-chunked", "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "x-amz-decoded-content-length": 11 },
        `6;chunk-signature=${signature}\r\nhello \r\n5;chunk-signature=${signature}\r\nworld\r\n0;chunk-signature=${signature}\r\n\r\n`,
      );
      assert.equal(response.status, 200, response.body.toString());
      assert.equal((await readFile(join(emulator.dataDir, "s3", BUCKET, "signed-chunks"))).toString(), "hello world");
    });

    test("decodes a signed aws-chunked body with a trailing checksum and trailer signature", async () => {
      const signature = "f".repeat(64);
      const response = await put(
        "signed-trailer",
        {
          "content-encoding": "aws-chunked",
          "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
          "x-amz-decoded-content-length": 5,
          "x-amz-trailer": "x-amz-checksum-crc32c",
        },
        `5;chunk-signature=${signature}\r\nhello\r\n0;chunk-signature=${signature}\r\nx-amz-checksum-crc32c:${REFERENCE.CRC32C(Buffer.from("hello"))}\r\nx-amz-trailer-signature:${signature}\r\n\r\n`,
      );
      assert.equal(response.status, 200, response.body.toString());
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "signed-trailer", ChecksumMode: "ENABLED" }));
      assert.equal(head.ChecksumCRC32C, REFERENCE.CRC32C(Buffer.from("hello")));
    });

    test("accepts a matching x-amz-content-sha256", async () => {
      const response = await put("right-sha", { "x-amz-content-sha256": createHash("sha256").update("body").digest("hex") }, "body");
      assert.equal(response.status, 200);
    });

    test("gives an object put with no checksum a CRC64NVME, as S3 does", async () => {
      const bytes = Buffer.from("no checksum sent");
      const response = await put("unchecked", {}, bytes);
      assert.equal(response.status, 200);
      assert.equal(response.headers["x-amz-checksum-crc64nvme"], REFERENCE.CRC64NVME(bytes));
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "unchecked", ChecksumMode: "ENABLED" }));
      assert.equal(head.ChecksumCRC64NVME, REFERENCE.CRC64NVME(bytes));
    });

    test("returns checksums only when asked with x-amz-checksum-mode, and never for a range", async () => {
      const plain = await rawRequest(emulator.emulator.url, { method: "HEAD", path: `/${BUCKET}/header-CRC32` });
      assert.equal(plain.headers["x-amz-checksum-crc32"], undefined);
      const asked = await rawRequest(emulator.emulator.url, { method: "HEAD", path: `/${BUCKET}/header-CRC32`, headers: { "x-amz-checksum-mode": "ENABLED" } });
      assert.equal(asked.headers["x-amz-checksum-crc32"], REFERENCE.CRC32(body));
      const ranged = await rawRequest(emulator.emulator.url, { method: "GET", path: `/${BUCKET}/header-CRC32`, headers: { "x-amz-checksum-mode": "ENABLED", range: "bytes=0-9" } });
      assert.equal(ranged.status, 206);
      assert.equal(ranged.headers["x-amz-checksum-crc32"], undefined);
      assert.ok(ranged.body.equals(body.subarray(0, 10)));
    });

    test("keeps checksums across a restart", async () => {
      const dataDir = emulator.dataDir;
      await emulator.stop();
      emulator = await startTestEmulator({ dataDir });
      s3 = emulator.s3;
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "header-SHA256", ChecksumMode: "ENABLED" }));
      assert.equal(head.ChecksumSHA256, REFERENCE.SHA256(body));
    });
  });
});
