import type { HttpRequest } from "../../protocol/HttpExchange";
import type { JsonService } from "../JsonService";
import type { AccessKey } from "./AccessKey";
import { parseAuthorization } from "./parseAuthorization";
import { sha256Hex } from "./signingKey";
import { verifySignature } from "./verifySignature";

/**
 * Checks a JSON-protocol request's signature, once its body is read: the payload hash is always the body's own
 * SHA-256, so a body altered after signing fails like a wrong key. The signing name is the service's name in
 * lower case (kinesis, firehose, glue, athena). Throws a SignatureRefusal.
 */
export function checkJsonSignature(request: HttpRequest, service: JsonService, body: Buffer, keys: ReadonlyMap<string, AccessKey>, now: number): void {
  const signature = parseAuthorization(request.headers, request.url, false);
  verifySignature(request, signature, { keys, service: service.signingName ?? service.name.toLowerCase(), payloadHash: sha256Hex(body), now });
}
