import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateBucketCommand, ListObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type ListObjectsV2CommandInput } from "@aws-sdk/client-s3";
import { startTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { errorCode, rawRequest } from "../../support/rawHttp";
import { rejectsWith } from "../../support/s3Helpers";

const BUCKET = "listing";

/** Keys in UTF-8 binary order, as S3 lists them. */
function utf8Sorted(keys: readonly string[]): string[] {
  return [...keys].sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
}

const KEYS = [
  "2026/11/28/06/gpu-stream-1-a",
  "2026/11/28/06/gpu-stream-1-b",
  "2026/11/28/07/gpu-stream-1-c",
  "2026/11/29/00/gpu-stream-1-d",
  "errors/processing-failed/x",
  "logs/",
  "logs/app.log",
  "readme.txt",
  "a",
  "a/b",
  "a b",
  "a+b",
  "ab",
  "émoji-😀",
  "\uFFFD-replacement",
  "u-\uE000",
  "u-\uFFFD",
  "u-😀",
  "z",
];

describe("S3 ListObjectsV2 and ListObjects", () => {
  let emulator: TestEmulator;
  let s3: S3Client;

  /** Every key and common prefix, following continuation tokens a page of `pageSize` at a time. */
  async function listAllV2(input: Omit<ListObjectsV2CommandInput, "Bucket">, pageSize: number): Promise<{ keys: string[]; prefixes: string[]; pages: number }> {
    const keys: string[] = [];
    const prefixes: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ ...input, Bucket: BUCKET, MaxKeys: pageSize, ContinuationToken: token }));
      pages++;
      keys.push(...(page.Contents ?? []).map((object) => object.Key!));
      prefixes.push(...(page.CommonPrefixes ?? []).map((prefix) => prefix.Prefix!));
      assert.equal(page.KeyCount, (page.Contents?.length ?? 0) + (page.CommonPrefixes?.length ?? 0));
      assert.ok(page.KeyCount! <= pageSize);
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      assert.ok(pages < 100, "paging never ends");
    } while (token !== undefined);
    return { keys, prefixes, pages };
  }

  before(async () => {
    emulator = await startTestEmulator();
    s3 = emulator.s3;
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    for (const key of KEYS) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: `body of ${key}` }));
    }
  });

  after(async () => {
    await emulator.close();
  });

  describe("validation", () => {
    test("rejects an EncodingType other than url with InvalidArgument", async () => {
      const response = await rawRequest(emulator.emulator.url, { method: "GET", path: `/${BUCKET}?list-type=2&encoding-type=base64` });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "InvalidArgument");
    });

    test("rejects a negative max-keys with InvalidArgument", async () => {
      const response = await rawRequest(emulator.emulator.url, { method: "GET", path: `/${BUCKET}?list-type=2&max-keys=-1` });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "InvalidArgument");
    });

    test("rejects a continuation token it did not issue with InvalidArgument", async () => {
      await rejectsWith(s3.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: "not-a-token" })), { name: "InvalidArgument", status: 400 });
    });
  });

  describe("errors", () => {
    test("answers NoSuchBucket for a missing bucket, v2 and v1", async () => {
      await rejectsWith(s3.send(new ListObjectsV2Command({ Bucket: "no-such-bucket" })), { name: "NoSuchBucket", status: 404 });
      await rejectsWith(s3.send(new ListObjectsCommand({ Bucket: "no-such-bucket" })), { name: "NoSuchBucket", status: 404 });
    });
  });

  describe("behaviour", () => {
    test("lists every key in UTF-8 binary order, with size, ETag and Last-Modified", async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      assert.deepEqual(
        listed.Contents!.map((object) => object.Key),
        utf8Sorted(KEYS),
      );
      const readme = listed.Contents!.find((object) => object.Key === "readme.txt")!;
      assert.equal(readme.Size, Buffer.byteLength("body of readme.txt"));
      assert.match(readme.ETag!, /^"[0-9a-f]{32}"$/);
      assert.ok(readme.LastModified instanceof Date);
      assert.equal(readme.StorageClass, "STANDARD");
      assert.equal(listed.KeyCount, KEYS.length);
      assert.equal(listed.IsTruncated, false);
    });

    test("puts U+E000 and U+FFFD before an emoji, as UTF-8 bytes do (UTF-16 code units would not)", async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "u-" }));
      assert.deepEqual(
        listed.Contents!.map((object) => object.Key),
        ["u-\uE000", "u-\uFFFD", "u-😀"],
      );
    });

    test("lists only keys under a Prefix", async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "2026/11/28/" }));
      assert.deepEqual(
        listed.Contents!.map((object) => object.Key),
        ["2026/11/28/06/gpu-stream-1-a", "2026/11/28/06/gpu-stream-1-b", "2026/11/28/07/gpu-stream-1-c"],
      );
      assert.equal(listed.Prefix, "2026/11/28/");
    });

    test("rolls keys up into CommonPrefixes at the Delimiter", async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: "/" }));
      assert.deepEqual(
        listed.CommonPrefixes!.map((prefix) => prefix.Prefix),
        ["2026/", "a/", "errors/", "logs/"],
      );
      assert.deepEqual(
        listed.Contents!.map((object) => object.Key),
        utf8Sorted(KEYS.filter((key) => !key.includes("/"))),
      );
      assert.equal(listed.Delimiter, "/");
    });

    test("rolls up below a Prefix, with the folder marker itself listed as a key", async () => {
      const hours = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "2026/11/28/", Delimiter: "/" }));
      assert.deepEqual(hours.CommonPrefixes!.map((prefix) => prefix.Prefix), ["2026/11/28/06/", "2026/11/28/07/"]);
      assert.equal(hours.Contents, undefined);
      const logs = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "logs/", Delimiter: "/" }));
      assert.deepEqual(logs.Contents!.map((object) => object.Key), ["logs/", "logs/app.log"]);
    });

    test("pages with MaxKeys and continuation tokens, every key exactly once", async () => {
      for (const pageSize of [1, 2, 5]) {
        const all = await listAllV2({}, pageSize);
        assert.deepEqual(all.keys, utf8Sorted(KEYS), `page size ${pageSize}`);
        assert.equal(all.pages, Math.ceil(KEYS.length / pageSize));
      }
    });

    test("pages through common prefixes too, each exactly once", async () => {
      const all = await listAllV2({ Delimiter: "/" }, 1);
      assert.deepEqual(all.prefixes, ["2026/", "a/", "errors/", "logs/"]);
      assert.deepEqual(all.keys, utf8Sorted(KEYS.filter((key) => !key.includes("/"))));
    });

    test("answers MaxKeys 0 with no keys and not truncated", async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 0 }));
      assert.equal(listed.KeyCount, 0);
      assert.equal(listed.Contents, undefined);
      assert.equal(listed.IsTruncated, false);
    });

    test("caps MaxKeys at 1000", async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 5000 }));
      assert.equal(listed.MaxKeys, 1000);
    });

    test("starts after StartAfter, which need not be a key", async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, StartAfter: "a/b", Prefix: "a" }));
      assert.deepEqual(listed.Contents!.map((object) => object.Key), ["ab"]);
      const between = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, StartAfter: "logs/a" }));
      assert.equal(between.Contents![0]!.Key, "logs/app.log");
      assert.equal(between.StartAfter, "logs/a");
    });

    test("url-encodes keys and prefixes with EncodingType=url (space as +, / kept)", async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, EncodingType: "url", Prefix: "a" }));
      assert.deepEqual(
        listed.Contents!.map((object) => object.Key),
        ["a", "a+b", "a%2Bb", "a/b", "ab"],
      );
      assert.equal(listed.EncodingType, "url");
      const unicode = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, EncodingType: "url", Prefix: "é" }));
      assert.equal(unicode.Contents![0]!.Key, encodeURIComponent("émoji-😀"));
      assert.equal(unicode.Prefix, "%C3%A9");
    });

    test("includes each object's checksum algorithm", async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "readme" }));
      assert.deepEqual(listed.Contents![0]!.ChecksumAlgorithm, ["CRC32"]);
    });

    test("includes the Owner only with FetchOwner", async () => {
      const without = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "z" }));
      assert.equal(without.Contents![0]!.Owner, undefined);
      const withOwner = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "z", FetchOwner: true }));
      assert.equal(withOwner.Contents![0]!.Owner?.DisplayName, "gpu-stream");
    });

    test("v1 pages by Marker, with NextMarker when a Delimiter is given", async () => {
      const keys: string[] = [];
      let marker: string | undefined;
      for (let pages = 0; ; pages++) {
        assert.ok(pages < 100);
        const page = await s3.send(new ListObjectsCommand({ Bucket: BUCKET, MaxKeys: 4, Marker: marker }));
        keys.push(...page.Contents!.map((object) => object.Key!));
        assert.equal(page.NextMarker, undefined, "no NextMarker without a Delimiter");
        if (page.IsTruncated !== true) {
          break;
        }
        marker = page.Contents![page.Contents!.length - 1]!.Key;
      }
      assert.deepEqual(keys, utf8Sorted(KEYS));
      const withDelimiter = await s3.send(new ListObjectsCommand({ Bucket: BUCKET, MaxKeys: 1, Delimiter: "/" }));
      assert.deepEqual(withDelimiter.CommonPrefixes!.map((prefix) => prefix.Prefix), ["2026/"]);
      assert.equal(withDelimiter.NextMarker, "2026/");
      const next = await s3.send(new ListObjectsCommand({ Bucket: BUCKET, MaxKeys: 2, Delimiter: "/", Marker: withDelimiter.NextMarker }));
      assert.deepEqual(next.Contents!.map((object) => object.Key), ["a", "a b"], "the page after a prefix starts past every key under it");
      assert.equal(next.CommonPrefixes, undefined);
      assert.equal(next.NextMarker, "a b");
    });

    test("v1 lists the Owner of each object", async () => {
      const listed = await s3.send(new ListObjectsCommand({ Bucket: BUCKET, Prefix: "z" }));
      assert.equal(listed.Contents![0]!.Owner?.ID?.length, 64);
    });
  });
});
