import { randomBytes } from "node:crypto";
import { formatJavaDateTime, parseJavaDateTimeFormat, type DateTimeToken } from "./javaDateTimeFormat";

export type PrefixPart =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "timestamp"; readonly tokens: readonly DateTimeToken[] }
  | { readonly kind: "random-string" }
  | { readonly kind: "error-output-type" }
  /** Dynamic partitioning: a key from the MetadataExtraction query, or from a Lambda's partitionKeys. */
  | { readonly kind: "partition-key"; readonly source: "query" | "lambda"; readonly key: string };

/** A Prefix or ErrorOutputPrefix, parsed once when the delivery stream is created. */
export interface PrefixTemplate {
  readonly parts: readonly PrefixPart[];
}

export interface PrefixValues {
  /** The approximate arrival time of the oldest record in the object, epoch milliseconds. */
  readonly timeMs: number;
  /** `processing-failed`, ...; only ErrorOutputPrefix may use it. */
  readonly errorOutputType?: string;
  /** Each `!{firehose:random-string}` is a new one (AWS: 11 characters). */
  readonly randomString?: () => string;
  /** Dynamic partitioning: the record's partition keys; only Prefix may use them. */
  readonly partitionKeys?: Readonly<Record<string, string>>;
}

const EXPRESSION = /!\{([^:}]*):([^}]*)\}/g;

/** Thrown for a prefix AWS refuses; the operation turns it into InvalidArgumentException. */
export class PrefixError extends Error {
  override readonly name = "PrefixError";
}

/**
 * Parses `!{namespace:value}` expressions as Firehose documents them: `timestamp` with a Java DateTimeFormatter
 * pattern, `firehose:random-string`, `firehose:error-output-type`. Anything else that starts with `!{` is refused:
 * "The sequence `!{` can only appear in `!{namespace:value}` expressions".
 * https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html
 */
export function parsePrefix(prefix: string, field: "Prefix" | "ErrorOutputPrefix"): PrefixTemplate {
  const parts: PrefixPart[] = [];
  let last = 0;
  const literal = (text: string): void => {
    if (text.includes("!{")) {
      throw new PrefixError(`${field} '${prefix}' is invalid: the sequence '!{' can only appear in !{namespace:value} expressions.`);
    }
    if (text !== "") {
      parts.push({ kind: "literal", text });
    }
  };
  for (const match of prefix.matchAll(EXPRESSION)) {
    const index = match.index ?? 0;
    literal(prefix.slice(last, index));
    last = index + match[0].length;
    const [expression, namespace, value] = match as unknown as [string, string, string];
    if (namespace === "timestamp") {
      const tokens = parseJavaDateTimeFormat(value);
      if (typeof tokens === "string") {
        throw new PrefixError(`${field} '${prefix}' is invalid: ${expression} is not a valid timestamp expression (${tokens}).`);
      }
      parts.push({ kind: "timestamp", tokens });
    } else if (namespace === "firehose" && (value === "random-string" || value === "error-output-type")) {
      parts.push({ kind: value });
    } else if (namespace === "partitionKeyFromQuery" || namespace === "partitionKeyFromLambda") {
      if (value === "") {
        throw new PrefixError(`${field} '${prefix}' is invalid: ${expression} must name a partition key.`);
      }
      parts.push({ kind: "partition-key", source: namespace === "partitionKeyFromQuery" ? "query" : "lambda", key: value });
    } else {
      throw new PrefixError(`${field} '${prefix}' is invalid: unknown expression ${expression}.`);
    }
  }
  literal(prefix.slice(last));
  return { parts };
}

export function hasExpressions(template: PrefixTemplate): boolean {
  return template.parts.some((part) => part.kind !== "literal");
}

/** The partition keys a prefix uses, by where they come from. */
export function partitionKeysOf(template: PrefixTemplate, source: "query" | "lambda"): string[] {
  return template.parts.flatMap((part) => (part.kind === "partition-key" && part.source === source ? [part.key] : []));
}

export function usesExpression(template: PrefixTemplate, kind: PrefixPart["kind"]): boolean {
  return template.parts.some((part) => part.kind === kind);
}

/** 11 random characters, as `!{firehose:random-string}` gives. */
export function randomPrefixString(): string {
  return randomBytes(6).toString("hex").slice(0, 11);
}

export function evaluatePrefix(template: PrefixTemplate, values: PrefixValues): string {
  return template.parts
    .map((part) => {
      switch (part.kind) {
        case "literal":
          return part.text;
        case "timestamp":
          return formatJavaDateTime(part.tokens, values.timeMs);
        case "random-string":
          return (values.randomString ?? randomPrefixString)();
        case "error-output-type":
          if (values.errorOutputType === undefined) {
            throw new Error("error-output-type evaluated without an error");
          }
          return values.errorOutputType;
        case "partition-key": {
          const value = values.partitionKeys?.[part.key];
          if (value === undefined) {
            throw new Error(`partition key ${part.key} evaluated without a value`);
          }
          return value;
        }
      }
    })
    .join("");
}
