import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CreateBucketCommand, DeleteBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { rejectsWith } from "../support/awsAssertions";
import { useFidelityTarget, type FidelityTarget } from "../support/fidelityTarget";

/** A region other than us-east-1, where S3 refuses to create a bucket twice. */
function otherRegion(target: FidelityTarget): string {
  return target.region === "us-east-1" ? "us-west-2" : target.region;
}

function createBucketIn(s3: S3Client, bucket: string, region: string): Promise<unknown> {
  // us-east-1 is the one region CreateBucket must not name (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html).
  return s3.send(new CreateBucketCommand({ Bucket: bucket, ...(region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: region as "us-west-2" } }) }));
}

/** S3 as the pipeline and the notebooks call it: a few objects of a few bytes, in two buckets. */
describe("S3's answers and errors, emulator and AWS alike", () => {
  let target: FidelityTarget;
  let bucket: string;
  useFidelityTarget("s3", async (opened) => {
    target = opened;
    bucket = `${opened.prefix}-objects`;
    await createBucketIn(target.s3In(target.region), bucket, target.region);
  });

  describe("behaviour", () => {
    test("PutObject, GetObject and ListObjectsV2 under a prefix", async () => {
      const s3 = target.s3In(target.region);
      const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "telemetry/a.json", Body: '{"idtemp":"1"}\n' }));
      assert.match(put.ETag ?? "", /^"[0-9a-f]{32}"$/);
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "telemetry/b.json", Body: '{"idtemp":"2"}\n' }));
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "elsewhere/c.json", Body: "{}" }));

      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "telemetry/a.json" }));
      assert.equal(await got.Body!.transformToString(), '{"idtemp":"1"}\n');
      assert.equal(got.ContentLength, 15);
      assert.equal(got.ETag, put.ETag);

      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "telemetry/" }));
      assert.deepEqual(listed.Contents?.map((object) => [object.Key, object.Size]), [["telemetry/a.json", 15], ["telemetry/b.json", 15]]);
      assert.equal(listed.KeyCount, 2);
      assert.equal(listed.IsTruncated, false);
    });

    // "In the US East (N. Virginia) Region, you will get 200 OK" for a bucket you already own
    // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html, Errors: BucketAlreadyOwnedByYou).
    test("creating a bucket you own again answers 200 in us-east-1", async () => {
      const s3 = target.s3In("us-east-1");
      const twice = `${target.prefix}-twice-east`;
      await createBucketIn(s3, twice, "us-east-1");
      await createBucketIn(s3, twice, "us-east-1");
      await s3.send(new DeleteBucketCommand({ Bucket: twice }));
    });

    test("creating a bucket you own again elsewhere answers 409 BucketAlreadyOwnedByYou", async () => {
      const region = otherRegion(target);
      const s3 = target.s3In(region);
      const twice = `${target.prefix}-twice-${region}`;
      await createBucketIn(s3, twice, region);
      const refused = await rejectsWith(createBucketIn(s3, twice, region), { name: "BucketAlreadyOwnedByYou" });
      assert.equal(refused.$metadata?.httpStatusCode, 409);
      await s3.send(new DeleteBucketCommand({ Bucket: twice }));
    });
  });

  describe("errors", () => {
    test("GetObject of a missing key: 404 NoSuchKey", async () => {
      const refused = await rejectsWith(target.s3In(target.region).send(new GetObjectCommand({ Bucket: bucket, Key: "telemetry/none.json" })), { name: "NoSuchKey", message: "The specified key does not exist." });
      assert.equal(refused.$metadata?.httpStatusCode, 404);
    });

    test("DeleteBucket of a bucket with objects: 409 BucketNotEmpty", async () => {
      const refused = await rejectsWith(target.s3In(target.region).send(new DeleteBucketCommand({ Bucket: bucket })), { name: "BucketNotEmpty", message: "The bucket you tried to delete is not empty" });
      assert.equal(refused.$metadata?.httpStatusCode, 409);
    });
  });
});
