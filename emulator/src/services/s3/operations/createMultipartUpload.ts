import type { CreateMultipartUploadOutput } from "@aws-sdk/client-s3";
import { parseAlgorithm, type ChecksumType } from "../body/checksums";
import { readObjectHeaders } from "../protocol/objectHeaders";
import { noSuchBucket, s3Error } from "../../../protocol/restXml/s3Errors";
import { header } from "../protocol/S3Request";
import type { S3Operation } from "../protocol/S3Operation";

const FULL_OBJECT_ALGORITHMS = ["CRC32", "CRC32C", "CRC64NVME"];

/**
 * The checksum the completed object will carry: COMPOSITE (a checksum of the parts' checksums, `-<n>`) by
 * default, FULL_OBJECT for CRC64NVME and when asked, as S3 allows it (CRCs only).
 */
export const createMultipartUpload: S3Operation = async (request, { store, uploads }) => {
  const bucket = request.bucket!;
  if (store.getBucket(bucket) === undefined) {
    throw noSuchBucket(bucket);
  }
  const checksumAlgorithm = parseAlgorithm(header(request, "x-amz-checksum-algorithm"));
  const typeHeader = header(request, "x-amz-checksum-type")?.toUpperCase();
  if (typeHeader !== undefined && typeHeader !== "FULL_OBJECT" && typeHeader !== "COMPOSITE") {
    throw s3Error("InvalidRequest", `Value for x-amz-checksum-type header is invalid: ${typeHeader}`);
  }
  if (typeHeader !== undefined && checksumAlgorithm === undefined) {
    throw s3Error("InvalidRequest", "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
  }
  let checksumType: ChecksumType | undefined;
  if (checksumAlgorithm !== undefined) {
    checksumType = (typeHeader as ChecksumType | undefined) ?? (checksumAlgorithm === "CRC64NVME" ? "FULL_OBJECT" : "COMPOSITE");
    if (checksumType === "FULL_OBJECT" && !FULL_OBJECT_ALGORITHMS.includes(checksumAlgorithm)) {
      throw s3Error("InvalidRequest", `The ${checksumAlgorithm} algorithm does not support the FULL_OBJECT checksum type.`);
    }
    if (checksumType === "COMPOSITE" && checksumAlgorithm === "CRC64NVME") {
      throw s3Error("InvalidRequest", "The CRC64NVME algorithm does not support the COMPOSITE checksum type.");
    }
  }
  const upload = await uploads.createUpload({
    bucket,
    key: request.key!,
    headers: readObjectHeaders(request),
    ...(checksumAlgorithm === undefined ? {} : { checksumAlgorithm, checksumType }),
  });
  const result = { Bucket: bucket, Key: upload.key, UploadId: upload.uploadId } satisfies CreateMultipartUploadOutput;
  return {
    headers: { "x-amz-checksum-algorithm": checksumAlgorithm, "x-amz-checksum-type": checksumType },
    xml: { InitiateMultipartUploadResult: result },
  };
};
