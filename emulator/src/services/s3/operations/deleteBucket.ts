import type { S3Operation } from "../protocol/S3Operation";

/** Refused with BucketNotEmpty while objects remain; uploads still in progress go with the bucket. */
export const deleteBucket: S3Operation = async (request, { store, uploads }) => {
  await store.deleteBucket(request.bucket!);
  for (const upload of uploads.listUploads(request.bucket!)) {
    await uploads.removeUpload(upload.uploadId);
  }
  return { statusCode: 204 };
};
