import { answerObjectRead } from "../protocol/answerObjectRead";
import { noSuchKey, notImplemented } from "../../../protocol/restXml/s3Errors";
import type { S3Operation } from "../protocol/S3Operation";

export const getObject: S3Operation = async (request, { store }) => {
  if (request.query.has("partNumber")) {
    throw notImplemented("GetObject with partNumber");
  }
  const opened = await store.openObject(request.bucket!, request.key!);
  if (opened === undefined) {
    throw noSuchKey(request.key!);
  }
  try {
    return await answerObjectRead(request, opened.info, opened.file);
  } catch (error) {
    await opened.file.close();
    throw error;
  }
};
