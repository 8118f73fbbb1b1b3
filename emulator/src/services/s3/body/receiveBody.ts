import { createHash } from "node:crypto";
import { open, unlink } from "node:fs/promises";
import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import { headerValue } from "../../../protocol/HttpExchange";
import { AwsError } from "../../../protocol/AwsError";
import { chunkSignaturesOf } from "../../../server/auth/ChunkSignatureChain";
import { s3Error } from "../../../protocol/restXml/s3Errors";
import {
  algorithmOfHeader,
  checksumHeaderName,
  createHasher,
  isWellFormedChecksum,
  md5Hasher,
  parseAlgorithm,
  type ChecksumAlgorithm,
  type Hasher,
  type StoredChecksum,
} from "./checksums";
import { decodeAwsChunked } from "./decodeAwsChunked";

/** S3's limit for one PutObject or UploadPart. */
export const MAX_UPLOAD_BYTES = 5 * 1024 ** 3;

export interface ReceivedBody {
  /** The staging file holding the decoded bytes. */
  readonly path: string;
  readonly size: number;
  readonly md5: Buffer;
  /** The checksum the client sent (verified), else the one computed by default. */
  readonly checksum?: StoredChecksum;
}

export interface ReceiveOptions {
  readonly maxBytes: number;
  /** Computed when the client sends no checksum: S3 gives such objects a CRC64NVME. */
  readonly defaultAlgorithm?: ChecksumAlgorithm;
}

interface ExpectedChecksum {
  readonly algorithm: ChecksumAlgorithm;
  /** Undefined while it is still to come as a trailer. */
  readonly value: string | undefined;
}

function isStreamingPayload(headers: IncomingHttpHeaders): boolean {
  const contentSha = headerValue(headers, "x-amz-content-sha256") ?? "";
  const encodings = (headerValue(headers, "content-encoding") ?? "").split(",").map((encoding) => encoding.trim().toLowerCase());
  return contentSha.startsWith("STREAMING-") || encodings.includes("aws-chunked");
}

function declaredLength(headers: IncomingHttpHeaders, chunked: boolean): number {
  const text = headerValue(headers, chunked ? "x-amz-decoded-content-length" : "content-length");
  if (text === undefined) {
    throw s3Error("MissingContentLength");
  }
  if (!/^\d+$/.test(text.trim())) {
    throw s3Error("InvalidArgument", `Invalid ${chunked ? "x-amz-decoded-content-length" : "Content-Length"}: ${text}`);
  }
  return Number(text.trim());
}

/** Which checksum the request promises, checked before a byte is read. */
function expectedChecksum(headers: IncomingHttpHeaders, chunked: boolean): ExpectedChecksum | undefined {
  const found: ExpectedChecksum[] = [];
  for (const name of Object.keys(headers)) {
    const algorithm = algorithmOfHeader(name);
    if (algorithm !== undefined) {
      const value = headerValue(headers, name)!.trim();
      if (!isWellFormedChecksum(algorithm, value)) {
        throw s3Error("InvalidRequest", `Value for ${checksumHeaderName(algorithm)} header is invalid.`);
      }
      found.push({ algorithm, value });
    }
  }
  const trailer = headerValue(headers, "x-amz-trailer");
  if (trailer !== undefined) {
    const name = trailer.trim().toLowerCase();
    const algorithm = name.startsWith("x-amz-checksum-") ? algorithmOfHeader(name) : undefined;
    if (algorithm === undefined || !chunked) {
      throw s3Error("InvalidRequest", `The value specified in the x-amz-trailer header is not supported: ${trailer}`);
    }
    found.push({ algorithm, value: undefined });
  }
  if (found.length > 1) {
    throw s3Error("InvalidRequest", "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
  }
  const declared = headerValue(headers, "x-amz-sdk-checksum-algorithm");
  if (declared !== undefined) {
    const algorithm = parseAlgorithm(declared);
    if (found[0]?.algorithm !== algorithm) {
      throw s3Error("InvalidRequest", "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
    }
  }
  return found[0];
}

function contentMd5(headers: IncomingHttpHeaders): Buffer | undefined {
  const text = headerValue(headers, "content-md5");
  if (text === undefined) {
    return undefined;
  }
  const digest = Buffer.from(text.trim(), "base64");
  if (digest.length !== 16 || digest.toString("base64") !== text.trim()) {
    throw s3Error("InvalidDigest");
  }
  return digest;
}

function isClientGone(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE" || (error instanceof Error && error.message === "aborted");
}

/**
 * Streams a PutObject/UploadPart body into `path` (a staging file, never the object's place), decoding
 * aws-chunked, counting against the limit, and hashing as it goes: MD5 for the ETag, the checksum the client
 * named, SHA-256 when `x-amz-content-sha256` carries one (the payload hash its signature covers: a body altered
 * on the way is XAmzContentSHA256Mismatch), chunk signatures when credentials are checked. Every promise the
 * request made is verified before this returns; on any failure the staging file is gone.
 */
export async function receiveBody(headers: IncomingHttpHeaders, body: Readable, path: string, options: ReceiveOptions): Promise<ReceivedBody> {
  const chunked = isStreamingPayload(headers);
  const length = declaredLength(headers, chunked);
  if (length > options.maxBytes) {
    throw s3Error("EntityTooLarge", undefined, { ProposedSize: length, MaxSizeAllowed: options.maxBytes });
  }
  const expected = expectedChecksum(headers, chunked);
  const md5Expected = contentMd5(headers);
  const contentSha = headerValue(headers, "x-amz-content-sha256");
  const sha256Expected = contentSha !== undefined && /^[0-9a-f]{64}$/i.test(contentSha) ? contentSha.toLowerCase() : undefined;

  const algorithm = expected?.algorithm ?? options.defaultAlgorithm;
  const md5 = md5Hasher();
  const checksum: Hasher | undefined = algorithm === undefined ? undefined : createHasher(algorithm);
  const sha256 = sha256Expected === undefined ? undefined : createHash("sha256");
  const trailers = new Map<string, string>();
  // Not destroyed when we stop early, so the error can still be answered on this connection.
  const raw = body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
  // Set when credentials are checked and the request's seed signature was verified (server/auth/checkS3Signature.ts).
  const signatures = chunkSignaturesOf(body);
  const source = chunked ? decodeAwsChunked(raw, trailers, signatures) : raw;

  let size = 0;
  const file = await open(path, "wx");
  try {
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > length) {
          throw size > options.maxBytes
            ? s3Error("EntityTooLarge", undefined, { ProposedSize: size, MaxSizeAllowed: options.maxBytes })
            : s3Error("IncompleteBody", "The request body is longer than its declared length");
        }
        md5.update(chunk);
        checksum?.update(chunk);
        sha256?.update(chunk);
        await file.write(chunk);
      }
    } finally {
      await file.close();
    }
    if (size !== length) {
      throw s3Error("IncompleteBody");
    }
    const digest = md5.digest();
    if (md5Expected !== undefined && !md5Expected.equals(digest)) {
      throw s3Error("BadDigest", undefined, { ExpectedDigest: md5Expected.toString("base64"), CalculatedDigest: digest.toString("base64") });
    }
    if (sha256Expected !== undefined && sha256!.digest("hex") !== sha256Expected) {
      throw s3Error("XAmzContentSHA256Mismatch", undefined, { ClientComputedContentSHA256: sha256Expected });
    }
    const computed = checksum?.digest().toString("base64");
    if (expected !== undefined) {
      const value = expected.value ?? trailers.get(checksumHeaderName(expected.algorithm));
      if (value === undefined) {
        throw s3Error("InvalidRequest", `The body carried no ${checksumHeaderName(expected.algorithm)} trailer, as x-amz-trailer promised.`);
      }
      if (!isWellFormedChecksum(expected.algorithm, value)) {
        throw s3Error("InvalidRequest", `Value for ${checksumHeaderName(expected.algorithm)} trailing header is invalid.`);
      }
      if (value !== computed) {
        throw s3Error("BadDigest", `The ${expected.algorithm} you specified did not match the calculated checksum.`);
      }
    }
    return {
      path,
      size,
      md5: digest,
      ...(algorithm === undefined ? {} : { checksum: { algorithm, value: computed!, type: "FULL_OBJECT" as const } }),
    };
  } catch (error) {
    await unlink(path).catch(() => undefined);
    if (!(error instanceof AwsError) && isClientGone(error)) {
      throw s3Error("IncompleteBody");
    }
    throw error;
  }
}
