import { createHash, type Hash } from "node:crypto";
import type { ChunkSignatureChain } from "../../../server/auth/ChunkSignatureChain";
import { s3Error } from "../../../protocol/restXml/s3Errors";

const CRLF = Buffer.from("\r\n");
const MAX_LINE_BYTES = 8192;

/**
 * Decodes an `aws-chunked` body while it streams
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html): chunks
 * `<hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n`, a zero-size chunk, then trailing headers
 * (`x-amz-checksum-crc32:<base64>`) up to an empty line. Trailers land in `trailers` (lower-case names) once the
 * body has been read. With `signatures` (credentials checked, a STREAMING-AWS4-HMAC-SHA256-PAYLOAD request) each
 * chunk's signature is verified as its last byte passes, and the trailer's at the end: a mismatch is
 * SignatureDoesNotMatch, thrown before the body counts as received, so nothing of it is stored.
 */
export async function* decodeAwsChunked(source: AsyncIterable<Buffer>, trailers: Map<string, string>, signatures?: ChunkSignatureChain): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  let remaining = -1; // bytes left in the current chunk; -1 while reading a chunk header
  let afterChunk = false; // expecting the CRLF that ends a chunk's data
  let inTrailers = false;
  let done = false;
  const malformed = (): Error => s3Error("InvalidRequest", "The aws-chunked body is malformed");
  const badSignature = (): Error => s3Error("SignatureDoesNotMatch");
  let chunkSignature: string | undefined; // the current chunk's chunk-signature extension
  let chunkHash: Hash | undefined; // SHA-256 of the current chunk's data, when signatures are checked

  const takeLine = (): string | undefined => {
    const end = pending.indexOf(CRLF);
    if (end < 0) {
      if (pending.length > MAX_LINE_BYTES) {
        throw malformed();
      }
      return undefined;
    }
    const line = pending.subarray(0, end).toString("latin1");
    pending = pending.subarray(end + 2);
    return line;
  };

  for await (const chunk of source) {
    if (done) {
      if (chunk.length > 0) {
        throw malformed();
      }
      continue;
    }
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      if (remaining > 0) {
        if (pending.length === 0) {
          break;
        }
        const data = pending.subarray(0, Math.min(remaining, pending.length));
        pending = pending.subarray(data.length);
        remaining -= data.length;
        chunkHash?.update(data);
        if (remaining === 0) {
          afterChunk = true;
          remaining = -1;
          if (signatures !== undefined && !signatures.chunk(chunkSignature, chunkHash!.digest("hex"))) {
            throw badSignature();
          }
        }
        yield data;
        continue;
      }
      if (afterChunk) {
        if (pending.length < 2) {
          break;
        }
        if (!pending.subarray(0, 2).equals(CRLF)) {
          throw malformed();
        }
        pending = pending.subarray(2);
        afterChunk = false;
        continue;
      }
      const line = takeLine();
      if (line === undefined) {
        break;
      }
      if (inTrailers) {
        if (line === "") {
          done = true;
          break;
        }
        const colon = line.indexOf(":");
        if (colon <= 0) {
          throw malformed();
        }
        trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
        continue;
      }
      const [sizeText, ...extensions] = line.split(";").map((part) => part.trim());
      if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText!)) {
        throw malformed();
      }
      const size = parseInt(sizeText!, 16);
      if (signatures !== undefined) {
        chunkSignature = extensions.find((extension) => extension.startsWith("chunk-signature="))?.slice("chunk-signature=".length);
        chunkHash = createHash("sha256");
      }
      if (size === 0) {
        if (signatures !== undefined && !signatures.chunk(chunkSignature, chunkHash!.digest("hex"))) {
          throw badSignature();
        }
        inTrailers = true;
        continue;
      }
      remaining = size;
    }
    if (done && pending.length > 0) {
      throw malformed();
    }
  }
  // The SDK ends a body without trailers right after `0\r\n`, with no empty line.
  if (!inTrailers || remaining > 0 || afterChunk || pending.length > 0) {
    throw s3Error("IncompleteBody");
  }
  if (signatures !== undefined && !signatures.finish(trailers)) {
    throw badSignature();
  }
}
