import { readBody } from "../../../server/readBody";
import { verifyContentSha256 } from "../body/verifyWholeBody";
import { isValidBucketName } from "../protocol/bucketName";
import { s3Error } from "../../../protocol/restXml/s3Errors";
import type { S3Operation } from "../protocol/S3Operation";
import { parseXml, xmlText } from "../../../protocol/restXml/xml";

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The region asked for in `<CreateBucketConfiguration><LocationConstraint>`, if any. */
function locationConstraint(body: Buffer): string | undefined {
  if (body.toString("utf8").trim() === "") {
    return undefined;
  }
  const configuration = parseXml(body.toString("utf8"), [])["CreateBucketConfiguration"];
  if (configuration === undefined) {
    throw s3Error("MalformedXML");
  }
  const location = xmlText((configuration as Record<string, unknown>)["LocationConstraint"]);
  if (location === undefined || location === "") {
    return undefined;
  }
  // us-east-1 is the one region S3 wants left unsaid.
  if (location === "us-east-1" || !(REGION.test(location) || location === "EU")) {
    throw s3Error("InvalidLocationConstraint", undefined, { LocationConstraint: location });
  }
  return location;
}

/**
 * Re-creating a bucket you own answers 409 BucketAlreadyOwnedByYou, except in us-east-1 where S3 answers
 * 200 for legacy compatibility (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html).
 */
export const createBucket: S3Operation = async (request, context) => {
  const { store, region } = context;
  const name = request.bucket!;
  if (!isValidBucketName(name)) {
    throw s3Error("InvalidBucketName", undefined, { BucketName: name });
  }
  const body = await readBody(request.body, 64 * 1024, () => s3Error("MalformedXML"));
  verifyContentSha256(request.headers, body);
  if (context.createBucketAborted()) {
    throw s3Error("OperationAborted", undefined, { BucketName: name });
  }
  const { created, bucket } = await store.createBucket(name, locationConstraint(body) ?? region);
  if (!created && bucket.region !== "us-east-1") {
    throw s3Error("BucketAlreadyOwnedByYou", undefined, { BucketName: name });
  }
  return { headers: { location: `/${name}` } };
};
