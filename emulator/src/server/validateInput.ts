import { AwsError } from "./AwsError";
import type { Shape, StringShape, StructureShape } from "./shapes";

/** AWS names members in validation messages in lower camel case, lists by 1-based index: `records.1.member.data`. */
function memberPath(parent: string, member: string): string {
  const name = member.charAt(0).toLowerCase() + member.slice(1);
  return parent === "" ? name : `${parent}.${name}`;
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

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

class Validation {
  readonly problems: string[] = [];

  fail(value: unknown, path: string, constraint: string): void {
    this.problems.push(`Value ${describeValue(value)} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
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
        // Stricter than AWS: Coral floors a fraction and caps an Integer at 2^31-1 (kinesalite validations/index.js
        // does the same); here a fraction is a SerializationException, and a huge whole number meets the member's range.
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
        if (typeof value !== "string" || !BASE64.test(value)) {
          throw new AwsError("SerializationException", `Value at '${path}' is not valid base64`);
        }
        const decoded = Buffer.from(value, "base64");
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
        return Object.fromEntries(entries.map(([key, member]) => [this.value(shape.key, key, `${path}.key`), this.value(shape.value, member, `${path}.${key}.value`)]));
      }
      case "structure":
        return this.structure(shape, value, path);
    }
  }

  structure(shape: StructureShape, value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw serializationError(path === "" ? "body" : path, "an object", value);
    }
    const input = value as Record<string, unknown>;
    const decoded: Record<string, unknown> = {};
    for (const [member, memberShape] of Object.entries(shape.members)) {
      const memberValue = input[member];
      const memberAt = memberPath(path, member);
      if ((memberValue === undefined || memberValue === null) && shape.required?.includes(member)) {
        this.fail(null, memberAt, "not be null");
        continue;
      }
      const result = this.value(memberShape, memberValue, memberAt);
      if (result !== undefined) {
        decoded[member] = result;
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
export function validateInput<T>(shape: StructureShape, body: unknown, errorCode = "ValidationException"): T {
  const validation = new Validation();
  const decoded = validation.structure(shape, body, "");
  const count = validation.problems.length;
  if (count > 0) {
    throw new AwsError(errorCode, `${count} validation error${count === 1 ? "" : "s"} detected: ${validation.problems.join("; ")}`);
  }
  return decoded as T;
}
