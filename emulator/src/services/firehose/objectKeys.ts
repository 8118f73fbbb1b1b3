import { formatJavaDateTime, parseJavaDateTimeFormat, type DateTimeToken } from "./javaDateTimeFormat";
import { evaluatePrefix, hasExpressions, parsePrefix, partitionKeysOf, PrefixError, usesExpression, type PrefixTemplate } from "./prefixExpressions";

/** Where delivered and failed objects go, after Firehose's rules for custom prefixes. */
export interface DeliveryPrefixes {
  readonly delivered: PrefixTemplate;
  readonly failed: PrefixTemplate;
}

export interface ObjectName {
  readonly deliveryStreamName: string;
  readonly versionId: string;
  /** Approximate arrival time of the oldest record in the object, epoch milliseconds. */
  readonly firstArrivalMs: number;
  readonly uuid: string;
  /** `.gz` with GZIP, or the destination's FileExtension; empty for none. */
  readonly extension: string;
}

const DEFAULT_TIME_PREFIX: PrefixTemplate = { parts: [{ kind: "timestamp", tokens: parseJavaDateTimeFormat("yyyy/MM/dd/HH/") as DateTimeToken[] }] };
const SUFFIX_TIME = parseJavaDateTimeFormat("yyyy-MM-dd-HH-mm-ss") as DateTimeToken[];
/** Evaluated prefixes longer than this are refused (AWS's rule). */
export const MAX_EVALUATED_PREFIX_LENGTH = 512;

const literal = (text: string): PrefixTemplate => ({ parts: text === "" ? [] : [{ kind: "literal", text }] });
const join = (...templates: PrefixTemplate[]): PrefixTemplate => ({ parts: templates.flatMap((template) => template.parts) });

/**
 * Applies the semantic rules of https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html#prefix-rules:
 * - a Prefix without a timestamp expression gets `!{timestamp:yyyy/MM/dd/HH/}` appended (so no Prefix at all
 *   gives the classic `YYYY/MM/DD/HH/`);
 * - Prefix can't contain `!{firehose:error-output-type}`;
 * - ErrorOutputPrefix can be empty only if Prefix has no expressions; failed records then go to
 *   `<Prefix><error-output-type>/YYYY/MM/DD/HH/`;
 * - an ErrorOutputPrefix with expressions must use `!{firehose:error-output-type}`. One without expressions
 *   gets `<error-output-type>/YYYY/MM/DD/HH/` appended, as an empty one does.
 * With dynamic partitioning (https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-s3bucketprefix.html):
 * - ErrorOutputPrefix is required, and Prefix must use a partition key (`!{partitionKeyFromQuery:key}` or
 *   `!{partitionKeyFromLambda:key}`); no default timestamp is appended, Prefix is used as written;
 * - without it, partition keys are refused; ErrorOutputPrefix never takes them.
 * The messages in quotes are AWS's, as the aws-cdk's kinesisfirehose module records them from CloudFormation.
 * Throws PrefixError for what AWS refuses.
 */
export function deliveryPrefixes(prefix = "", errorOutputPrefix = "", dynamicPartitioning = false): DeliveryPrefixes {
  const delivered = parsePrefix(prefix, "Prefix");
  const failed = parsePrefix(errorOutputPrefix, "ErrorOutputPrefix");
  if (usesExpression(failed, "partition-key")) {
    throw new PrefixError(`ErrorOutputPrefix '${errorOutputPrefix}' is invalid: partitionKeyFromQuery and partitionKeyFromLambda expressions can only be used in Prefix.`);
  }
  if (!dynamicPartitioning && usesExpression(delivered, "partition-key")) {
    throw new PrefixError("Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is enabled.");
  }
  if (dynamicPartitioning && errorOutputPrefix === "") {
    throw new PrefixError("ErrorOutputPrefix is required when dynamic partitioning is enabled.");
  }
  if (dynamicPartitioning && !usesExpression(delivered, "partition-key")) {
    throw new PrefixError("S3 Prefix should contain Dynamic Partitioning namespaces when Dynamic Partitioning is enabled");
  }
  if (usesExpression(delivered, "error-output-type")) {
    throw new PrefixError(`Prefix '${prefix}' is invalid: !{firehose:error-output-type} can only be used in ErrorOutputPrefix.`);
  }
  if (hasExpressions(delivered) && errorOutputPrefix === "") {
    throw new PrefixError("ErrorOutputPrefix can't be null or empty when Prefix contains expressions.");
  }
  if (hasExpressions(failed) && !usesExpression(failed, "error-output-type")) {
    throw new PrefixError(`ErrorOutputPrefix '${errorOutputPrefix}' is invalid: an ErrorOutputPrefix with expressions must contain !{firehose:error-output-type}.`);
  }
  const prefixes: DeliveryPrefixes = {
    delivered: dynamicPartitioning || usesExpression(delivered, "timestamp") ? delivered : join(delivered, DEFAULT_TIME_PREFIX),
    failed: hasExpressions(failed)
      ? failed
      : join(literal(errorOutputPrefix === "" ? prefix : errorOutputPrefix), { parts: [{ kind: "error-output-type" }] }, literal("/"), DEFAULT_TIME_PREFIX),
  };
  // Every part but random-string has a fixed width, and random-string is always 11 characters.
  // Partition keys are only known per record: an evaluated Prefix too long for them fails those records.
  const partitionKeys = Object.fromEntries([...partitionKeysOf(delivered, "query"), ...partitionKeysOf(delivered, "lambda")].map((key) => [key, ""]));
  const sample = { timeMs: Date.UTC(2000, 11, 31, 23, 59, 59, 999), errorOutputType: "format-conversion-failed", randomString: () => "x".repeat(11), partitionKeys };
  for (const [field, template] of [["Prefix", prefixes.delivered], ["ErrorOutputPrefix", prefixes.failed]] as const) {
    if (evaluatePrefix(template, sample).length > MAX_EVALUATED_PREFIX_LENGTH) {
      throw new PrefixError(`${field} is invalid: it can't be longer than ${MAX_EVALUATED_PREFIX_LENGTH} characters after it is evaluated.`);
    }
  }
  return prefixes;
}

/** `<DeliveryStreamName>-<DeliveryStreamVersion>-YYYY-MM-DD-HH-MM-SS-<uuid><extension>`, in UTC. */
export function objectSuffix(name: ObjectName): string {
  return `${name.deliveryStreamName}-${name.versionId}-${formatJavaDateTime(SUFFIX_TIME, name.firstArrivalMs)}-${name.uuid}${name.extension}`;
}

/** The full key of an object: the evaluated prefix, then the suffix Firehose always adds. */
export function objectKey(
  template: PrefixTemplate,
  name: ObjectName,
  options: { errorOutputType?: string; randomString?: () => string; partitionKeys?: Readonly<Record<string, string>> } = {},
): string {
  return evaluatePrefix(template, { timeMs: name.firstArrivalMs, ...options }) + objectSuffix(name);
}
