import { algorithmOfHeader, checksumHeaderName } from "../body/checksums";
import { receiveBody } from "../body/receiveBody";
import { s3Error } from "../../../protocol/restXml/s3Errors";
import type { S3Operation } from "../protocol/S3Operation";
import { partNumberOf, uploadOf } from "../protocol/uploadOf";
import { unlinkIfPresent } from "../storage/files";

/** The checksum algorithm a part request carries, in a header or announced as a trailer. */
function partAlgorithm(headers: Record<string, unknown>): string | undefined {
  const trailer = headers["x-amz-trailer"];
  const named = Object.keys(headers).map(algorithmOfHeader).find((algorithm) => algorithm !== undefined);
  return named ?? (typeof trailer === "string" ? algorithmOfHeader(trailer.trim()) : undefined);
}

export const uploadPart: S3Operation = async (request, { uploads, store, maxUploadBytes }) => {
  const partNumber = partNumberOf(request);
  const upload = uploadOf(request, uploads);
  const sent = partAlgorithm(request.headers);
  if (upload.checksumAlgorithm !== undefined && sent !== undefined && sent !== upload.checksumAlgorithm) {
    throw s3Error("InvalidRequest", `Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${sent.toLowerCase()}`);
  }
  const received = await receiveBody(request.headers, request.body, store.stagingPath(), {
    maxBytes: maxUploadBytes,
    ...(upload.checksumAlgorithm === undefined ? {} : { defaultAlgorithm: upload.checksumAlgorithm }),
  });
  const gone = () => s3Error("NoSuchUpload", undefined, { UploadId: upload.uploadId });
  if (uploads.getUpload(upload.uploadId) === undefined) {
    await unlinkIfPresent(received.path);
    throw gone();
  }
  let part;
  try {
    part = await uploads.commitPart(upload.uploadId, partNumber, received.path, {
      etag: `"${received.md5.toString("hex")}"`,
      ...(received.checksum === undefined ? {} : { checksum: received.checksum }),
    });
  } catch (error) {
    // Aborted or completed while this part was arriving.
    if (uploads.getUpload(upload.uploadId) === undefined) {
      throw gone();
    }
    throw error;
  }
  return {
    headers: {
      etag: part.etag,
      ...(part.checksum === undefined ? {} : { [checksumHeaderName(part.checksum.algorithm)]: part.checksum.value }),
    },
  };
};
