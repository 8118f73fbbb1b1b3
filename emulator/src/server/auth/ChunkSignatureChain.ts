import { EMPTY_SHA256, hmac, sha256Hex, signaturesMatch } from "./signingKey";
import type { VerifiedSignature } from "./verifySignature";

/**
 * The signatures of an S3 `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]` body: each chunk signs its data's SHA-256
 * and the previous signature, starting from the request's own (the seed), so chunks can be neither altered,
 * dropped nor reordered (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html); the trailer
 * variant signs the trailing headers last (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html).
 */
export class ChunkSignatureChain {
  private previous: string;
  private finalChunkSeen = false;

  constructor(
    private readonly seed: VerifiedSignature,
    /** `-TRAILER`: the body ends with trailing headers and their own `x-amz-trailer-signature`. */
    readonly signedTrailer: boolean,
  ) {
    this.previous = seed.signature;
  }

  private sign(stringToSign: string): string {
    return hmac(this.seed.signingKey, stringToSign).toString("hex");
  }

  /** Checks one chunk's `chunk-signature` against the SHA-256 of its data; the empty last chunk is signed too. */
  chunk(signature: string | undefined, dataSha256: string): boolean {
    const expected = this.sign(`AWS4-HMAC-SHA256-PAYLOAD\n${this.seed.amzDate}\n${this.seed.scope}\n${this.previous}\n${EMPTY_SHA256}\n${dataSha256}`);
    if (signature === undefined || !signaturesMatch(expected, signature)) {
      return false;
    }
    this.previous = expected;
    this.finalChunkSeen ||= dataSha256 === EMPTY_SHA256;
    return true;
  }

  /**
   * At the end of the body: the empty last chunk must have come, and with `-TRAILER` the trailing headers
   * (`name:value\n` each, in the order sent) must carry a valid `x-amz-trailer-signature`.
   */
  finish(trailers: ReadonlyMap<string, string>): boolean {
    if (!this.finalChunkSeen) {
      return false;
    }
    if (!this.signedTrailer) {
      return true;
    }
    const signature = trailers.get("x-amz-trailer-signature");
    const canonical = [...trailers].filter(([name]) => name !== "x-amz-trailer-signature").map(([name, value]) => `${name}:${value}\n`).join("");
    const expected = this.sign(`AWS4-HMAC-SHA256-TRAILER\n${this.seed.amzDate}\n${this.seed.scope}\n${this.previous}\n${sha256Hex(canonical)}`);
    return signature !== undefined && signaturesMatch(expected, signature);
  }
}

const chains = new WeakMap<object, ChunkSignatureChain>();

/**
 * The S3 check verifies a streaming request's seed signature before any operation runs; the body's chunk
 * signatures can only be checked while the operation reads it. The chain travels with the body stream itself,
 * so no request type in between needs to know about signatures.
 */
export function attachChunkSignatures(body: object, chain: ChunkSignatureChain): void {
  chains.set(body, chain);
}

/** The chain a verified streaming request's body must follow; undefined when credentials are not checked. */
export function chunkSignaturesOf(body: object): ChunkSignatureChain | undefined {
  return chains.get(body);
}
