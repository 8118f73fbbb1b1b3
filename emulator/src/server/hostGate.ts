import { CONTROL_PATH_PREFIX } from "../control/controlPaths";
import type { HttpResponse } from "../protocol/HttpExchange";
import type { HostCheck, RequestAuthorities } from "./hostCheck";

/** What the gate sees of a request: where it says it is going, and enough to answer in its protocol's shape. */
export interface GateRequest extends RequestAuthorities {
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** An answer given before any service sees the request (and before its body is read), or undefined to let it through. */
export type RequestGate = (request: GateRequest) => HttpResponse | undefined;

/** How many refused names are logged, each once: enough to tell a user which name to allow, bounded against a flood. */
const LOGGED_NAMES_LIMIT = 64;

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * A refusal in the shape the client reads, so the SDK, the CLI and boto3 show its message: a JSON service's
 * error (`__type`, `message`, `x-amzn-ErrorType`), S3's `<Error>` XML, or the emulator's own `{"message"}`.
 */
function refusal(request: GateRequest, statusCode: number, code: string, message: string): HttpResponse {
  if (request.url.startsWith(CONTROL_PATH_PREFIX)) {
    return { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify({ message }) };
  }
  if (request.headers["x-amz-target"] !== undefined) {
    return { statusCode, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": code }, body: JSON.stringify({ __type: code, message }) };
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`;
  return { statusCode, headers: { "content-type": "application/xml" }, body: xml };
}

/**
 * Refuses requests to names the emulator does not answer with 421 Misdirected Request (RFC 9110 section 15.5.20),
 * and malformed Host fields with 400 (RFC 9112 section 3.2). Each refused name is logged once, with the flag.
 */
export function hostGate(check: HostCheck, log: (message: string) => void): RequestGate {
  const loggedNames = new Set<string>();
  return (request) => {
    const verdict = check.verdict(request);
    if (verdict.kind === "answer") {
      return undefined;
    }
    if (verdict.kind === "malformed") {
      return refusal(request, 400, "InvalidHostHeader", `Bad Request: ${verdict.reason}`);
    }
    const message = check.misdirectedMessage(verdict.name);
    if (!loggedNames.has(verdict.name) && loggedNames.size < LOGGED_NAMES_LIMIT) {
      loggedNames.add(verdict.name);
      log(`refused a request for Host '${verdict.name}' (421): ${message}`);
    }
    return refusal(request, 421, "MisdirectedRequest", message);
  };
}
