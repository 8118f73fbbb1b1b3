import type { S3Operation } from "../protocol/S3Operation";

/** 204 whether or not the key existed, as S3 answers for an unversioned bucket. */
export const deleteObject: S3Operation = async (request, { store }) => {
  await store.deleteObject(request.bucket!, request.key!);
  return { statusCode: 204 };
};
