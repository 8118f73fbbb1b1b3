import type { FuzzRequest, Outcome } from "./fuzzHttp";

/**
 * What a fuzzed request may get back, by protocol. Undefined when the outcome is acceptable, else what is
 * wrong with it. Any 5xx but a 501 naming an operation of the real API is a bug: a validation hole, or a
 * handler trusting its input.
 */
export type Judgement = string | undefined;

function header(outcome: Extract<Outcome, { kind: "answer" }>, name: string): string | undefined {
  const value = outcome.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** A JSON service's answer: 200, or `{"__type", "message"}` with `x-amzn-ErrorType` (Athena: `{"__type", "Message"}`, no header) and a 4xx (501 NotImplemented naming the operation). */
export function judgeJsonAnswer(outcome: Outcome, request: FuzzRequest): Judgement {
  if (outcome.kind !== "answer") {
    return outcome.kind === "unsent" ? undefined : `no answer (${outcome.kind}${outcome.kind === "closed" ? `: ${outcome.detail}` : ""})`;
  }
  if (request.method === "HEAD") {
    return outcome.status >= 400 && outcome.status < 500 ? undefined : `HEAD answered ${outcome.status}`;
  }
  const target = Object.entries(request.headers).find(([name]) => name.toLowerCase() === "x-amz-target")?.[1] ?? "";
  const coralJudgement = judgeCoralEnvelope(outcome, target.slice(0, target.lastIndexOf(".")));
  if (coralJudgement !== "json") {
    return coralJudgement;
  }
  let body: unknown;
  try {
    body = JSON.parse(outcome.body.toString("utf8"));
  } catch {
    return `${outcome.status} with a body that is not JSON: ${outcome.body.toString("utf8").slice(0, 200)}`;
  }
  if (outcome.status === 200) {
    return typeof body === "object" && body !== null && !Array.isArray(body) ? undefined : "200 with a body that is not a JSON object";
  }
  const error = body as { __type?: unknown; message?: unknown; Message?: unknown };
  if (typeof error.__type !== "string" || error.__type === "") {
    return `${outcome.status} without __type: ${outcome.body.toString("utf8").slice(0, 200)}`;
  }
  // Athena answers errors with `Message` and no x-amzn-ErrorType header (recorded Athena responses; docs/athena-glue.md).
  const athena = target.slice(0, target.lastIndexOf(".")) === "AmazonAthena";
  const message = athena ? error.Message : (error.message ?? error.Message);
  if (athena ? header(outcome, "x-amzn-errortype") !== undefined || typeof message !== "string" : header(outcome, "x-amzn-errortype")?.split(":")[0] !== error.__type) {
    return `${outcome.status} ${error.__type} whose x-amzn-errortype header says ${header(outcome, "x-amzn-errortype")}`;
  }
  if (outcome.status === 501) {
    return error.__type === "NotImplemented" && typeof message === "string" && /operation \w+ is not implemented/.test(message) ? undefined : `501 not naming an operation: ${String(message)}`;
  }
  return outcome.status >= 400 && outcome.status < 500 ? undefined : `${outcome.status} ${error.__type}: ${String(message)}`;
}

/**
 * Kinesis answers as Coral (emulator/src/protocol/awsJson/coralDoor.ts): an operation that returns nothing with an empty 200,
 * a request read as CBOR in CBOR (an error `{"__type": ...}`), a protocol error in the deprecated `{"Output", "Version"}`
 * envelope, by the request's Content-Type. "json" when the answer is an ordinary JSON one, to be judged as such.
 */
function judgeCoralEnvelope(outcome: Extract<Outcome, { kind: "answer" }>, targetPrefix: string): Judgement | "json" {
  if (targetPrefix !== "Kinesis_20131202") {
    return "json";
  }
  if (outcome.status === 200 && outcome.body.length === 0) {
    return undefined;
  }
  const contentType = header(outcome, "content-type") ?? "";
  if (contentType === "application/x-amz-cbor-1.1") {
    if (outcome.status === 200) {
      // A body that decodes as a CBOR map is read as a request (emulator/src/protocol/awsJson/coralCbor.ts).
      return undefined;
    }
    // An error: a CBOR map whose first key is the text "__type" (the codec writes keys shortest first).
    const coralError = (outcome.status === 501 || (outcome.status >= 400 && outcome.status < 500)) && (outcome.body[0]! & 0xe0) === 0xa0 && outcome.body.subarray(1, 8).toString("latin1") === "\x66__type";
    return coralError ? undefined : `${outcome.status} CBOR answer that is not a Coral error`;
  }
  if (contentType === "application/json") {
    let envelope: { Output?: { __type?: unknown }; Version?: unknown };
    try {
      envelope = JSON.parse(outcome.body.toString("utf8")) as typeof envelope;
    } catch {
      return `${outcome.status} application/json answer that is not JSON`;
    }
    return [400, 404].includes(outcome.status) && typeof envelope.Output?.__type === "string" && envelope.Version === "1.0" ? undefined : `${outcome.status} deprecated JSON answer without Output.__type`;
  }
  return "json";
}

/** An S3 answer: 2xx/3xx, or an `<Error><Code>` XML document with a 4xx (no body for HEAD); 501 NotImplemented naming the operation. */
export function judgeS3Answer(outcome: Outcome, request: FuzzRequest): Judgement {
  if (outcome.kind !== "answer") {
    return outcome.kind === "unsent" ? undefined : `no answer (${outcome.kind}${outcome.kind === "closed" ? `: ${outcome.detail}` : ""})`;
  }
  if (outcome.status >= 200 && outcome.status < 400) {
    return undefined;
  }
  const text = outcome.body.toString("utf8");
  const code = /<Error>\s*<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  if (request.method === "HEAD" && text === "") {
    // No body to name the unwritten operation in: a 501 is taken on trust here.
    return (outcome.status >= 400 && outcome.status < 500) || outcome.status === 501 ? undefined : `HEAD answered ${outcome.status}`;
  }
  if (code === undefined) {
    return `${outcome.status} without an <Error><Code>: ${text.slice(0, 200)}`;
  }
  if (outcome.status === 501) {
    // S3's own 501 for a header asking what S3 does not do (If-None-Match other than * on a write) names the header.
    const named = /operation [^<]+ is not implemented/.test(text) || /<Header>[^<]+<\/Header>/.test(text);
    return code === "NotImplemented" && named ? undefined : `501 naming neither an operation nor a header: ${text.slice(0, 300)}`;
  }
  return outcome.status >= 400 && outcome.status < 500 ? undefined : `${outcome.status} ${code}: ${text.slice(0, 300)}`;
}

/**
 * Protocol garbage: any ending is acceptable but a 5xx. Node's HTTP parser answers what it cannot parse itself
 * (a bare `400 Bad Request`, `431 Request Header Fields Too Large`, `408` for a slow request) and closes.
 */
export function judgeRawStatus(status: number | undefined): Judgement {
  return status === undefined || status < 500 ? undefined : `answered ${status}`;
}

/**
 * A FAILED query's StateChangeReason as Athena words it: `ERROR_NAME: message` (Trino's error names, and Hive DDL's
 * `FAILED: SemanticException ...`), or one of the sentences Athena gives without a name (athenaErrors.ts).
 */
export function judgeStateChangeReason(reason: string | undefined): Judgement {
  if (reason === undefined) return "FAILED without a StateChangeReason";
  if (/^[A-Z][A-Z0-9_]*: \S/.test(reason) || reason === "Query type not supported by DDL engine." || reason === "Query cancelled by user") return undefined;
  return `a StateChangeReason Athena would not give: ${JSON.stringify(reason.slice(0, 300))}`;
}
