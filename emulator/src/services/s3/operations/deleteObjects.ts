import type { DeleteObjectsOutput } from "@aws-sdk/client-s3";
import { AwsError } from "../../../protocol/AwsError";
import { readBody } from "../../../server/readBody";
import { verifyWholeBody } from "../body/verifyWholeBody";
import { noSuchBucket, s3Error } from "../../../protocol/restXml/s3Errors";
import type { S3Operation } from "../protocol/S3Operation";
import { parseXml, xmlText } from "../../../protocol/restXml/xml";

const MAX_KEYS = 1000;

/** Up to 1000 keys in one request; each answered on its own, a missing key counts as deleted (as S3). */
export const deleteObjects: S3Operation = async (request, { store }) => {
  const bucket = request.bucket!;
  if (store.getBucket(bucket) === undefined) {
    throw noSuchBucket(bucket);
  }
  const body = await readBody(request.body, 2 * 1024 * 1024, () => s3Error("MalformedXML"));
  verifyWholeBody(request.headers, body, true);
  const document = parseXml(body.toString("utf8"), ["Object"])["Delete"] as Record<string, unknown> | undefined;
  const objects = (document?.["Object"] ?? []) as Record<string, unknown>[];
  if (document === undefined || objects.length === 0 || objects.length > MAX_KEYS) {
    throw s3Error("MalformedXML");
  }
  const quiet = xmlText(document["Quiet"])?.trim() === "true";
  const deleted: { Key: string }[] = [];
  const errors: { Key: string; Code: string; Message: string }[] = [];
  for (const object of objects) {
    const key = xmlText(object["Key"]);
    if (key === undefined || key === "") {
      errors.push({ Key: key ?? "", Code: "UserKeyMustBeSpecified", Message: "The key must be specified" });
      continue;
    }
    try {
      await store.deleteObject(bucket, key);
      deleted.push({ Key: key });
    } catch (error) {
      if (!(error instanceof AwsError)) {
        throw error;
      }
      errors.push({ Key: key, Code: error.code, Message: error.message });
    }
  }
  const result = { Deleted: quiet ? [] : deleted, Errors: errors } satisfies DeleteObjectsOutput;
  // In XML each failure is an <Error> element.
  return { xml: { DeleteResult: { Deleted: result.Deleted, Error: result.Errors } } };
};
