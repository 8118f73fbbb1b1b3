import type { ListPartsOutput } from "@aws-sdk/client-s3";
import { checksumXmlName } from "../body/checksums";
import { integerParameter } from "../protocol/listing";
import { OWNER } from "../protocol/owner";
import type { S3Operation } from "../protocol/S3Operation";
import { uploadOf } from "../protocol/uploadOf";

export const listParts: S3Operation = async (request, { uploads }) => {
  const upload = uploadOf(request, uploads);
  const maxParts = integerParameter(request, "max-parts", 1000, 1000);
  const marker = integerParameter(request, "part-number-marker", 0, Number.MAX_SAFE_INTEGER);
  const after = (await uploads.listParts(upload.uploadId)).filter((part) => part.partNumber > marker);
  const page = after.slice(0, maxParts);
  const truncated = after.length > page.length;
  const result = {
    Bucket: upload.bucket,
    Key: upload.key,
    UploadId: upload.uploadId,
    PartNumberMarker: String(marker),
    ...(page.length === 0 ? {} : { NextPartNumberMarker: String(page[page.length - 1]!.partNumber) }),
    MaxParts: maxParts,
    IsTruncated: truncated,
    Initiator: OWNER,
    Owner: OWNER,
    StorageClass: "STANDARD",
    ...(upload.checksumAlgorithm === undefined ? {} : { ChecksumAlgorithm: upload.checksumAlgorithm, ChecksumType: upload.checksumType }),
  } satisfies Omit<ListPartsOutput, "Parts">;
  const parts = page.map((part) => ({
    PartNumber: part.partNumber,
    LastModified: part.lastModified,
    ETag: part.etag,
    Size: part.size,
    ...(part.checksum === undefined ? {} : { [checksumXmlName(part.checksum.algorithm)]: part.checksum.value }),
  }));
  return { xml: { ListPartsResult: { ...result, Part: parts } } };
};
