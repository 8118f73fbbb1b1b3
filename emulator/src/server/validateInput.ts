import { AwsError } from "../protocol/AwsError";
import { coralBase64Message, decodeCanonicalBase64, coralMemberConstraints, coralTypeMessage, coralValueText, coralWholeNumber } from "./coralWording";
import type { Shape, StringShape, StructureShape } from "./shapes";

/**
 * How a service words input it refuses: `plain` (this emulator's own descriptive wording, and stricter: a fraction
 * where a whole number belongs is refused), or `coral` (AWS's Java framework behind Kinesis, word for word: see
 * coralWording.ts).
 */
export type InputWording = "plain" | "coral";

/** Coral lists at most this many problems, and counts only those it lists (kinesalite test/putRecords.js "too many records"). */
const CORAL_MAX_PROBLEMS = 10;

/** AWS names members in validation messages in lower camel case, lists by 1-based index: `records.1.member.data`. */
function memberPath(parent: string, name: string): string {
  return parent === "" ? name : `${parent}.${name}`;
}

interface MemberCheck {
  readonly member: string;
  /** The member as validation messages name it, in lower camel case. */
  readonly name: string;
  readonly shape: Shape;
  readonly required: boolean;
}

const memberChecks = new WeakMap<StructureShape, readonly MemberCheck[]>();

/** A structure's members as validation walks them, worked out once per shape: PutRecords walks 500 records a request. */
function membersOf(shape: StructureShape): readonly MemberCheck[] {
  let checks = memberChecks.get(shape);
  if (checks === undefined) {
    checks = Object.entries(shape.members).map(([member, memberShape]) => ({
      member,
      name: member.charAt(0).toLowerCase() + member.slice(1),
      shape: memberShape,
      required: shape.required?.includes(member) ?? false,
    }));
    memberChecks.set(shape, checks);
  }
  return checks;
}

/**
 * Lists nested deeper than this are described as `[...]`. V8's JSON.parse is iterative and takes a body nested a
 * million deep; JSON.stringify and this recursion are not (RangeError: Maximum call stack size exceeded).
 */
const MAX_DESCRIBED_DEPTH = 32;

/** An object as JSON, or `{...}` when it nests too deep for JSON.stringify (a RangeError, not our failure). */
function describeObject(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return "{...}";
  }
}

/** How AWS (Java, Coral) prints a value in a validation message. */
function describeValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined) {
    return "null";
  }
  if (value instanceof Uint8Array) {
    return `'java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]'`;
  }
  if (Array.isArray(value)) {
    return depth >= MAX_DESCRIBED_DEPTH ? "[...]" : `[${value.map((member) => describeValue(member, depth + 1)).join(", ")}]`;
  }
  return `'${typeof value === "object" ? describeObject(value) : String(value)}'`;
}

function serializationError(path: string, expected: string, value: unknown): AwsError {
  const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
  return new AwsError("SerializationException", `Unexpected value at '${path}': expected ${expected}, got ${got}`);
}

const compiledPatterns = new WeakMap<StringShape, RegExp>();

function patternOf(shape: StringShape): RegExp {
  let pattern = compiledPatterns.get(shape);
  if (pattern === undefined) {
    pattern = new RegExp(`^(?:${shape.pattern})$`, "u");
    compiledPatterns.set(shape, pattern);
  }
  return pattern;
}


/** Coral's SerializationException carries its text as `Message` (kinesalite test/helpers.js assertSerialization). */
function coralSerializationError(message: string): AwsError {
  return new AwsError("SerializationException", message, 400, {}, "Message");
}

class Validation {
  readonly problems: string[] = [];

  constructor(private readonly wording: InputWording) {}

  private get coral(): boolean {
    return this.wording === "coral";
  }

  fail(value: unknown, path: string, constraint: string): void {
    this.failWith(value, path, `Member must ${constraint}`);
  }

  /** One problem, worded in full after "failed to satisfy constraint: ". */
  failWith(value: unknown, path: string, constraint: string): void {
    if (this.coral && this.problems.length >= CORAL_MAX_PROBLEMS) {
      return;
    }
    const described = !this.coral || value === null || value === undefined ? describeValue(value) : `'${coralValueText(value)}'`;
    this.problems.push(`Value ${described} at '${path}' failed to satisfy constraint: ${constraint}`);
  }

  /** Whether a string meets its shape, without recording anything (Coral reports list members and map entries as a whole). */
  private stringFits(shape: StringShape, value: string): boolean {
    return (
      (shape.min === undefined || value.length >= shape.min) &&
      (shape.max === undefined || value.length <= shape.max) &&
      (shape.pattern === undefined || patternOf(shape).test(value)) &&
      (shape.enum === undefined || shape.enum.includes(value))
    );
  }

  length(value: unknown, length: number, path: string, shape: { min?: number; max?: number }): void {
    if (shape.min !== undefined && length < shape.min) {
      this.fail(value, path, `have length greater than or equal to ${shape.min}`);
    }
    if (shape.max !== undefined && length > shape.max) {
      this.fail(value, path, `have length less than or equal to ${shape.max}`);
    }
  }

  /** Checks and decodes one value; undefined and null pass here (required-ness is the parent's check). */
  value(shape: Shape, value: unknown, path: string): unknown {
    if (value === undefined || value === null) {
      return undefined;
    }
    if (this.coral) {
      const message = coralTypeMessage(shape, value);
      if (message !== undefined) {
        throw coralSerializationError(message);
      }
    }
    switch (shape.type) {
      case "string": {
        if (typeof value !== "string") {
          throw serializationError(path, "a string", value);
        }
        // AWS's services are Java: a string's length is its count of UTF-16 code units, as in JavaScript.
        this.length(value, value.length, path, shape);
        if (shape.pattern !== undefined && !patternOf(shape).test(value)) {
          this.fail(value, path, `satisfy regular expression pattern: ${shape.pattern}`);
        }
        if (shape.enum !== undefined && !shape.enum.includes(value)) {
          this.fail(value, path, `satisfy enum value set: [${shape.enum.join(", ")}]`);
        }
        return value;
      }
      case "integer":
      case "long":
      case "double": {
        // Coral truncates a fraction and caps an Integer at 2^31-1 (kinesalite test/createStream.js "long StreamName":
        // ShardCount 100000000000 is reported as '2147483647'). The plain wording is stricter: a fraction is a
        // SerializationException, and a huge whole number meets the member's range.
        if (this.coral && shape.type !== "double" && typeof value === "number") {
          value = coralWholeNumber(value, shape.type);
        }
        if (typeof value !== "number" || !Number.isFinite(value) || (shape.type !== "double" && !Number.isInteger(value))) {
          throw serializationError(path, shape.type === "double" ? "a number" : "a whole number", value);
        }
        if (shape.min !== undefined && value < shape.min) {
          this.fail(value, path, `have value greater than or equal to ${shape.min}`);
        }
        if (shape.max !== undefined && value > shape.max) {
          this.fail(value, path, `have value less than or equal to ${shape.max}`);
        }
        return value;
      }
      case "boolean":
        if (typeof value !== "boolean") {
          throw serializationError(path, "a boolean", value);
        }
        return value;
      case "blob": {
        const decoded = typeof value === "string" ? decodeCanonicalBase64(value) : undefined;
        if (decoded === undefined) {
          // Coral's type check above has refused anything but a string.
          throw this.coral ? coralSerializationError(coralBase64Message(value as string)!) : new AwsError("SerializationException", `Value at '${path}' is not valid base64`);
        }
        const bytes = new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.length);
        this.length(bytes, bytes.length, path, shape);
        return bytes;
      }
      case "timestamp": {
        const date = typeof value === "number" ? new Date(value * 1000) : typeof value === "string" ? new Date(value) : undefined;
        if (date === undefined || Number.isNaN(date.getTime())) {
          throw serializationError(path, "a timestamp (epoch seconds)", value);
        }
        return date;
      }
      case "list": {
        if (!Array.isArray(value)) {
          throw serializationError(path, "a list", value);
        }
        this.length(value, value.length, path, shape);
        if (this.coral && shape.member.type === "string") {
          return this.coralStringList(shape.member, value, path);
        }
        return value.map((member, index) => {
          const memberPath = `${path}.${index + 1}.member`;
          // A handler never sees a hole in a list: a null member is refused as a null required member is.
          if (member === null || member === undefined) {
            this.fail(null, memberPath, "not be null");
          }
          return this.value(shape.member, member, memberPath);
        });
      }
      case "map": {
        if (typeof value !== "object" || Array.isArray(value)) {
          throw serializationError(path, "a map", value);
        }
        const entries = Object.entries(value as Record<string, unknown>);
        this.length(value, entries.length, path, shape);
        if (this.coral && shape.value.type === "string") {
          return this.coralStringMap(shape.key, shape.value, value as Record<string, unknown>, path);
        }
        return Object.fromEntries(entries.map(([key, member]) => [this.value(shape.key, key, `${path}.key`), this.value(shape.value, member, `${path}.${key}.value`)]));
      }
      case "structure":
        return this.structure(shape, value, path);
    }
  }

  /** A string member's type, its constraints left to the caller. */
  private coralStringOnly(shape: StringShape, value: unknown): string | undefined {
    if (value === null || value === undefined) {
      return undefined;
    }
    const message = coralTypeMessage(shape, value);
    if (message !== undefined) {
      throw coralSerializationError(message);
    }
    return value as string;
  }

  /** Coral checks a list's string members as one constraint on the list: "Member must satisfy constraint: [...]". */
  private coralStringList(member: StringShape, values: unknown[], path: string): string[] {
    // A null member is left out, as a null map value is.
    const strings = values.map((item) => this.coralStringOnly(member, item)).filter((item) => item !== undefined);
    if (strings.some((item) => !this.stringFits(member, item))) {
      this.failWith(strings, path, `Member must satisfy constraint: ${coralMemberConstraints(member)}`);
    }
    return strings;
  }

  /** Coral checks a string map's keys, then its values, each as one constraint on the map (test/addTagsToStream.js). */
  private coralStringMap(key: StringShape, value: StringShape, map: Record<string, unknown>, path: string): Record<string, string> {
    const entries: [string, string][] = [];
    for (const [entryKey, entryValue] of Object.entries(map)) {
      const text = this.coralStringOnly(value, entryValue);
      // A null value leaves its entry out, as an absent member is left out.
      if (text !== undefined) {
        entries.push([entryKey, text]);
      }
    }
    // fromEntries defines own members: a key `__proto__` stays a key (an assignment would set the prototype).
    const decoded: Record<string, string> = Object.fromEntries(entries);
    if (Object.keys(decoded).some((entryKey) => !this.stringFits(key, entryKey))) {
      this.failWith(decoded, path, `Map keys must satisfy constraint: ${coralMemberConstraints(key)}`);
    }
    if (Object.values(decoded).some((entryValue) => !this.stringFits(value, entryValue))) {
      this.failWith(decoded, path, `Map value must satisfy constraint: ${coralMemberConstraints(value)}`);
    }
    return decoded;
  }

  structure(shape: StructureShape, value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw serializationError(path === "" ? "body" : path, "an object", value);
    }
    const input = value as Record<string, unknown>;
    const decoded: Record<string, unknown> = {};
    for (const check of membersOf(shape)) {
      const memberValue = input[check.member];
      if (memberValue === undefined || memberValue === null) {
        if (check.required) {
          this.fail(null, memberPath(path, check.name), "not be null");
        }
        continue;
      }
      const result = this.value(check.shape, memberValue, memberPath(path, check.name));
      if (result !== undefined) {
        decoded[check.member] = result;
      }
    }
    return decoded;
  }
}

/**
 * Validates a decoded JSON body against its shape. Wrong types throw SerializationException at once (as AWS
 * does); constraint violations are collected and thrown together as one ValidationException worded as AWS
 * words it: "2 validation errors detected: Value '...' at 'streamName' failed to satisfy constraint: ...".
 * Unknown members are ignored, as AWS ignores them.
 */
export function validateInput<T>(shape: StructureShape, body: unknown, errorCode = "ValidationException", wording: InputWording = "plain"): T {
  const validation = new Validation(wording);
  const decoded = validation.structure(shape, body, "");
  const count = validation.problems.length;
  if (count > 0) {
    throw new AwsError(errorCode, `${count} validation error${count === 1 ? "" : "s"} detected: ${validation.problems.join("; ")}`);
  }
  return decoded as T;
}
