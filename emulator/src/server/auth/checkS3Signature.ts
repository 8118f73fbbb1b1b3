import type { IncomingHttpHeaders } from "node:http";
import { headerValue, type HttpRequest } from "../../protocol/HttpExchange";
import { ChunkSignatureChain, attachChunkSignatures } from "./ChunkSignatureChain";
import { parseAuthorization } from "./parseAuthorization";
import { SignatureRefusal } from "./SignatureRefusal";
import { verifySignature } from "./verifySignature";
import type { AccessKey } from "./AccessKey";

/** What x-amz-content-sha256 may say besides a hex SHA-256 (SigV4a's ECDSA variants are refused with their algorithm). */
const PAYLOAD_MARKERS = ["UNSIGNED-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"];

/**
 * S3 signs its payload hash as x-amz-content-sha256 says, and requires the header with header authentication; a
 * presigned URL's payload is UNSIGNED-PAYLOAD (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
 * A hex hash is held to the body while it streams (receiveBody.ts, verifyWholeBody.ts).
 */
function payloadHash(headers: IncomingHttpHeaders, presigned: boolean): string {
  const value = headerValue(headers, "x-amz-content-sha256");
  if (value === undefined) {
    if (presigned) {
      return "UNSIGNED-PAYLOAD";
    }
    throw new SignatureRefusal({ kind: "missingPayloadHash" });
  }
  if (!/^[0-9a-fA-F]{64}$/.test(value) && !PAYLOAD_MARKERS.includes(value)) {
    throw new SignatureRefusal({ kind: "badPayloadHash", value });
  }
  return value;
}

/**
 * Checks an S3 request's signature before any operation runs, throwing a SignatureRefusal. With a signed
 * streaming body (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`) the chain of chunk signatures is attached to
 * the body, for the operation to verify as it reads.
 */
export function checkS3Signature(request: HttpRequest, keys: ReadonlyMap<string, AccessKey>, now: number): void {
  const signature = parseAuthorization(request.headers, request.url, true);
  const hash = payloadHash(request.headers, signature.presigned);
  const verified = verifySignature(request, signature, { keys, service: "s3", payloadHash: hash, now });
  // S3 wants every x-amz-* header signed, so none can be added to a request on its way.
  const unsigned = Object.keys(request.headers).filter((name) => name.startsWith("x-amz-") && !signature.signedHeaders.includes(name));
  if (unsigned.length > 0) {
    throw new SignatureRefusal({ kind: "unsignedHeaders", headers: unsigned });
  }
  if (hash.startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD")) {
    attachChunkSignatures(request.body, new ChunkSignatureChain(verified, hash.endsWith("-TRAILER")));
  }
}
