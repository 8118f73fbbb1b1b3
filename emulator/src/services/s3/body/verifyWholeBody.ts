import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { headerValue } from "../../../protocol/HttpExchange";
import { s3Error } from "../../../protocol/restXml/s3Errors";
import { CHECKSUM_ALGORITHMS, checksumHeaderName, createHasher, isWellFormedChecksum } from "./checksums";

/**
 * Holds a body read whole to the hex SHA-256 its x-amz-content-sha256 header promises (and its signature covers),
 * as receiveBody does while streaming; UNSIGNED-PAYLOAD and the STREAMING- markers promise nothing here.
 */
export function verifyContentSha256(headers: IncomingHttpHeaders, body: Buffer): void {
  const promised = headerValue(headers, "x-amz-content-sha256");
  if (promised === undefined || !/^[0-9a-fA-F]{64}$/.test(promised)) {
    return;
  }
  if (createHash("sha256").update(body).digest("hex") !== promised.toLowerCase()) {
    throw s3Error("XAmzContentSHA256Mismatch", undefined, { ClientComputedContentSHA256: promised.toLowerCase() });
  }
}

/**
 * Checks a small body read whole (DeleteObjects, CompleteMultipartUpload) against its Content-MD5 or
 * x-amz-checksum-* header. `required`: S3 refuses DeleteObjects without one.
 */
export function verifyWholeBody(headers: IncomingHttpHeaders, body: Buffer, required: boolean): void {
  verifyContentSha256(headers, body);
  let found = false;
  const md5 = headerValue(headers, "content-md5");
  if (md5 !== undefined) {
    found = true;
    const digest = Buffer.from(md5.trim(), "base64");
    if (digest.length !== 16) {
      throw s3Error("InvalidDigest");
    }
    if (!createHash("md5").update(body).digest().equals(digest)) {
      throw s3Error("BadDigest");
    }
  }
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const value = headerValue(headers, checksumHeaderName(algorithm))?.trim();
    if (value === undefined) {
      continue;
    }
    found = true;
    if (!isWellFormedChecksum(algorithm, value)) {
      throw s3Error("InvalidRequest", `Value for ${checksumHeaderName(algorithm)} header is invalid.`);
    }
    const hasher = createHasher(algorithm);
    hasher.update(body);
    if (hasher.digest().toString("base64") !== value) {
      throw s3Error("BadDigest", `The ${algorithm} you specified did not match the calculated checksum.`);
    }
  }
  if (required && !found) {
    throw s3Error("InvalidRequest", "Missing required header for this request: Content-MD5 OR x-amz-checksum-*");
  }
}
