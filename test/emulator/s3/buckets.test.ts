import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { startTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { errorCode, rawRequest } from "../../support/rawHttp";
import { rejectsWith } from "../../support/s3Helpers";

describe("S3 buckets", () => {
  let emulator: TestEmulator;
  let s3: S3Client;

  before(async () => {
    emulator = await startTestEmulator();
    s3 = emulator.s3;
  });

  after(async () => {
    await emulator.close();
  });

  describe("validation", () => {
    for (const name of ["ab", "a".repeat(64), "Upper-case", "under_score", "-leading-hyphen", "trailing-hyphen-", "two..dots", "192.168.5.4", "xn--punycode", "name-s3alias"]) {
      test(`rejects the bucket name '${name}' with InvalidBucketName`, async () => {
        const error = await rejectsWith(s3.send(new CreateBucketCommand({ Bucket: name })), { name: "InvalidBucketName", status: 400 });
        assert.equal(error["BucketName"], name);
      });
    }

    test("accepts names of 3 and 63 characters with dots and hyphens", async () => {
      for (const name of ["abc", `a.b-${"c".repeat(59)}`]) {
        await s3.send(new CreateBucketCommand({ Bucket: name }));
        await s3.send(new HeadBucketCommand({ Bucket: name }));
      }
    });

    test("rejects us-east-1 as an explicit LocationConstraint with InvalidLocationConstraint", async () => {
      await rejectsWith(
        s3.send(new CreateBucketCommand({ Bucket: "explicit-us-east-1", CreateBucketConfiguration: { LocationConstraint: "us-east-1" as never } })),
        { name: "InvalidLocationConstraint", status: 400 },
      );
    });

    test("rejects a CreateBucketConfiguration that is not XML with MalformedXML", async () => {
      const response = await rawRequest(emulator.emulator.url, { method: "PUT", path: "/malformed-config", body: "<CreateBucketConfiguration><Loca" });
      assert.equal(response.status, 400);
      assert.equal(errorCode(response), "MalformedXML");
    });
  });

  describe("errors", () => {
    test("answers NoSuchBucket (404) with the bucket's name for DeleteBucket on a missing bucket", async () => {
      const error = await rejectsWith(s3.send(new DeleteBucketCommand({ Bucket: "never-created" })), { name: "NoSuchBucket", status: 404 });
      assert.equal(error["BucketName"], "never-created");
    });

    test("answers HeadBucket on a missing bucket with 404 and no body", async () => {
      await rejectsWith(s3.send(new HeadBucketCommand({ Bucket: "never-created" })), { name: "NotFound", status: 404 });
      const raw = await rawRequest(emulator.emulator.url, { method: "HEAD", path: "/never-created" });
      assert.equal(raw.status, 404);
      assert.equal(raw.body.length, 0);
    });

    test("refuses to delete a bucket that holds an object with BucketNotEmpty (409)", async () => {
      await s3.send(new CreateBucketCommand({ Bucket: "not-empty" }));
      await s3.send(new PutObjectCommand({ Bucket: "not-empty", Key: "k", Body: "x" }));
      await rejectsWith(s3.send(new DeleteBucketCommand({ Bucket: "not-empty" })), { name: "BucketNotEmpty", status: 409 });
      await s3.send(new HeadBucketCommand({ Bucket: "not-empty" }));
    });

    test("answers BucketAlreadyOwnedByYou (409) when a bucket outside us-east-1 is created again", async () => {
      await s3.send(new CreateBucketCommand({ Bucket: "in-ireland", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));
      const error = await rejectsWith(
        s3.send(new CreateBucketCommand({ Bucket: "in-ireland", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } })),
        { name: "BucketAlreadyOwnedByYou", status: 409 },
      );
      assert.equal(error["BucketName"], "in-ireland");
    });

    test("answers 501 NotImplemented naming the operation for a bucket operation the emulator does not do", async () => {
      await s3.send(new CreateBucketCommand({ Bucket: "with-policy" }));
      const error = await rejectsWith(s3.send(new GetBucketPolicyCommand({ Bucket: "with-policy" })), { name: "NotImplemented", status: 501 });
      assert.match(error.message, /GetBucketPolicy/);
    });

    test("answers MethodNotAllowed (405) for a method S3 does not have", async () => {
      const response = await rawRequest(emulator.emulator.url, { method: "PATCH", path: "/with-policy" });
      assert.equal(response.status, 405);
      assert.equal(errorCode(response), "MethodNotAllowed");
      assert.match(response.body.toString(), /<RequestId>[^<]+<\/RequestId>/);
    });
  });

  describe("behaviour", () => {
    test("re-creating a bucket in us-east-1 succeeds, as S3 does there for legacy compatibility", async () => {
      await s3.send(new CreateBucketCommand({ Bucket: "twice-in-virginia" }));
      const again = await s3.send(new CreateBucketCommand({ Bucket: "twice-in-virginia" }));
      assert.equal(again.$metadata.httpStatusCode, 200);
      assert.equal(again.Location, "/twice-in-virginia");
    });

    test("creates the bucket as a folder under <dataDir>/s3/", async () => {
      await s3.send(new CreateBucketCommand({ Bucket: "on-disk" }));
      assert.ok((await stat(join(emulator.dataDir, "s3", "on-disk"))).isDirectory());
    });

    test("lists buckets by name with their creation date and region", async () => {
      await s3.send(new CreateBucketCommand({ Bucket: "zz-last" }));
      await s3.send(new CreateBucketCommand({ Bucket: "aa-first" }));
      const listed = await s3.send(new ListBucketsCommand({}));
      const names = listed.Buckets!.map((bucket) => bucket.Name!);
      assert.deepEqual(names, [...names].sort());
      assert.ok(names.includes("aa-first") && names.includes("zz-last"));
      const first = listed.Buckets!.find((bucket) => bucket.Name === "aa-first")!;
      assert.ok(first.CreationDate instanceof Date && !Number.isNaN(first.CreationDate.getTime()));
      assert.equal(first.BucketRegion, "us-east-1");
      assert.equal(listed.Owner?.DisplayName, "gpu-stream");
    });

    test("lists only the buckets with a prefix, a page at a time", async () => {
      for (const name of ["paged-1", "paged-2", "paged-3"]) {
        await s3.send(new CreateBucketCommand({ Bucket: name }));
      }
      const first = await s3.send(new ListBucketsCommand({ Prefix: "paged-", MaxBuckets: 2 }));
      assert.deepEqual(first.Buckets!.map((bucket) => bucket.Name), ["paged-1", "paged-2"]);
      assert.ok(first.ContinuationToken !== undefined);
      const second = await s3.send(new ListBucketsCommand({ Prefix: "paged-", MaxBuckets: 2, ContinuationToken: first.ContinuationToken }));
      assert.deepEqual(second.Buckets!.map((bucket) => bucket.Name), ["paged-3"]);
      assert.equal(second.ContinuationToken, undefined);
    });

    test("GetBucketLocation answers the LocationConstraint, and nothing for us-east-1", async () => {
      const ireland = await s3.send(new GetBucketLocationCommand({ Bucket: "in-ireland" }));
      assert.equal(ireland.LocationConstraint, "eu-west-1");
      const virginia = await s3.send(new GetBucketLocationCommand({ Bucket: "twice-in-virginia" }));
      assert.equal(virginia.LocationConstraint ?? "", "");
    });

    test("HeadBucket answers the bucket's region", async () => {
      const head = await s3.send(new HeadBucketCommand({ Bucket: "in-ireland" }));
      assert.equal(head.BucketRegion, "eu-west-1");
    });

    test("deletes an empty bucket: gone from the list, its folder removed", async () => {
      await s3.send(new CreateBucketCommand({ Bucket: "short-lived" }));
      const deleted = await s3.send(new DeleteBucketCommand({ Bucket: "short-lived" }));
      assert.equal(deleted.$metadata.httpStatusCode, 204);
      const names = (await s3.send(new ListBucketsCommand({}))).Buckets!.map((bucket) => bucket.Name);
      assert.ok(!names.includes("short-lived"));
      await assert.rejects(stat(join(emulator.dataDir, "s3", "short-lived")), { code: "ENOENT" });
    });

    test("answers virtual-hosted-style requests (bucket.localhost) like path-style ones", async () => {
      await s3.send(new CreateBucketCommand({ Bucket: "virtual" }));
      await s3.send(new PutObjectCommand({ Bucket: "virtual", Key: "dir/file.txt", Body: "by host" }));
      const response = await rawRequest(emulator.emulator.url, { method: "GET", path: "/dir/file.txt", headers: { host: `virtual.localhost:${emulator.emulator.port}` } });
      assert.equal(response.status, 200);
      assert.equal(response.body.toString(), "by host");
    });

    test("a restarted emulator finds every bucket with its region", async () => {
      const dataDir = emulator.dataDir;
      await emulator.stop();
      emulator = await startTestEmulator({ dataDir });
      s3 = emulator.s3;
      const listed = await s3.send(new ListBucketsCommand({}));
      const ireland = listed.Buckets!.find((bucket) => bucket.Name === "in-ireland");
      assert.equal(ireland?.BucketRegion, "eu-west-1");
      assert.ok(listed.Buckets!.some((bucket) => bucket.Name === "not-empty"));
    });
  });
});
