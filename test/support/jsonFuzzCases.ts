import { dirname, join } from "node:path";
import type { Shape, StringShape, StructureShape } from "@gpu-stream/emulator/internal/server/shapes";
import type { FuzzRequest } from "./fuzzHttp";
import type { SeededRandom } from "@gpu-stream/shared";
import { drawBytes, drawInt, drawOne, drawText } from "./randomDraws";

/** One JSON service as the fuzzer sees it: its target prefix, every operation of its API, and the input shapes of those it answers. */
export interface FuzzedJsonApi {
  readonly name: string;
  readonly targetPrefix: string;
  readonly apiOperations: readonly string[];
  readonly inputs: Readonly<Record<string, StructureShape>>;
  /** The largest body the service accepts (over it: 413). */
  readonly maxBodyBytes: number;
}

type OperationTable = Record<string, { input: StructureShape }>;

/**
 * The input shapes are data beside each operation (emulator/src/services/<service>/operations): load the
 * operation tables from the built package. The tables only close over their state, so a stand-in that answers
 * `undefined` for everything is enough to read their shapes.
 */
export function loadJsonApis(): FuzzedJsonApi[] {
  const services = join(dirname(require.resolve("@gpu-stream/emulator")), "services");
  const load = (path: string): Record<string, unknown> => require(join(services, path)) as Record<string, unknown>;
  const standIn = new Proxy({}, { get: () => undefined });
  const inputsOf = (table: OperationTable): Record<string, StructureShape> =>
    Object.fromEntries(Object.entries(table).map(([name, operation]) => [name, operation.input]));
  const kinesis = load("kinesis/kinesisOperations.js") as { kinesisOperations(store: unknown): OperationTable; kinesisApiOperations: string[] };
  const firehose = load("firehose/firehoseApi.js") as { firehoseApi(streams: unknown): { operations: OperationTable }; FIREHOSE_OPERATIONS: string[] };
  const glue = load("glue/glueOperations.js") as { glueOperations(catalog: unknown, crawlers: unknown): OperationTable; glueApiOperations: string[] };
  const athena = load("athena/athenaOperations.js") as { athenaOperations(state: unknown): OperationTable };
  const athenaShapes = load("athena/athenaShapes.js") as { athenaApiOperations: string[] };
  const MiB = 1024 * 1024;
  return [
    { name: "Kinesis", targetPrefix: "Kinesis_20131202", apiOperations: kinesis.kinesisApiOperations, inputs: inputsOf(kinesis.kinesisOperations(standIn)), maxBodyBytes: 8 * MiB },
    { name: "Firehose", targetPrefix: "Firehose_20150804", apiOperations: firehose.FIREHOSE_OPERATIONS, inputs: inputsOf(firehose.firehoseApi(standIn).operations), maxBodyBytes: 8 * MiB },
    { name: "Glue", targetPrefix: "AWSGlue", apiOperations: glue.glueApiOperations, inputs: inputsOf(glue.glueOperations(standIn, standIn)), maxBodyBytes: 16 * MiB },
    { name: "Athena", targetPrefix: "AmazonAthena", apiOperations: athenaShapes.athenaApiOperations, inputs: inputsOf(athena.athenaOperations(standIn)), maxBodyBytes: MiB },
  ];
}

/** Realistic values by member name (resources the fuzz run created first), so valid requests reach the handlers. */
export type Hints = Readonly<Record<string, readonly unknown[]>>;

const ARN_SAMPLES = [
  "arn:aws:kinesis:us-east-1:000000000000:stream/fuzz-stream",
  "arn:aws:iam::000000000000:role/fuzz-role",
  "arn:aws:s3:::fuzz-bucket",
  "arn:aws:kms:us-east-1:000000000000:key/fuzz-key",
];

const compiled = new WeakMap<StringShape, RegExp>();

function matches(shape: StringShape, value: string): boolean {
  if ((shape.min !== undefined && value.length < shape.min) || (shape.max !== undefined && value.length > shape.max)) {
    return false;
  }
  if (shape.pattern === undefined) {
    return true;
  }
  let pattern = compiled.get(shape);
  if (pattern === undefined) {
    pattern = new RegExp(`^(?:${shape.pattern})$`, "u");
    compiled.set(shape, pattern);
  }
  return pattern.test(value);
}

function validString(shape: StringShape, random: SeededRandom, hint: readonly unknown[] | undefined): string {
  if (shape.enum !== undefined) {
    return drawOne(random, shape.enum);
  }
  if (hint !== undefined && random.chance(0.85)) {
    return String(drawOne(random, hint));
  }
  const length = Math.max(shape.min ?? 1, Math.min(shape.max ?? 12, 1 + drawInt(random, 12)));
  const candidates = [drawText(random, length), String(drawInt(random, 1_000_000)), ...ARN_SAMPLES, ".json", ""];
  return candidates.find((candidate) => matches(shape, candidate)) ?? candidates[0]!;
}

/** A value of `shape` that passes its validation, drawing names from `hints`. */
export function validValue(shape: Shape, random: SeededRandom, hints: Hints, memberName = "", depth = 0): unknown {
  const hint = hints[memberName];
  switch (shape.type) {
    case "string":
      return validString(shape, random, hint);
    case "integer":
    case "long":
    case "double": {
      if (hint !== undefined && random.chance(0.8)) {
        return drawOne(random, hint);
      }
      const min = shape.min ?? 0;
      const max = Math.min(shape.max ?? min + 20, min + 20);
      return min + drawInt(random, max - min + 1);
    }
    case "boolean":
      return random.chance(0.5);
    case "blob":
      return drawBytes(random, drawInt(random, 48)).toString("base64");
    case "timestamp":
      return Math.floor(Date.now() / 1000) - drawInt(random, 3600);
    case "list": {
      const count = Math.max(shape.min ?? 0, depth > 4 ? 0 : 1 + drawInt(random, 3));
      return Array.from({ length: Math.min(count, shape.max ?? count) }, () => validValue(shape.member, random, hints, memberName, depth + 1));
    }
    case "map": {
      const entries: [string, unknown][] = [];
      const count = Math.max(shape.min ?? 0, depth > 4 ? 0 : drawInt(random, 3));
      for (let index = 0; index < count; index += 1) {
        entries.push([`${validString(shape.key, random, undefined)}${index}`, validValue(shape.value, random, hints, "", depth + 1)]);
      }
      return Object.fromEntries(entries);
    }
    case "structure": {
      const value: Record<string, unknown> = {};
      for (const [member, memberShape] of Object.entries(shape.members)) {
        const required = shape.required?.includes(member) === true;
        if (required || (depth < 5 && random.chance(hints[member] !== undefined ? 0.7 : 0.35))) {
          value[member] = validValue(memberShape, random, hints, member, depth + 1);
        }
      }
      return value;
    }
  }
}

type Path = readonly (string | number)[];

/** Every place in a JSON value (the root is `[]`), with the value there. */
function placesIn(value: unknown, path: Path = [], found: { path: Path; value: unknown }[] = []): { path: Path; value: unknown }[] {
  found.push({ path, value });
  if (Array.isArray(value)) {
    value.forEach((member, index) => placesIn(member, [...path, index], found));
  } else if (value !== null && typeof value === "object") {
    for (const [key, member] of Object.entries(value)) {
      placesIn(member, [...path, key], found);
    }
  }
  return found;
}

/** A copy of `root` with the value at `path` replaced (or deleted when `replacement` is the DELETE marker). */
const DELETE = Symbol("delete");
function replaceAt(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) {
    return replacement === DELETE ? {} : replacement;
  }
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as Record<string, unknown>) }) as Record<string | number, unknown>;
  if (rest.length === 0 && replacement === DELETE) {
    if (Array.isArray(copy)) {
      copy.splice(head as number, 1);
    } else {
      delete copy[head!];
    }
    return copy;
  }
  copy[head!] = replaceAt(copy[head!], rest, replacement);
  return copy;
}

const WRONG_TYPES: readonly unknown[] = [0, -1, 3.5, "", "text", "0", "true", [], [1, "a"], [[]], {}, { a: 1 }, null, true, false, [null], { "": "" }];
const ODD_NUMBERS: readonly unknown[] = [1e308, -1e308, -1, 0, -0, 2 ** 53 + 1, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 63, 2 ** 64, 1.5, 1e-300, 4294967296, 9007199254740993];
const BAD_BASE64: readonly string[] = ["YQ", "Y", "a===", "====", "!!!!", "YWJj\nZA==", "YW Jj", "YWJj=ZA==", "-_-_", "😀😀", "YWJjZA=", "%%%%", "AAAA\u0000"];
const ODD_KEYS: readonly string[] = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "", " ", "a".repeat(300), "\u0000", "😀"];
const ODD_STRING_PIECES: readonly string[] = ["a", "é", "😀", "\u0000", " ", "\ud800", "%", "'", "\\", "<", "\n", "*", "/.."];
const TARGET_MUTATIONS: readonly ((prefix: string, operation: string) => string)[] = [
  () => "",
  (prefix) => `${prefix}.`,
  (_prefix, operation) => `.${operation}`,
  (_prefix, operation) => operation,
  (prefix, operation) => `${prefix}.${operation.toLowerCase()}`,
  (prefix, operation) => `${prefix.toLowerCase()}.${operation}`,
  (prefix, operation) => `${prefix}.${operation}.${operation}`,
  (prefix, operation) => `${prefix}_v2.${operation}`,
  (_prefix, operation) => `Kinesis_20131202.${operation}`,
  (_prefix, operation) => `AWSGlue.${operation}`,
  (_prefix, operation) => `AmazonAthena.${operation}`,
  (_prefix, operation) => `Firehose_20150804.${operation}`,
  (prefix) => `${prefix}.__proto__`,
  (prefix) => `${prefix}.constructor`,
  (prefix) => `${prefix}.toString`,
  (prefix) => `${prefix}.hasOwnProperty`,
  (prefix, operation) => `${prefix}.${operation}${"x".repeat(5000)}`,
  (prefix) => `${prefix}.DoesNotExist`,
  (prefix, operation) => `${prefix} .${operation}`,
];
const CONTENT_TYPES: readonly string[] = [
  "",
  "text/plain",
  "application/xml",
  "application/json; charset=utf-16",
  "APPLICATION/X-AMZ-JSON-1.1",
  "application/x-amz-json-1.0",
  "application/x-amz-json-1.1; charset=utf-8",
  "application/x-amz-json-1.2",
  "multipart/form-data; boundary=x",
  "application/x-amz-cbor-1.1",
];

/** JSON text nested `depth` deep (built as text: a JavaScript value that deep would overflow JSON.stringify here). */
function deepNesting(random: SeededRandom): { text: string; depth: number } {
  const depth = drawOne(random, [1000, 10_000, 100_000]);
  return { text: random.chance(0.5) ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth), depth };
}

const DEEP_PLACEHOLDER = "\u0000deep\u0000";

function longString(random: SeededRandom): string {
  return drawOne(random, ODD_STRING_PIECES).repeat(drawOne(random, [129, 257, 1025, 2049, 70_000, 300_000]));
}

/** Inserts invalid UTF-8 (a lone continuation byte, an overlong NUL, a CESU-8 surrogate, 0xFF) into JSON text. */
function withInvalidUtf8(text: string, random: SeededRandom): Buffer {
  const bytes = Buffer.from(text, "utf8");
  const bad = drawOne(random, [Buffer.from([0xff]), Buffer.from([0x80]), Buffer.from([0xc0, 0x80]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xc3]), Buffer.from([0xf4, 0x90, 0x80, 0x80])]);
  // Inside a string value where there is one, so it survives JSON.parse as U+FFFD rather than a syntax error.
  const quote = text.indexOf('":"');
  const at = quote >= 0 ? Buffer.byteLength(text.slice(0, quote + 3)) : drawInt(random, bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]);
}

function preview(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : value === undefined ? "undefined" : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 60)}...(${text.length} chars)` : text;
}

/**
 * One request to `operation` of `api`: the valid input, or (mostly) that input mutated once, in its value,
 * its JSON text, its bytes, or its headers. `operation` may also be one of the API's unwritten operations.
 */
export function jsonFuzzRequest(api: FuzzedJsonApi, operation: string, random: SeededRandom, hints: Hints): FuzzRequest {
  const shape = api.inputs[operation];
  const valid = shape === undefined ? {} : validValue(shape, random, hints);
  let value: unknown = valid;
  let text: string | undefined;
  let body: Buffer | undefined;
  let target = `${api.targetPrefix}.${operation}`;
  let contentType = "application/x-amz-json-1.1";
  let method = "POST";
  let what = "valid";
  const places = placesIn(valid);
  const place = drawOne(random, places);
  const at = place.path.join(".") || "(body)";
  const kind = drawInt(random, 100);
  if (kind < 8) {
    // Unmutated: it must answer 200 or a service error that names what is wrong.
  } else if (kind < 18) {
    value = replaceAt(valid, place.path, DELETE);
    what = `${at} deleted`;
  } else if (kind < 33) {
    const replacement = drawOne(random, WRONG_TYPES);
    value = replaceAt(valid, place.path, replacement);
    what = `${at} -> ${preview(replacement)}`;
  } else if (kind < 43) {
    const numbers = places.filter((candidate) => typeof candidate.value === "number");
    const target = numbers.length > 0 ? drawOne(random, numbers) : place;
    const replacement = drawOne(random, ODD_NUMBERS);
    value = replaceAt(valid, target.path, replacement);
    what = `${target.path.join(".") || "(body)"} -> ${preview(replacement)}`;
  } else if (kind < 51) {
    const strings = places.filter((candidate) => typeof candidate.value === "string");
    const target = strings.length > 0 ? drawOne(random, strings) : place;
    const replacement = longString(random);
    value = replaceAt(valid, target.path, replacement);
    what = `${target.path.join(".") || "(body)"} -> ${preview(replacement)}`;
  } else if (kind < 57) {
    const blobs = places.filter((candidate) => /(^|\.)Data$/.test(candidate.path.join(".")));
    const target = blobs.length > 0 ? drawOne(random, blobs) : place;
    const replacement = drawOne(random, BAD_BASE64);
    value = replaceAt(valid, target.path, replacement);
    what = `${target.path.join(".") || "(body)"} -> invalid base64 ${preview(replacement)}`;
  } else if (kind < 62) {
    const objects = places.filter((candidate) => candidate.value !== null && typeof candidate.value === "object" && !Array.isArray(candidate.value));
    const target = drawOne(random, objects.length > 0 ? objects : [{ path: [], value: valid }]);
    const key = random.chance(0.5) ? drawOne(random, ODD_KEYS) : `Fuzz${drawInt(random, 1000)}`;
    const extra = drawOne(random, WRONG_TYPES);
    const object = { ...(target.value as Record<string, unknown>) };
    // Defined as an own property: `object[key] =` with "__proto__" would set the prototype, not a member.
    Object.defineProperty(object, key, { value: extra, enumerable: true, configurable: true, writable: true });
    value = replaceAt(valid, target.path, object);
    what = `${target.path.join(".") || "(body)"} gains member ${preview(key)}`;
  } else if (kind < 66) {
    value = replaceAt(valid, place.path, Array.from({ length: drawOne(random, [501, 5000]) }, () => (typeof place.value === "object" ? place.value : "x")));
    what = `${at} -> a list of thousands`;
  } else if (kind < 70) {
    text = JSON.stringify(valid);
    text = text.slice(0, drawInt(random, text.length));
    what = `truncated to ${text.length} characters`;
  } else if (kind < 73) {
    // Deep JSON where it is ignored (an unknown member), where it is the body, or where a constraint fails and the
    // error message describes the value: a list or map of many members, one of them deep.
    const nested = deepNesting(random);
    const where = drawInt(random, 3);
    if (where === 0) {
      text = nested.text;
    } else if (where === 1) {
      text = JSON.stringify(valid).replace(/^\{/, `{"Nested":${nested.text},`).replace(/,}$/, "}");
    } else {
      const count = drawOne(random, [0, 1, 51, 501, 10_001]);
      const many = Array.isArray(place.value) || place.value === null || typeof place.value !== "object"
        ? [...Array.from({ length: count }, () => "x"), DEEP_PLACEHOLDER]
        : Object.fromEntries([...Array.from({ length: count }, (_, index) => [`k${index}`, "v"]), ["deep", DEEP_PLACEHOLDER]]);
      text = JSON.stringify(replaceAt(valid, place.path, many)).replace(JSON.stringify(DEEP_PLACEHOLDER), nested.text);
    }
    what = `${where === 2 ? `${at} -> many members, one ` : where === 1 ? "an unknown member " : "the body "}nested ${nested.depth} deep`;
  } else if (kind < 76) {
    const keys = Object.keys(valid as object);
    const key = keys.length > 0 ? drawOne(random, keys) : "StreamName";
    text = JSON.stringify(valid).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(drawOne(random, WRONG_TYPES))},`).replace(/,}$/, "}");
    what = `duplicate key ${key}`;
  } else if (kind < 80) {
    body = withInvalidUtf8(JSON.stringify(valid), random);
    what = "invalid UTF-8 in the body";
  } else if (kind < 84) {
    text = drawOne(random, ["", "null", "[]", '"text"', "1", "true", "[{}]", "{", "}", "nul", "\ufeff{}", "{}}", "{} {}", "{'a':1}", '{"a":1,}', "{\u0000}", "\u0000"]);
    what = `body ${preview(text)}`;
  } else if (kind < 88) {
    body = drawBytes(random, drawInt(random, 200));
    what = "random bytes";
  } else if (kind < 93) {
    target = drawOne(random, TARGET_MUTATIONS)(api.targetPrefix, operation);
    what = `target ${preview(target)}`;
  } else if (kind < 97) {
    contentType = drawOne(random, CONTENT_TYPES);
    what = `content type ${preview(contentType)}`;
  } else {
    method = drawOne(random, ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]);
    what = `method ${method}`;
  }
  body ??= Buffer.from(text ?? JSON.stringify(value), "utf8");
  return {
    label: `${api.name} ${operation}: ${what}`,
    method,
    path: "/",
    headers: { "content-type": contentType, "x-amz-target": target },
    body,
  };
}
