import type { IncomingHttpHeaders } from "node:http";
import type { AccessKey } from "./AccessKey";
import { canonicalRequest } from "./canonicalRequest";
import type { RequestSignature } from "./parseAuthorization";
import { hmac, signaturesMatch, signingKey, stringToSign } from "./signingKey";
import { parseAmzDate } from "./amzDate";
import { SignatureRefusal } from "./SignatureRefusal";

/** AWS refuses a request signed more than 15 minutes before or after its own clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export interface SignedHttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export interface VerifyOptions {
  /** Configured keys by access key id. */
  readonly keys: ReadonlyMap<string, AccessKey>;
  /** The signing name this endpoint answers to: `s3`, `kinesis`, `firehose`, `glue`, `athena`. */
  readonly service: string;
  /** The payload hash to sign with: S3's comes from x-amz-content-sha256, the JSON services' from the body. */
  readonly payloadHash: string;
  readonly now: number;
}

/** What a verified signature lends to the rest of the request: S3's signed chunks chain from it. */
export interface VerifiedSignature {
  readonly accessKeyId: string;
  readonly signingKey: Buffer;
  readonly amzDate: string;
  readonly scope: string;
  readonly signature: string;
}

function checkTime(signature: RequestSignature, now: number): void {
  const signedAt = parseAmzDate(signature.amzDate);
  if (signature.presigned && signature.expiresSeconds !== undefined) {
    const window = { amzDate: signature.amzDate, expiresSeconds: signature.expiresSeconds, now };
    if (now > signedAt + signature.expiresSeconds * 1000) {
      throw new SignatureRefusal({ kind: "expired", ...window });
    }
    if (signedAt > now + MAX_SKEW_MS) {
      throw new SignatureRefusal({ kind: "notYetValid", ...window });
    }
    return;
  }
  if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    throw new SignatureRefusal({ kind: "skewed", amzDate: signature.amzDate, now, future: signedAt > now });
  }
}

function checkScope(signature: RequestSignature, service: string): void {
  const wrongService = signature.service !== service;
  const wrongTerminator = signature.terminator !== "aws4_request";
  const wrongDate = signature.scopeDate !== signature.amzDate.slice(0, 8);
  if (wrongService || wrongTerminator || wrongDate) {
    throw new SignatureRefusal({
      kind: "wrongScope",
      presigned: signature.presigned,
      ...(wrongService ? { service: { got: signature.service, expected: service } } : {}),
      ...(wrongTerminator ? { terminator: signature.terminator } : {}),
      ...(wrongDate ? { date: { scope: signature.scopeDate, amzDate: signature.amzDate } } : {}),
    });
  }
}

/**
 * Verifies a SigV4 signature for real: time window, Host signed, scope, access key, session token, then the
 * canonical request -> string to sign -> HMAC chain, compared in constant time. Every refusal is a
 * SignatureRefusal naming what failed; the region of the scope is taken as signed (the emulator has no other).
 */
export function verifySignature(request: SignedHttpRequest, signature: RequestSignature, options: VerifyOptions): VerifiedSignature {
  checkTime(signature, options.now);
  // The SDK's HTTP/2 client (Kinesis) signs the `:authority` pseudo-header in place of Host.
  if (!signature.signedHeaders.includes("host") && !signature.signedHeaders.includes(":authority")) {
    throw new SignatureRefusal({ kind: "unsignedHeaders", headers: ["host"] });
  }
  checkScope(signature, options.service);
  const key = options.keys.get(signature.accessKeyId);
  if (key === undefined) {
    throw new SignatureRefusal({ kind: "unknownAccessKey", accessKeyId: signature.accessKeyId });
  }
  const parts = {
    method: request.method,
    url: request.url,
    headers: request.headers,
    signedHeaders: signature.signedHeaders,
    payloadHash: options.payloadHash,
    service: options.service,
    presigned: signature.presigned,
  };
  const kSigning = signingKey(key.secretAccessKey, signature.scopeDate, signature.region, signature.service);
  const canonical = canonicalRequest(parts);
  const toSign = stringToSign(signature.amzDate, signature.scope, canonical);
  let matches = signaturesMatch(hmac(kSigning, toSign).toString("hex"), signature.signature);
  if (!matches && options.service === "s3") {
    // A client may sign its path as it sent it, escapes and all, rather than in the canonical encoding.
    const asSent = canonicalRequest({ ...parts, pathAsSent: true });
    matches = asSent !== canonical && signaturesMatch(hmac(kSigning, stringToSign(signature.amzDate, signature.scope, asSent)).toString("hex"), signature.signature);
  }
  if (!matches) {
    throw new SignatureRefusal({ kind: "mismatch", accessKeyId: signature.accessKeyId, canonicalRequest: canonical, stringToSign: toSign, signatureProvided: signature.signature });
  }
  if (signature.sessionToken !== key.sessionToken) {
    throw new SignatureRefusal({ kind: "invalidToken", token: signature.sessionToken ?? "" });
  }
  return { accessKeyId: key.accessKeyId, signingKey: kSigning, amzDate: signature.amzDate, scope: signature.scope, signature: signature.signature.toLowerCase() };
}
