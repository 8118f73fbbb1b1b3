// Source: SigV4 (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html) and
// the query protocol's error codes for refusals (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html).
import type { HttpRequest } from "../../protocol/HttpExchange";
import type { AccessKey } from "./AccessKey";
import { parseAuthorization } from "./parseAuthorization";
import { sha256Hex } from "./signingKey";
import { verifySignature } from "./verifySignature";

/**
 * Checks a query-protocol request's signature (IAM, STS) once its form body is read: as the JSON services', the
 * payload hash is the body's own SHA-256, and the scope must name `signingName`. Throws a SignatureRefusal.
 */
export function checkQuerySignature(request: HttpRequest, signingName: string, body: Buffer, keys: ReadonlyMap<string, AccessKey>, now: number): void {
  const signature = parseAuthorization(request.headers, request.url, false);
  verifySignature(request, signature, { keys, service: signingName, payloadHash: sha256Hex(body), now });
}
