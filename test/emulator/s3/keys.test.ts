import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { errorCode, rawRequest } from "../../support/rawHttp";
import { filesUnder, rejectsWith } from "../../support/s3Helpers";

const BUCKET = "keys";

/** Keys S3 accepts and the file each must be, relative to the bucket's folder (see emulator keyPath.ts). */
const KEY_FILES: readonly (readonly [key: string, file: string])[] = [
  ["2026/11/28/06/gpu-stream-1-2026-11-28-06-29-32-8d3f2c1e-5b7a-4c9d-9e0f-1a2b3c4d5e6f", "2026/11/28/06/gpu-stream-1-2026-11-28-06-29-32-8d3f2c1e-5b7a-4c9d-9e0f-1a2b3c4d5e6f"],
  ["year=2026/month=11/part-0000.snappy.parquet", "year=2026/month=11/part-0000.snappy.parquet"],
  ["with space/and ünïcode 😀.json", "with space/and ünïcode 😀.json"],
  [".hidden/file", ".hidden/file"],
  ["100%/done", "100%25/done"],
  ["a//b", "a/%_/b"],
  ["/leading-slash", "%_/leading-slash"],
  ["folder-marker/", "folder-marker/%_"],
  ["./dot", "%2E/dot"],
  ["../up", ".%2E/up"],
  ["down/../../twice", "down/.%2E/.%2E/twice"],
  ["...", "..%2E"],
  ["trailing-dot.", "trailing-dot%2E"],
  ["trailing-space ", "trailing-space%20"],
  ['w?i*n:d|o<w>s"\\', "w%3Fi%2An%3Ad%7Co%3Cw%3Es%22%5C"],
  ["tab\there\nnewline", "tab%09here%0Anewline"],
  ["%2e%2e%2fescaped", "%252e%252e%252fescaped"],
  ["%_", "%25_"],
  ["x%@", "x%25@"],
];

describe("S3 keys as files", () => {
  let emulator: TestEmulator;
  let s3: S3Client;
  const bucketFolder = (): string => join(emulator.dataDir, "s3", BUCKET);

  async function putText(key: string, text: string): Promise<void> {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: text, ContentType: "text/plain" }));
  }

  async function getText(key: string): Promise<string> {
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return got.Body!.transformToString();
  }

  async function listAll(prefix = ""): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((object) => object.Key!));
      token = page.NextContinuationToken;
    } while (token !== undefined);
    return keys;
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
    test("rejects a key of 1025 bytes with KeyTooLongError and accepts one of 1024", async () => {
      await rejectsWith(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "k".repeat(1025), Body: "x" })), { name: "KeyTooLongError", status: 400 });
      await putText("k".repeat(1024), "longest");
      assert.equal(await getText("k".repeat(1024)), "longest");
    });

    test("lists a key holding carriage returns as it was written (S3 writes them as &#13; in XML)", async () => {
      const key = "cr/a\rb\r\nc";
      await putText(key, "x");
      assert.deepEqual(await listAll("cr/"), [key]);
    });

    test("rejects a path whose percent-encoding is not UTF-8 with InvalidURI", async () => {
      const response = await rawRequest(emulator.emulator.url, { method: "GET", path: `/${BUCKET}/bad-%FF-utf8` });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "InvalidURI");
    });
  });

  describe("errors", () => {
    test("a bucket name that tries to climb out is just a bucket that does not exist", async () => {
      for (const path of ["/..%2F..%2Fetc/passwd", "/%2e%2e/passwd", "/../etc/passwd"]) {
        const response = await rawRequest(emulator.emulator.url, { method: "GET", path });
        assert.equal(response.status, 404, path);
        assert.equal(errorCode(response), "NoSuchBucket", path);
      }
    });
  });

  describe("behaviour", () => {
    for (const [key, file] of KEY_FILES) {
      test(`stores the key ${JSON.stringify(key)} as the file ${JSON.stringify(file)}`, async () => {
        await putText(key, `bytes of ${key}`);
        assert.equal(await readFile(join(bucketFolder(), ...file.split("/")), "utf8"), `bytes of ${key}`);
        assert.equal(await getText(key), `bytes of ${key}`);
        assert.ok((await listAll()).includes(key));
      });
    }

    test("the bucket's folder holds only object files (metadata lives elsewhere)", async () => {
      const files = await filesUnder(bucketFolder());
      assert.deepEqual(
        files.filter((file) => file.startsWith("2026/") || file.startsWith("with space/")),
        ["2026/11/28/06/gpu-stream-1-2026-11-28-06-29-32-8d3f2c1e-5b7a-4c9d-9e0f-1a2b3c4d5e6f", "with space/and ünïcode 😀.json"],
      );
    });

    test("stores a key with a segment over the 255-byte name limit as several folders, none over 255 bytes", async () => {
      const key = `long/${"é".repeat(150)}/${"x".repeat(600)}`;
      await putText(key, "long segments");
      assert.equal(await getText(key), "long segments");
      assert.deepEqual(await listAll("long/"), [key]);
      const [file] = (await filesUnder(bucketFolder())).filter((path) => path.startsWith("long/"));
      const components = file!.split("/");
      assert.equal(components.length, 6, `"long", two pieces of the 300-byte segment, three of the 600-byte one: ${file}`);
      for (const component of components) {
        assert.ok(Buffer.byteLength(component) <= 255, component);
      }
    });

    test("keeps a key that is also a folder of other keys, whichever comes first", async () => {
      await putText("p", "object p");
      await putText("p/q", "object p/q");
      await putText("r/s", "object r/s");
      await putText("r", "object r");
      assert.equal(await getText("p"), "object p");
      assert.equal(await getText("p/q"), "object p/q");
      assert.equal(await getText("r"), "object r");
      assert.equal(await getText("r/s"), "object r/s");
      assert.deepEqual(await listAll("p"), ["p", "p/q"]);
      assert.deepEqual(await listAll("r"), ["r", "r/s"]);
      const files = await filesUnder(bucketFolder());
      assert.deepEqual(files.filter((path) => /^[pr](%@|\/|$)/.test(path)), ["p%@", "p/q", "r%@", "r/s"]);
    });

    test("gives the folder-shadowed key its plain file back once the folder empties", async () => {
      await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "p/q" }));
      assert.equal(await getText("p"), "object p");
      const files = await filesUnder(bucketFolder());
      assert.deepEqual(files.filter((path) => /^p(%@|\/|$)/.test(path)), ["p"]);
      assert.equal(await readFile(join(bucketFolder(), "p"), "utf8"), "object p");
    });

    test("overwrites and deletes a folder-shadowed key", async () => {
      await putText("r", "object r, second version");
      assert.equal(await getText("r"), "object r, second version");
      await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "r" }));
      await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "r" })), { name: "NotFound", status: 404 });
      assert.equal(await getText("r/s"), "object r/s");
      const files = await filesUnder(bucketFolder());
      assert.deepEqual(files.filter((path) => /^r(%@|\/|$)/.test(path)), ["r/s"]);
    });

    test("keeps a folder marker and the objects under it apart", async () => {
      await putText("logs/", "");
      await putText("logs/app.log", "a log line");
      assert.deepEqual(await listAll("logs/"), ["logs/", "logs/app.log"]);
      await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "logs/app.log" }));
      assert.deepEqual(await listAll("logs/"), ["logs/"]);
    });

    test("no key reaches outside the bucket's folder, whether sent by the SDK or raw, encoded or not", async () => {
      const sentinel = `escape-sentinel-${randomUUID()}`;
      const attempts = [`../../${sentinel}`, `../../../${sentinel}`, `a/../../../../${sentinel}`, `..\\..\\${sentinel}`];
      for (const key of attempts) {
        await putText(key, "caught");
        assert.equal(await getText(key), "caught");
      }
      const rawPaths = [
        `/${BUCKET}/../../${sentinel}-raw`,
        `/${BUCKET}/..%2F..%2F${sentinel}-encoded-slash`,
        `/${BUCKET}/%2e%2e%2f%2e%2e%2f${sentinel}-encoded-dots`,
        `/${BUCKET}/%2E%2E/%2E%2E/%2E%2E/${sentinel}-upper`,
      ];
      for (const path of rawPaths) {
        const response = await rawRequest(emulator.emulator.url, { method: "PUT", path, headers: { "content-length": 6 }, body: "caught" });
        assert.equal(response.status, 200, `${path}: ${response.body.toString()}`);
      }
      for (let folder = emulator.dataDir, depth = 0; depth < 4; folder = dirname(folder), depth++) {
        for (const suffix of ["", "-raw", "-encoded-slash", "-encoded-dots", "-upper"]) {
          assert.ok(!existsSync(join(folder, sentinel + suffix)), `escaped to ${join(folder, sentinel + suffix)}`);
        }
      }
      const everything = await filesUnder(emulator.dataDir);
      const escaped = everything.filter((path) => path.includes(sentinel) && !path.startsWith(`s3/${BUCKET}/`));
      assert.deepEqual(escaped, []);
      const keys = await listAll();
      assert.ok(keys.includes(`../../${sentinel}-raw`));
      assert.ok(keys.includes(`../../${sentinel}-encoded-slash`));
      assert.ok(keys.includes(`../../${sentinel}-encoded-dots`));
    });

    test("ignores a file dropped into the bucket by hand under a name it never writes, and lists a plain one", async () => {
      await writeFile(join(bucketFolder(), "bad%zz-name"), "hand made");
      await writeFile(join(bucketFolder(), "handmade.csv"), "a,b\n1,2\n");
      const dataDir = emulator.dataDir;
      await emulator.stop();
      emulator = await startTestEmulator({ dataDir });
      s3 = emulator.s3;
      const keys = await listAll();
      assert.ok(!keys.some((key) => key.startsWith("bad")));
      assert.ok(keys.includes("handmade.csv"));
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "handmade.csv" }));
      assert.equal(head.ETag, `"${createHash("md5").update("a,b\n1,2\n").digest("hex")}"`);
      assert.equal(head.ContentLength, 8);
    });

    test("notices a file edited by hand: size and ETag follow the file", async () => {
      await putText("edited.txt", "original");
      const before = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "edited.txt" }));
      await writeFile(join(bucketFolder(), "edited.txt"), "changed by a student");
      const after = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "edited.txt" }));
      assert.notEqual(after.ETag, before.ETag);
      assert.equal(after.ETag, `"${createHash("md5").update("changed by a student").digest("hex")}"`);
      assert.equal(after.ContentLength, "changed by a student".length);
      assert.equal(after.ContentType, "text/plain");
      assert.equal(await getText("edited.txt"), "changed by a student");
    });

    test("a restart finds every key, in the same order, with its bytes and Content-Type", async () => {
      const beforeRestart = await listAll();
      const dataDir = emulator.dataDir;
      await emulator.stop();
      emulator = await startTestEmulator({ dataDir });
      s3 = emulator.s3;
      assert.deepEqual(await listAll(), beforeRestart);
      for (const [key] of KEY_FILES) {
        const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
        assert.equal(await got.Body!.transformToString(), `bytes of ${key}`);
        assert.equal(got.ContentType, "text/plain");
      }
      assert.equal(await getText("p"), "object p");
      assert.equal(await getText("r/s"), "object r/s");
    });
  });
});
