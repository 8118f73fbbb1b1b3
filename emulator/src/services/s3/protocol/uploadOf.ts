import type { UploadRecord, UploadStore } from "../storage/UploadStore";
import { noSuchUpload, s3Error } from "../../../protocol/restXml/s3Errors";
import type { S3Request } from "./S3Request";

/** The upload named by `?uploadId=`, which must be for this bucket and key. */
export function uploadOf(request: S3Request, uploads: UploadStore): UploadRecord {
  const uploadId = request.query.get("uploadId") ?? "";
  const upload = uploads.getUpload(uploadId);
  if (upload === undefined || upload.bucket !== request.bucket || upload.key !== request.key) {
    throw noSuchUpload(uploadId);
  }
  return upload;
}

export const MAX_PART_NUMBER = 10000;

export function partNumberOf(request: S3Request): number {
  const text = request.query.get("partNumber") ?? "";
  const partNumber = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(partNumber >= 1 && partNumber <= MAX_PART_NUMBER)) {
    throw s3Error("InvalidArgument", `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`, { ArgumentName: "partNumber", ArgumentValue: text });
  }
  return partNumber;
}
