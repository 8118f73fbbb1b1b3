import type { ListMultipartUploadsOutput } from "@aws-sdk/client-s3";
import { integerParameter } from "../protocol/listing";
import { OWNER } from "../protocol/owner";
import { noSuchBucket } from "../../../protocol/restXml/s3Errors";
import type { S3Operation } from "../protocol/S3Operation";
import { compareKeys } from "../storage/SortedKeys";

/** Uploads in progress, by key then age; Prefix and KeyMarker filter, MaxUploads pages (no Delimiter grouping). */
export const listMultipartUploads: S3Operation = async (request, { store, uploads }) => {
  const bucket = request.bucket!;
  if (store.getBucket(bucket) === undefined) {
    throw noSuchBucket(bucket);
  }
  const prefix = request.query.get("prefix") ?? "";
  const keyMarker = request.query.get("key-marker") ?? "";
  const maxUploads = integerParameter(request, "max-uploads", 1000, 1000);
  const matching = uploads.listUploads(bucket).filter((upload) => upload.key.startsWith(prefix) && (keyMarker === "" || compareKeys(upload.key, keyMarker) > 0));
  const page = matching.slice(0, maxUploads);
  const truncated = matching.length > page.length;
  const last = page[page.length - 1];
  const result = {
    Bucket: bucket,
    KeyMarker: keyMarker,
    UploadIdMarker: "",
    ...(truncated && last !== undefined ? { NextKeyMarker: last.key, NextUploadIdMarker: last.uploadId } : {}),
    Prefix: prefix,
    MaxUploads: maxUploads,
    IsTruncated: truncated,
  } satisfies Omit<ListMultipartUploadsOutput, "Uploads">;
  const uploadsXml = page.map((upload) => ({
    Key: upload.key,
    UploadId: upload.uploadId,
    Initiator: OWNER,
    Owner: OWNER,
    StorageClass: "STANDARD",
    Initiated: upload.initiated,
    ...(upload.checksumAlgorithm === undefined ? {} : { ChecksumAlgorithm: upload.checksumAlgorithm, ChecksumType: upload.checksumType }),
  }));
  return { xml: { ListMultipartUploadsResult: { ...result, Upload: uploadsXml } } };
};
