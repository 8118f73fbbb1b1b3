/**
 * Why a request's signature was refused, in terms of SigV4 rather than of any service: the JSON services and S3
 * word each kind their own way (jsonAuthError.ts, s3AuthError.ts).
 */
export type RefusalReason =
  /** Neither an Authorization header nor X-Amz-Algorithm in the query. */
  | { readonly kind: "anonymous" }
  | { readonly kind: "bothMechanisms"; readonly authorization: string }
  /** An Authorization header that is not SigV4 (SigV2's `AWS id:signature`, or anything else). */
  | { readonly kind: "unsupportedScheme"; readonly authorization: string }
  | { readonly kind: "unsupportedAlgorithm"; readonly algorithm: string; readonly presigned: boolean }
  /** Parts missing from the header (`Credential`, `SignedHeaders`, `Signature`, `date`) or from the query. */
  | { readonly kind: "incomplete"; readonly missing: readonly string[]; readonly authorization?: string; readonly presigned: boolean }
  | { readonly kind: "malformedCredential"; readonly credential: string; readonly presigned: boolean }
  | { readonly kind: "malformedDate"; readonly date: string; readonly presigned: boolean }
  | { readonly kind: "malformedExpires"; readonly expires: string; readonly problem: "notANumber" | "negative" | "overAWeek" }
  /** Scope parts that do not fit this request: the service, the terminator, the date (region is not checked). */
  | { readonly kind: "wrongScope"; readonly service?: { readonly got: string; readonly expected: string }; readonly terminator?: string; readonly date?: { readonly scope: string; readonly amzDate: string }; readonly presigned: boolean }
  /** Host (always) and S3's x-amz-* headers must be signed. */
  | { readonly kind: "unsignedHeaders"; readonly headers: readonly string[] }
  | { readonly kind: "missingPayloadHash" }
  | { readonly kind: "badPayloadHash"; readonly value: string }
  | { readonly kind: "unknownAccessKey"; readonly accessKeyId: string }
  | { readonly kind: "invalidToken"; readonly token: string }
  /** Header authentication more than 15 minutes from the emulator's clock, either way. */
  | { readonly kind: "skewed"; readonly amzDate: string; readonly now: number; readonly future: boolean }
  /** A presigned request used after X-Amz-Date + X-Amz-Expires, or before X-Amz-Date. */
  | { readonly kind: "expired"; readonly amzDate: string; readonly expiresSeconds: number; readonly now: number }
  | { readonly kind: "notYetValid"; readonly amzDate: string; readonly expiresSeconds: number; readonly now: number }
  | {
      readonly kind: "mismatch";
      readonly accessKeyId: string;
      readonly canonicalRequest: string;
      readonly stringToSign: string;
      readonly signatureProvided: string;
    };

/** Thrown by the verifier; each protocol turns it into its own error. */
export class SignatureRefusal extends Error {
  override readonly name = "SignatureRefusal";

  constructor(readonly reason: RefusalReason) {
    super(`request signature refused: ${reason.kind}`);
  }
}

