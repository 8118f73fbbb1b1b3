import type { S3Operation } from "../protocol/S3Operation";
import { uploadOf } from "../protocol/uploadOf";

export const abortMultipartUpload: S3Operation = async (request, { uploads }) => {
  const upload = uploadOf(request, uploads);
  await uploads.removeUpload(upload.uploadId);
  return { statusCode: 204 };
};
