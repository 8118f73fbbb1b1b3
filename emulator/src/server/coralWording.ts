import type { Shape, StringShape } from "./shapes";

/**
 * How Coral, the Java framework behind Kinesis's JSON endpoint, words input it cannot read, as recorded by
 * kinesalite's suite against production Kinesis (test/helpers.js, assertType and assertValidation). A table of
 * texts, looked up by the JSON value's kind and the shape's type; validateInput applies it where a service asks.
 */
type JsonKind = "boolean" | "number" | "string" | "list" | "object";

const START_OF_LIST = "Start of list found where not expected";
const START_OF_STRUCTURE = "Start of structure or map found where not expected.";

/** The Java class Coral reads each JSON scalar into. */
const JAVA_CLASS: Readonly<Record<"boolean" | "number" | "string", string>> = {
  boolean: "class java.lang.Boolean",
  number: "class com.amazon.coral.value.json.numbers.TruncatingBigNumber",
  string: "class java.lang.String",
};

/** What Coral says it could not convert into, article included (sic: "an String", "an Integer"). */
const TARGET: Readonly<Record<string, string>> = {
  string: "an String",
  integer: "an Integer",
  long: "an Long",
  double: "an Double",
  boolean: "an Boolean",
  blob: "a Blob",
  timestamp: "milliseconds since epoch",
};

function kindOf(value: unknown): JsonKind {
  if (Array.isArray(value)) {
    return "list";
  }
  return typeof value === "object" ? "object" : (typeof value as "boolean" | "number" | "string");
}

/** Which JSON kinds each shape type reads without complaint (before its own checks, e.g. base64). */
const ACCEPTS: Readonly<Record<Shape["type"], readonly JsonKind[]>> = {
  string: ["string"],
  integer: ["number"],
  long: ["number"],
  double: ["number"],
  boolean: ["boolean"],
  blob: ["string"],
  timestamp: ["number"],
  list: ["list"],
  map: ["object"],
  structure: ["object"],
};

/** Coral's SerializationException text for a value of the wrong JSON kind, or undefined when the kind is right. */
export function coralTypeMessage(shape: Shape, value: unknown): string | undefined {
  const kind = kindOf(value);
  if (ACCEPTS[shape.type].includes(kind)) {
    return undefined;
  }
  switch (shape.type) {
    case "list":
      return kind === "object" ? START_OF_STRUCTURE : "Expected list or null";
    case "map":
      return kind === "list" ? START_OF_LIST : "Expected map or null";
    case "structure":
      return kind === "list" ? START_OF_LIST : "Expected null";
  }
  if (kind === "list") {
    return START_OF_LIST;
  }
  if (kind === "object") {
    return START_OF_STRUCTURE;
  }
  if (shape.type === "boolean" && kind === "string") {
    // Coral upper-cases the text it failed to read as a boolean (kinesalite validations/index.js, from AWS's answers).
    return `'${(value as string).toUpperCase()}' can not be converted to an Boolean`;
  }
  return `${JAVA_CLASS[kind]} can not be converted to ${TARGET[shape.type]}`;
}

const BASE64_CHARACTER = /[A-Za-z0-9+/=]/;

/**
 * The bytes of `text` when it is base64 in the one form that decodes and encodes back to itself (groups of four,
 * the last padded with `=`, no bit set that the padding drops: `+/+=` would decode with one bit lost), else
 * undefined. Node's decoder skips what is not base64 and reads base64url (Buffer docs, "Buffers and character
 * encodings"), so the text is compared with the bytes' encoding. Every record's Data comes through here: a decode
 * it needs anyway, one native encode and a string comparison, half the time of a regular expression over the text.
 */
export function decodeCanonicalBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : undefined;
}

/** Coral's complaint about a blob's base64 text (helpers.js assertType 'Blob'), or undefined when it decodes. */
export function coralBase64Message(text: string): string | undefined {
  if (decodeCanonicalBase64(text) !== undefined) {
    return undefined;
  }
  const cannot = `'${text}' can not be converted to a Blob: `;
  if (text.length % 4 !== 0) {
    return `${cannot}Base64 encoded length is expected a multiple of 4 bytes but found: ${text.length}`;
  }
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    const padBeforeData = character === "=" && index + 1 < text.length && text[index + 1] !== "=";
    if (!BASE64_CHARACTER.test(character) || padBeforeData) {
      return `${cannot}Invalid Base64 character: '${character}'`;
    }
  }
  // Whole groups of base64 characters that still do not encode back: bits set that the padding drops (`+/+=`).
  return `${cannot}Invalid last non-pad Base64 character dectected`;
}

/** Coral reads a JSON number as a TruncatingBigNumber: fractions are dropped and an Integer saturates at 32 bits. */
export function coralWholeNumber(value: number, type: "integer" | "long"): number {
  const whole = Math.trunc(value);
  return type === "integer" ? Math.min(2 ** 31 - 1, Math.max(-(2 ** 31), whole)) : whole;
}

/** A value as Java's toString prints it inside a validation message: lists `[a, b]`, maps `{a=1, b=2}`. */
export function coralValueText(value: unknown): string {
  if (value instanceof Uint8Array) {
    return `java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]`;
  }
  if (Array.isArray(value)) {
    return `[${value.map(coralValueText).join(", ")}]`;
  }
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value).map(([key, member]) => `${key}=${coralValueText(member)}`).join(", ")}}`;
  }
  return String(value);
}

/**
 * The constraints of a list member or map key/value, listed as Coral lists them when one of them fails:
 * `[Member must have length less than or equal to 128, Member must have length greater than or equal to 1]`
 * (kinesalite test/removeTagsFromStream.js "long TagKey", test/addTagsToStream.js "long tag key").
 */
export function coralMemberConstraints(shape: StringShape): string {
  const constraints: string[] = [];
  if (shape.max !== undefined) {
    constraints.push(`Member must have length less than or equal to ${shape.max}`);
  }
  if (shape.min !== undefined) {
    constraints.push(`Member must have length greater than or equal to ${shape.min}`);
  }
  if (shape.pattern !== undefined) {
    constraints.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  }
  if (shape.enum !== undefined) {
    constraints.push(`Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
  }
  return `[${constraints.join(", ")}]`;
}
