import type { AwsError } from "../AwsError";
import type { HttpResponse } from "../HttpExchange";
import { amzId2, awsRequestId } from "../requestIds";
import { CBOR_CONTENT_TYPE } from "./coralDoor";
import { SelfWrittenJson } from "./SelfWrittenJson";

/**
 * Kinesis's CBOR wire (`application/x-amz-cbor-1.1`), the default of the AWS SDK for Java and the KCL: the JSON
 * protocol's members in CBOR (RFC 8949), with two encodings of their own, as the SDKs write and read them:
 * - a timestamp is tag 1 over whole epoch MILLISECONDS (not RFC 8949's seconds): SDK v1 SdkCborGenerator
 *   `writeTag(1); writeNumber(date.getTime())` and SimpleTypeCborUnmarshallers.DateCborUnmarshaller
 *   `new Date(getLongValue())`; SDK v2 SdkCborGenerator `instant.toEpochMilli()` and AwsCborProtocolFactory
 *   ("CBOR uses epoch millis for timestamps", payload format UNIX_TIMESTAMP_MILLIS);
 * - a blob is a byte string, not base64 text (Jackson CBORGenerator.writeBinary; ByteBufferCborUnmarshaller
 *   `getBinaryValue()`).
 * Errors are CBOR maps `{__type, message}` (kinesalite index.js sendError -> sendCbor; its test/connection.js, run
 * against Kinesis, decodes Kinesis's CBOR errors as such maps).
 *
 * cborg (rvagg/cborg) is an ES module: loaded on the first CBOR request, so JSON requests and start-up never pay for it.
 */
type Cborg = typeof import("cborg", { with: { "resolution-mode": "import" } });

let loadingCborg: Promise<Cborg> | undefined;

function cborg(): Promise<Cborg> {
  loadingCborg ??= import("cborg");
  return loadingCborg;
}

/** Tag 1's epoch milliseconds as the epoch seconds the JSON wire carries, so one validator reads both. */
const DECODE_OPTIONS = {
  tags: {
    1: (decodeContent: () => unknown): unknown => {
      const content = decodeContent();
      // Anything but a number is left for the validator to refuse as it refuses it over JSON.
      return typeof content === "number" ? content / 1000 : content;
    },
  },
};

/** The JSON wire's value of a decoded CBOR value, in place: byte strings become the base64 text a blob is over JSON. */
function toJsonWire(value: unknown): unknown {
  if (value === null || typeof value !== "object") {
    return value;
  }
  if (value instanceof Uint8Array) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      value[index] = toJsonWire(value[index]);
    }
    return value;
  }
  const members = value as Record<string, unknown>;
  for (const key of Object.keys(members)) {
    members[key] = toJsonWire(members[key]);
  }
  return members;
}

/**
 * A CBOR request body as the value the same request would have over JSON (blobs as base64, timestamps as epoch
 * seconds), for the JSON path's validation and handlers; undefined when it is not one CBOR map (Coral's
 * SerializationException, kinesalite index.js: a body that does not decode or is not an object). Maps and arrays of
 * either length are read: the Java SDK's Jackson writes indefinite-length ones (CBORGenerator.writeStartObject).
 */
export async function decodeCoralCbor(raw: Buffer): Promise<Record<string, unknown> | undefined> {
  const { decode } = await cborg();
  let body: unknown;
  try {
    body = decode(raw, DECODE_OPTIONS);
  } catch {
    return undefined;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body) || body instanceof Uint8Array) {
    return undefined;
  }
  return toJsonWire(body) as Record<string, unknown>;
}

function coralCborHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { "content-type": CBOR_CONTENT_TYPE, "x-amzn-requestid": awsRequestId(), "x-amz-id-2": amzId2(), ...extra };
}

/** A value in CBOR: dates as tag 1 over epoch milliseconds, bytes as byte strings, undefined members left out. */
async function encodeCoralCbor(value: unknown): Promise<Uint8Array> {
  const { encode, Token, Type } = await cborg();
  return encode(value, {
    ignoreUndefinedProperties: true,
    typeEncoders: {
      Date: (date: Date) => {
        const millis = date.getTime();
        return [new Token(Type.tag, 1), new Token(millis < 0 ? Type.negint : Type.uint, millis)];
      },
    },
  });
}

/** A handler's output as Coral answers it in CBOR: an empty body when there is nothing to say, as over JSON (jsonResponse.ts). */
export async function coralCborResponse(output: unknown): Promise<HttpResponse> {
  const value = output instanceof SelfWrittenJson ? output.toOutput() : output;
  const empty = value === undefined || value === null || (typeof value === "object" && Object.values(value).every((member) => member === undefined));
  const body = empty ? "" : Buffer.from(await encodeCoralCbor(value));
  return { statusCode: 200, headers: coralCborHeaders(), body };
}

/** An error as Coral writes it in CBOR: the JSON path's code, message and x-amzn-ErrorType (jsonErrorResponse). */
export async function coralCborErrorResponse(error: AwsError, errorNamespace: string): Promise<HttpResponse> {
  const body = error.messageKey === "none" ? { __type: error.code } : { __type: error.code, [error.messageKey]: error.message };
  return { statusCode: error.statusCode, headers: coralCborHeaders({ "x-amzn-errortype": `${error.code}:${errorNamespace}` }), body: Buffer.from(await encodeCoralCbor(body)) };
}
