import type { ExtendedS3DestinationConfiguration, Processor } from "@aws-sdk/client-firehose";
import type { AwsError } from "../../protocol/AwsError";
import { firehoseErrors } from "./firehoseErrors";
import { deliveryPrefixes, type DeliveryPrefixes } from "./objectKeys";
import { PrefixError } from "./prefixExpressions";

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
}

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

function processors(config: ExtendedS3DestinationConfiguration): Pick<DeliverySettings, "delimiter" | "lambda"> {
  const processing = config.ProcessingConfiguration;
  if (processing?.Enabled !== true) {
    return {};
  }
  let delimiter: Uint8Array | undefined;
  let lambda: DeliverySettings["lambda"];
  for (const processor of processing.Processors ?? []) {
    switch (processor.Type) {
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
  return { ...(delimiter === undefined ? {} : { delimiter }), ...(lambda === undefined ? {} : { lambda }) };
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
  if (config.DynamicPartitioningConfiguration?.Enabled === true) {
    throw firehoseErrors.unsupported("Dynamic partitioning");
  }
  if (config.S3BackupMode === "Enabled") {
    throw firehoseErrors.unsupported("Source record backup (S3BackupMode Enabled)");
  }
  if (config.CustomTimeZone !== undefined && config.CustomTimeZone !== "" && config.CustomTimeZone !== "UTC") {
    throw firehoseErrors.unsupported(`CustomTimeZone ${config.CustomTimeZone} (keys are in UTC)`);
  }
  let prefixes: DeliveryPrefixes;
  try {
    prefixes = deliveryPrefixes(config.Prefix, config.ErrorOutputPrefix);
  } catch (error) {
    throw error instanceof PrefixError ? firehoseErrors.invalidArgument(error.message) : (error as AwsError);
  }
  return {
    bucket: bucketName(config.BucketARN!),
    sizeBytes: (hints.SizeInMBs ?? DEFAULT_SIZE_IN_MBS) * 1024 * 1024,
    intervalMs: (hints.IntervalInSeconds ?? DEFAULT_INTERVAL_IN_SECONDS) * 1000,
    compression,
    extension: config.FileExtension !== undefined && config.FileExtension !== "" ? config.FileExtension : compression === "GZIP" ? ".gz" : "",
    ...processors(config),
    prefixes,
  };
}
