import { createHash } from "node:crypto";
import { s3Error } from "../../../protocol/restXml/s3Errors";
import { createCrc32, createCrc32c, createCrc64Nvme } from "./crc";

/** S3's flexible checksum algorithms (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html). */
export type ChecksumAlgorithm = "CRC32" | "CRC32C" | "CRC64NVME" | "SHA1" | "SHA256" | "SHA512" | "MD5";
export type ChecksumType = "FULL_OBJECT" | "COMPOSITE";

export interface Hasher {
  update(bytes: Uint8Array): void;
  digest(): Buffer;
}

export interface StoredChecksum {
  readonly algorithm: ChecksumAlgorithm;
  /** Base64, as the header carries it; a composite one ends with `-<parts>`. */
  readonly value: string;
  readonly type: ChecksumType;
}

function nodeHash(name: string): () => Hasher {
  return () => {
    const hash = createHash(name);
    return { update: (bytes) => void hash.update(bytes), digest: () => hash.digest() };
  };
}

const ALGORITHMS: Record<ChecksumAlgorithm, { readonly bytes: number; readonly create: () => Hasher }> = {
  CRC32: { bytes: 4, create: createCrc32 },
  CRC32C: { bytes: 4, create: createCrc32c },
  CRC64NVME: { bytes: 8, create: createCrc64Nvme },
  SHA1: { bytes: 20, create: nodeHash("sha1") },
  SHA256: { bytes: 32, create: nodeHash("sha256") },
  SHA512: { bytes: 64, create: nodeHash("sha512") },
  MD5: { bytes: 16, create: nodeHash("md5") },
};

/** Algorithms S3 has that the emulator does not compute: asked for, they answer NotImplemented rather than go unchecked. */
const UNSUPPORTED_ALGORITHMS = ["XXHASH64", "XXHASH3", "XXHASH128"];

export const CHECKSUM_ALGORITHMS = Object.keys(ALGORITHMS) as ChecksumAlgorithm[];

export function createHasher(algorithm: ChecksumAlgorithm): Hasher {
  return ALGORITHMS[algorithm].create();
}

export function md5Hasher(): Hasher {
  return nodeHash("md5")();
}

export function checksumHeaderName(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** The x-amz-checksum-* headers that are not a checksum value. */
const CHECKSUM_CONTROL_HEADERS = ["x-amz-checksum-mode", "x-amz-checksum-type", "x-amz-checksum-algorithm"];

/**
 * `x-amz-checksum-crc32` -> CRC32; undefined for other headers (`x-amz-checksum-mode`, `-type`, `-algorithm`).
 * A checksum header of an algorithm the emulator cannot compute is NotImplemented.
 */
export function algorithmOfHeader(name: string): ChecksumAlgorithm | undefined {
  const lower = name.toLowerCase();
  if (!lower.startsWith("x-amz-checksum-") || CHECKSUM_CONTROL_HEADERS.includes(lower)) {
    return undefined;
  }
  const algorithm = CHECKSUM_ALGORITHMS.find((candidate) => checksumHeaderName(candidate) === lower);
  if (algorithm === undefined) {
    throw s3Error("NotImplemented", `The checksum header ${lower} is not supported by the gpu-stream emulator`, { Header: lower });
  }
  return algorithm;
}

/** An x-amz-checksum-algorithm value; undefined when absent, NotImplemented or InvalidRequest when not one we compute. */
export function parseAlgorithm(value: string | undefined): ChecksumAlgorithm | undefined {
  if (value === undefined) {
    return undefined;
  }
  const upper = value.trim().toUpperCase();
  const algorithm = CHECKSUM_ALGORITHMS.find((candidate) => candidate === upper);
  if (algorithm !== undefined) {
    return algorithm;
  }
  if (UNSUPPORTED_ALGORITHMS.includes(upper)) {
    throw s3Error("NotImplemented", `The checksum algorithm ${upper} is not supported by the gpu-stream emulator`, { Header: "x-amz-checksum-algorithm" });
  }
  throw s3Error("InvalidRequest", `Checksum algorithm provided is unsupported. Please try again with any of the valid types: [${CHECKSUM_ALGORITHMS.join(", ")}]`);
}

/** The element name S3 uses in XML: ChecksumCRC32, ChecksumSHA256, ... */
export function checksumXmlName(algorithm: ChecksumAlgorithm): string {
  return `Checksum${algorithm}`;
}

/** True when `value` is base64 of exactly the algorithm's digest length. */
export function isWellFormedChecksum(algorithm: ChecksumAlgorithm, value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) {
    return false;
  }
  return Buffer.from(value, "base64").length === ALGORITHMS[algorithm].bytes;
}
