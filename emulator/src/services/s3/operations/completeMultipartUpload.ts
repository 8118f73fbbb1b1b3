import type { CompleteMultipartUploadOutput } from "@aws-sdk/client-s3";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { readBody } from "../../../server/readBody";
import { verifyContentSha256 } from "../body/verifyWholeBody";
import { checksumXmlName, createHasher, type StoredChecksum } from "../body/checksums";
import { checksumElements } from "../protocol/listing";
import { writePrecondition } from "../protocol/preconditions";
import { s3Error } from "../../../protocol/restXml/s3Errors";
import { header } from "../protocol/S3Request";
import type { S3Operation } from "../protocol/S3Operation";
import { MAX_PART_NUMBER, uploadOf } from "../protocol/uploadOf";
import { parseXml, xmlText } from "../../../protocol/restXml/xml";
import { unlinkIfPresent } from "../storage/files";
import type { PartRecord, UploadRecord } from "../storage/UploadStore";

/** Every part but the last must be at least 5 MiB. */
const MIN_PART_BYTES = 5 * 1024 * 1024;

interface RequestedPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly checksum?: string;
}

function unquote(etag: string): string {
  return etag.trim().replace(/^"|"$/g, "");
}

function requestedParts(body: Buffer, upload: UploadRecord): RequestedPart[] {
  const document = parseXml(body.toString("utf8"), ["Part"])["CompleteMultipartUpload"] as Record<string, unknown> | undefined;
  const parts = (document?.["Part"] ?? []) as Record<string, unknown>[];
  if (document === undefined || parts.length === 0 || parts.length > MAX_PART_NUMBER) {
    throw s3Error("MalformedXML");
  }
  return parts.map((part) => {
    const number = xmlText(part["PartNumber"])?.trim() ?? "";
    const etag = xmlText(part["ETag"]);
    if (!/^\d+$/.test(number) || etag === undefined) {
      throw s3Error("MalformedXML");
    }
    const checksum = upload.checksumAlgorithm === undefined ? undefined : xmlText(part[checksumXmlName(upload.checksumAlgorithm)])?.trim();
    return { partNumber: Number(number), etag, ...(checksum === undefined ? {} : { checksum }) };
  });
}

/** Checks the list against the parts received, in S3's order of complaints. */
function chosenParts(requested: readonly RequestedPart[], received: readonly PartRecord[], uploadId: string): PartRecord[] {
  for (let i = 1; i < requested.length; i++) {
    if (requested[i]!.partNumber <= requested[i - 1]!.partNumber) {
      throw s3Error("InvalidPartOrder", undefined, { UploadId: uploadId });
    }
  }
  const byNumber = new Map(received.map((part) => [part.partNumber, part]));
  const chosen = requested.map((wanted) => {
    const part = byNumber.get(wanted.partNumber);
    if (part === undefined || unquote(part.etag) !== unquote(wanted.etag) || (wanted.checksum !== undefined && part.checksum?.value !== wanted.checksum)) {
      throw s3Error("InvalidPart", undefined, { UploadId: uploadId, PartNumber: wanted.partNumber, ETag: wanted.etag });
    }
    return part;
  });
  chosen.forEach((part, index) => {
    if (index < chosen.length - 1 && part.size < MIN_PART_BYTES) {
      throw s3Error("EntityTooSmall", undefined, { ProposedSize: part.size, MinSizeAllowed: MIN_PART_BYTES, PartNumber: part.partNumber, ETag: part.etag });
    }
  });
  return chosen;
}

/** S3's multipart ETag: the MD5 of the parts' binary MD5s, then `-<number of parts>`. */
function multipartEtag(parts: readonly PartRecord[]): string {
  const hash = createHash("md5");
  for (const part of parts) {
    hash.update(Buffer.from(unquote(part.etag), "hex"));
  }
  return `"${hash.digest("hex")}-${parts.length}"`;
}

/** A COMPOSITE checksum is the checksum of the parts' checksums, `-<n>`; a FULL_OBJECT one is computed while joining. */
function compositeChecksum(upload: UploadRecord, parts: readonly PartRecord[]): StoredChecksum | undefined {
  const algorithm = upload.checksumAlgorithm;
  if (algorithm === undefined || upload.checksumType !== "COMPOSITE" || parts.some((part) => part.checksum?.algorithm !== algorithm)) {
    return undefined;
  }
  const hasher = createHasher(algorithm);
  for (const part of parts) {
    hasher.update(Buffer.from(part.checksum!.value, "base64"));
  }
  return { algorithm, value: `${hasher.digest().toString("base64")}-${parts.length}`, type: "COMPOSITE" };
}

export const completeMultipartUpload: S3Operation = async (request, { store, uploads }) => {
  const upload = uploadOf(request, uploads);
  const body = await readBody(request.body, 4 * 1024 * 1024, () => s3Error("MalformedXML"));
  verifyContentSha256(request.headers, body);
  const precondition = writePrecondition(upload.key, header(request, "if-match"), header(request, "if-none-match"));
  const parts = chosenParts(requestedParts(body, upload), await uploads.listParts(upload.uploadId), upload.uploadId);

  const staged = store.stagingPath();
  const fullObject = upload.checksumType === "FULL_OBJECT" && upload.checksumAlgorithm !== undefined ? createHasher(upload.checksumAlgorithm) : undefined;
  try {
    const target = await open(staged, "wx");
    try {
      for (const part of parts) {
        for await (const chunk of createReadStream(part.path)) {
          fullObject?.update(chunk as Buffer);
          await target.write(chunk as Buffer);
        }
      }
    } finally {
      await target.close();
    }
  } catch (error) {
    await unlinkIfPresent(staged);
    throw error;
  }
  const checksum: StoredChecksum | undefined =
    fullObject !== undefined ? { algorithm: upload.checksumAlgorithm!, value: fullObject.digest().toString("base64"), type: "FULL_OBJECT" } : compositeChecksum(upload, parts);
  const stored = await store.commitObject(
    upload.bucket,
    upload.key,
    staged,
    { ...upload.headers, etag: multipartEtag(parts), partCount: parts.length, ...(checksum === undefined ? {} : { checksum }) },
    precondition,
  );
  await uploads.removeUpload(upload.uploadId);
  const location = `${request.origin}/${upload.bucket}/${upload.key.split("/").map(encodeURIComponent).join("/")}`;
  const result = { Location: location, Bucket: upload.bucket, Key: upload.key, ETag: stored.etag } satisfies CompleteMultipartUploadOutput;
  return { xml: { CompleteMultipartUploadResult: { ...result, ...checksumElements(stored.checksum) } } };
};
