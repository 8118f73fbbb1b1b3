import type { ExtendedS3DestinationConfiguration, Processor } from "@aws-sdk/client-firehose";
import type { AwsError } from "../../protocol/AwsError";
import { firehoseErrors } from "./firehoseErrors";
import { deliveryPrefixes, type DeliveryPrefixes } from "./objectKeys";
import { partitionKeysOf, PrefixError } from "./prefixExpressions";
import { queryObjectKeys } from "./queryObjectKeys";

/** AWS's defaults when BufferingHints is absent: 5 MiB or 300 seconds, whichever comes first. */
export const DEFAULT_SIZE_IN_MBS = 5;
export const DEFAULT_INTERVAL_IN_SECONDS = 300;
/** Lambda's default NumberOfRetries for a processor. */
const DEFAULT_LAMBDA_RETRIES = 3;

/** How one delivery stream delivers, derived from its destination configuration. */
export interface DeliverySettings {
  readonly bucket: string;
  readonly sizeBytes: number;
  readonly intervalMs: number;
  readonly compression: "UNCOMPRESSED" | "GZIP";
  /** Appended to every object key: `.gz` with GZIP unless FileExtension says otherwise. */
  readonly extension: string;
  /** AppendDelimiterToRecord: written after every record; absent means back to back. */
  readonly delimiter?: Uint8Array;
  /** A Lambda processor: the emulator runs no Lambda, so every record fails processing, as it would on AWS. */
  readonly lambda?: { readonly arn: string; readonly attempts: number };
  readonly prefixes: DeliveryPrefixes;
  /** Dynamic partitioning: the MetadataExtraction query and the keys Prefix uses. */
  readonly partitioning?: DynamicPartitioning;
}

export interface DynamicPartitioning {
  /** The jq query of the MetadataExtraction processor (inline parsing). */
  readonly query: string;
  /** The `!{partitionKeyFromQuery:key}` keys of Prefix, each extracted from every record. */
  readonly keys: readonly string[];
}

/** Firehose's active partitions per delivery stream by default (https://docs.aws.amazon.com/firehose/latest/dev/buffering.html). */
export const MAX_ACTIVE_PARTITIONS = 500;
/** The smallest SizeInMBs with dynamic partitioning. */
const DYNAMIC_PARTITIONING_MIN_SIZE_IN_MBS = 64;
/** SizeInMBs when BufferingHints is absent with dynamic partitioning: the aws-cdk's and the console's default. */
export const DYNAMIC_PARTITIONING_DEFAULT_SIZE_IN_MBS = 128;
/** Zero buffering (an interval under 60 seconds) is not available with dynamic partitioning. */
const DYNAMIC_PARTITIONING_MIN_INTERVAL_IN_SECONDS = 60;

/** The bucket's name from `arn:aws:s3:::name`. */
export function bucketName(bucketArn: string): string {
  return bucketArn.slice(bucketArn.indexOf(":::") + 3);
}

/** `\n`, `\t`, `\r`, `\\` as written in a Delimiter parameter (`"\\n"` in CloudFormation and the CLI). */
function unescapeDelimiter(value: string): string {
  return value.replace(/\\(.)/g, (_, char: string) => ({ n: "\n", t: "\t", r: "\r", "0": "\0" })[char] ?? char);
}

function parameter(processor: Processor, name: string): string | undefined {
  return processor.Parameters?.find((candidate) => candidate.ParameterName === name)?.ParameterValue;
}

interface Processors extends Pick<DeliverySettings, "delimiter" | "lambda"> {
  readonly metadataExtractionQuery?: string;
}

function processors(config: ExtendedS3DestinationConfiguration): Processors {
  const processing = config.ProcessingConfiguration;
  if (processing?.Enabled !== true) {
    return {};
  }
  let delimiter: Uint8Array | undefined;
  let lambda: DeliverySettings["lambda"];
  let metadataExtractionQuery: string | undefined;
  for (const processor of processing.Processors ?? []) {
    switch (processor.Type) {
      case "MetadataExtraction": {
        const query = parameter(processor, "MetadataExtractionQuery");
        const engine = parameter(processor, "JsonParsingEngine");
        if (query === undefined || query.trim() === "" || engine === undefined) {
          throw firehoseErrors.invalidArgument("MetadataExtractionQuery and JsonParsingEngine are required parameters of a MetadataExtraction processor.");
        }
        if (engine !== "JQ-1.6") {
          throw firehoseErrors.invalidArgument(`JsonParsingEngine ${engine} is invalid: the only engine is JQ-1.6.`);
        }
        if (config.DynamicPartitioningConfiguration?.Enabled !== true) {
          // AWS's message, as the aws-cdk records it (packages/aws-cdk-lib/aws-kinesisfirehose/lib/processors).
          throw firehoseErrors.invalidArgument("class com.amazonaws.services.firehose.internal.model.MetadataExtractionProcessor can only be present when Dynamic Partitioning is enabled.");
        }
        metadataExtractionQuery = query;
        break;
      }
      case "AppendDelimiterToRecord":
        delimiter = Buffer.from(unescapeDelimiter(parameter(processor, "Delimiter") ?? "\\n"), "utf8");
        break;
      case "Lambda": {
        const arn = parameter(processor, "LambdaArn");
        if (arn === undefined) {
          throw firehoseErrors.invalidArgument("LambdaArn is a required parameter of a Lambda processor.");
        }
        const retries = Number(parameter(processor, "NumberOfRetries") ?? DEFAULT_LAMBDA_RETRIES);
        if (!Number.isInteger(retries) || retries < 0 || retries > 300) {
          throw firehoseErrors.invalidArgument("NumberOfRetries of a Lambda processor must be an integer between 0 and 300.");
        }
        lambda = { arn, attempts: retries + 1 };
        break;
      }
      default:
        throw firehoseErrors.unsupported(`The ${String(processor.Type)} processor`);
    }
  }
  return {
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(lambda === undefined ? {} : { lambda }),
    ...(metadataExtractionQuery === undefined ? {} : { metadataExtractionQuery }),
  };
}

/**
 * Dynamic partitioning's cross-field rules; the query itself is compiled by the operation (jq loads lazily). The
 * buffering messages are AWS's, as the aws-cdk records them from CloudFormation (aws-kinesisfirehose/lib/common.ts).
 */
function dynamicPartitioning(config: ExtendedS3DestinationConfiguration, prefixes: DeliveryPrefixes, found: Processors): DynamicPartitioning | undefined {
  if (config.DynamicPartitioningConfiguration?.Enabled !== true) {
    return undefined;
  }
  const hints = config.BufferingHints;
  if (hints?.SizeInMBs !== undefined && hints.SizeInMBs < DYNAMIC_PARTITIONING_MIN_SIZE_IN_MBS) {
    throw firehoseErrors.invalidArgument(`BufferingHints.SizeInMBs must be at least ${DYNAMIC_PARTITIONING_MIN_SIZE_IN_MBS} when Dynamic Partitioning is enabled.`);
  }
  if (hints?.IntervalInSeconds !== undefined && hints.IntervalInSeconds < DYNAMIC_PARTITIONING_MIN_INTERVAL_IN_SECONDS) {
    throw firehoseErrors.invalidArgument(`BufferingHints.IntervalInSeconds must be at least ${DYNAMIC_PARTITIONING_MIN_INTERVAL_IN_SECONDS} seconds when Dynamic Partitioning is enabled.`);
  }
  const fromLambda = partitionKeysOf(prefixes.delivered, "lambda");
  if (fromLambda.length > 0) {
    throw firehoseErrors.invalidArgument(
      `Prefix uses !{partitionKeyFromLambda:${fromLambda[0]!}}, which needs a Lambda function to return partition keys: the gpu-stream emulator runs no Lambda functions. Use inline parsing (a MetadataExtraction processor and !{partitionKeyFromQuery:key}) instead.`,
    );
  }
  const keys = partitionKeysOf(prefixes.delivered, "query");
  if (found.metadataExtractionQuery === undefined) {
    throw firehoseErrors.invalidArgument(
      `Prefix uses !{partitionKeyFromQuery:${keys[0] ?? ""}}, which needs an enabled ProcessingConfiguration with a MetadataExtraction processor (MetadataExtractionQuery and JsonParsingEngine JQ-1.6).`,
    );
  }
  const queryKeys = queryObjectKeys(found.metadataExtractionQuery);
  if (queryKeys !== undefined) {
    if (queryKeys.some((key) => !keys.includes(key))) {
      // AWS's message, as the aws-cdk records it (aws-kinesisfirehose/lib/processors/metadata-extraction-processor.ts).
      throw firehoseErrors.invalidArgument("MetaDataExtraction JQ Query can't contain keys that are not present in the S3 Prefix expression");
    }
    const missing = keys.find((key) => !queryKeys.includes(key));
    if (missing !== undefined) {
      throw firehoseErrors.invalidArgument(`Prefix uses !{partitionKeyFromQuery:${missing}}, but the MetadataExtractionQuery does not build the key '${missing}'.`);
    }
  }
  return { query: found.metadataExtractionQuery, keys };
}

/**
 * Checks the cross-field rules of an S3 destination and derives how it delivers; throws InvalidArgumentException
 * for what AWS refuses and for what this emulator does not do (rather than silently ignoring it).
 */
export function deliverySettings(config: ExtendedS3DestinationConfiguration): DeliverySettings {
  const hints = config.BufferingHints ?? {};
  if ((hints.SizeInMBs === undefined) !== (hints.IntervalInSeconds === undefined)) {
    throw firehoseErrors.invalidArgument("BufferingHints: if you specify a value for one of SizeInMBs and IntervalInSeconds, you must also provide a value for the other.");
  }
  const compression = config.CompressionFormat ?? "UNCOMPRESSED";
  if (compression !== "UNCOMPRESSED" && compression !== "GZIP") {
    throw firehoseErrors.unsupported(`CompressionFormat ${compression}`);
  }
  if (config.DataFormatConversionConfiguration !== undefined && config.DataFormatConversionConfiguration.Enabled !== false) {
    throw firehoseErrors.unsupported("Record format conversion (DataFormatConversionConfiguration)");
  }
  if (config.S3BackupMode === "Enabled") {
    throw firehoseErrors.unsupported("Source record backup (S3BackupMode Enabled)");
  }
  if (config.CustomTimeZone !== undefined && config.CustomTimeZone !== "" && config.CustomTimeZone !== "UTC") {
    throw firehoseErrors.unsupported(`CustomTimeZone ${config.CustomTimeZone} (keys are in UTC)`);
  }
  const partitioned = config.DynamicPartitioningConfiguration?.Enabled === true;
  let prefixes: DeliveryPrefixes;
  try {
    prefixes = deliveryPrefixes(config.Prefix, config.ErrorOutputPrefix, partitioned);
  } catch (error) {
    throw error instanceof PrefixError ? firehoseErrors.invalidArgument(error.message) : (error as AwsError);
  }
  const { metadataExtractionQuery, ...found } = processors(config);
  const partitioning = dynamicPartitioning(config, prefixes, { ...found, ...(metadataExtractionQuery === undefined ? {} : { metadataExtractionQuery }) });
  return {
    bucket: bucketName(config.BucketARN!),
    sizeBytes: (hints.SizeInMBs ?? (partitioned ? DYNAMIC_PARTITIONING_DEFAULT_SIZE_IN_MBS : DEFAULT_SIZE_IN_MBS)) * 1024 * 1024,
    intervalMs: (hints.IntervalInSeconds ?? DEFAULT_INTERVAL_IN_SECONDS) * 1000,
    compression,
    extension: config.FileExtension !== undefined && config.FileExtension !== "" ? config.FileExtension : compression === "GZIP" ? ".gz" : "",
    ...found,
    prefixes,
    ...(partitioning === undefined ? {} : { partitioning }),
  };
}
