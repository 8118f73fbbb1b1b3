import { checksumHeaderName } from "../body/checksums";
import { receiveBody } from "../body/receiveBody";
import { readObjectHeaders } from "../protocol/objectHeaders";
import { writePrecondition } from "../protocol/preconditions";
import { noSuchBucket } from "../../../protocol/restXml/s3Errors";
import { header } from "../protocol/S3Request";
import type { S3Operation } from "../protocol/S3Operation";

export const putObject: S3Operation = async (request, { store, maxUploadBytes }) => {
  const bucket = request.bucket!;
  const key = request.key!;
  if (store.getBucket(bucket) === undefined) {
    throw noSuchBucket(bucket);
  }
  const headers = readObjectHeaders(request);
  const precondition = writePrecondition(key, header(request, "if-match"), header(request, "if-none-match"));
  const received = await receiveBody(request.headers, request.body, store.stagingPath(), { maxBytes: maxUploadBytes, defaultAlgorithm: "CRC64NVME" });
  const stored = await store.commitObject(bucket, key, received.path, { ...headers, etag: `"${received.md5.toString("hex")}"`, checksum: received.checksum }, precondition);
  return {
    headers: {
      etag: stored.etag,
      ...(stored.checksum === undefined ? {} : { [checksumHeaderName(stored.checksum.algorithm)]: stored.checksum.value, "x-amz-checksum-type": stored.checksum.type }),
    },
  };
};
