import { answerObjectRead } from "../protocol/answerObjectRead";
import { noSuchKey, notImplemented } from "../../../protocol/restXml/s3Errors";
import type { S3Operation } from "../protocol/S3Operation";

export const headObject: S3Operation = async (request, { store }) => {
  if (request.query.has("partNumber")) {
    throw notImplemented("HeadObject with partNumber");
  }
  const object = await store.describeObject(request.bucket!, request.key!);
  if (object === undefined) {
    throw noSuchKey(request.key!);
  }
  return answerObjectRead(request, object, undefined);
};
