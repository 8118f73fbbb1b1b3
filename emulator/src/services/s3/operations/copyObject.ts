import type { CopyObjectResult } from "@aws-sdk/client-s3";
import { open } from "node:fs/promises";
import { createHasher, md5Hasher, parseAlgorithm } from "../body/checksums";
import { MAX_UPLOAD_BYTES } from "../body/receiveBody";
import { checksumElements } from "../protocol/listing";
import { readObjectHeaders } from "../protocol/objectHeaders";
import { evaluateReadConditions } from "../protocol/preconditions";
import { noSuchBucket, noSuchKey, s3Error } from "../../../protocol/restXml/s3Errors";
import { header, type S3Request } from "../protocol/S3Request";
import type { S3Operation } from "../protocol/S3Operation";
import { unlinkIfPresent } from "../storage/files";
import type { ObjectHeaders, StoredObject } from "../storage/StoredObject";

/** `x-amz-copy-source: /bucket/key` or `bucket/key`, URL-encoded, maybe with `?versionId=`. */
function copySource(request: S3Request): { bucket: string; key: string } {
  const raw = header(request, "x-amz-copy-source")!;
  const path = raw.split("?")[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.startsWith("/") ? path.slice(1) : path);
  } catch {
    throw s3Error("InvalidArgument", "Invalid copy source encoding", { ArgumentName: "x-amz-copy-source", ArgumentValue: raw });
  }
  const slash = decoded.indexOf("/");
  if (slash <= 0 || slash === decoded.length - 1) {
    throw s3Error("InvalidArgument", "Copy Source must mention the source bucket and key: sourcebucket/sourcekey", { ArgumentName: "x-amz-copy-source", ArgumentValue: raw });
  }
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
}

function keptHeaders(source: StoredObject): ObjectHeaders {
  const { contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl, expires, metadata } = source;
  return Object.fromEntries(
    Object.entries({ contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl, expires, metadata }).filter(([, value]) => value !== undefined),
  ) as unknown as ObjectHeaders;
}

/**
 * Copies within the emulator by streaming the source file into a staged one (hashing as it goes), so the
 * copy has its own bytes. Metadata is copied (COPY, the default) or taken from this request (REPLACE).
 */
export const copyObject: S3Operation = async (request, { store }) => {
  const bucket = request.bucket!;
  const key = request.key!;
  const source = copySource(request);
  const directive = (header(request, "x-amz-metadata-directive") ?? "COPY").toUpperCase();
  if (directive !== "COPY" && directive !== "REPLACE") {
    throw s3Error("InvalidArgument", "Unknown metadata directive.", { ArgumentName: "x-amz-metadata-directive", ArgumentValue: directive });
  }
  const algorithm = parseAlgorithm(header(request, "x-amz-checksum-algorithm"));
  if (store.getBucket(bucket) === undefined) {
    throw noSuchBucket(bucket);
  }
  if (source.bucket === bucket && source.key === key && directive === "COPY" && algorithm === undefined && header(request, "x-amz-storage-class") === undefined) {
    throw s3Error(
      "InvalidRequest",
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const headers = directive === "REPLACE" ? readObjectHeaders(request) : undefined;
  const opened = await store.openObject(source.bucket, source.key);
  if (opened === undefined) {
    throw noSuchKey(source.key);
  }
  const staged = store.stagingPath();
  let md5: string;
  let checksumValue: string | undefined;
  const checksumAlgorithm = algorithm ?? opened.info.checksum?.algorithm ?? "CRC64NVME";
  try {
    const outcome = evaluateReadConditions(
      {
        ifMatch: header(request, "x-amz-copy-source-if-match"),
        ifNoneMatch: header(request, "x-amz-copy-source-if-none-match"),
        ifModifiedSince: header(request, "x-amz-copy-source-if-modified-since"),
        ifUnmodifiedSince: header(request, "x-amz-copy-source-if-unmodified-since"),
      },
      opened.info,
    );
    if (outcome === "not-modified") {
      throw s3Error("PreconditionFailed", undefined, { Condition: "x-amz-copy-source-If-None-Match or x-amz-copy-source-If-Modified-Since" });
    }
    if (opened.info.size > MAX_UPLOAD_BYTES) {
      throw s3Error("InvalidRequest", `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_UPLOAD_BYTES}`);
    }
    const md5Hash = md5Hasher();
    const checksum = createHasher(checksumAlgorithm);
    const target = await open(staged, "wx");
    try {
      for await (const chunk of opened.file.createReadStream({ autoClose: false })) {
        md5Hash.update(chunk as Buffer);
        checksum.update(chunk as Buffer);
        await target.write(chunk as Buffer);
      }
    } finally {
      await target.close();
    }
    md5 = `"${md5Hash.digest().toString("hex")}"`;
    checksumValue = checksum.digest().toString("base64");
  } catch (error) {
    await unlinkIfPresent(staged);
    throw error;
  } finally {
    await opened.file.close();
  }
  const stored = await store.commitObject(bucket, key, staged, {
    ...(headers ?? keptHeaders(opened.info)),
    etag: md5,
    checksum: { algorithm: checksumAlgorithm, value: checksumValue, type: "FULL_OBJECT" },
  });
  const result = { ETag: stored.etag, LastModified: stored.lastModified } satisfies CopyObjectResult;
  return { xml: { CopyObjectResult: { ...result, ...checksumElements(stored.checksum) } } };
};
