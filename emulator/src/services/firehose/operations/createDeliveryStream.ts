import type { CreateDeliveryStreamInput, CreateDeliveryStreamOutput, ExtendedS3DestinationConfiguration } from "@aws-sdk/client-firehose";
import { AwsError } from "../../../protocol/AwsError";
import { operation, type RequestContext } from "../../../server/JsonService";
import { structure } from "../../../server/shapes";
import type { PassRoleCheck } from "../../iam/PassRoleCheck";
import type { CheckpointState } from "../DeliveryCheckpoint";
import type { DeliveryStreamDefinition } from "../DeliveryStreamDefinition";
import type { DeliveryStreams } from "../DeliveryStreams";
import { DEFAULT_INTERVAL_IN_SECONDS, DEFAULT_SIZE_IN_MBS, deliverySettings, DYNAMIC_PARTITIONING_DEFAULT_SIZE_IN_MBS } from "../deliverySettings";
import { firehoseErrors } from "../firehoseErrors";
import { assumeRoles, requireSourceDescribe, roleAccess } from "../firehoseRole";
import {
  deliveryStreamEncryptionConfigurationInput,
  deliveryStreamName,
  deliveryStreamType,
  directPutSourceConfiguration,
  extendedS3DestinationConfiguration,
  kinesisStreamSourceConfiguration,
  s3DestinationConfiguration,
  tagList,
  unsupportedMembers,
} from "../firehoseShapes";

const input = structure(
  {
    DeliveryStreamName: deliveryStreamName,
    DeliveryStreamType: deliveryStreamType,
    DirectPutSourceConfiguration: directPutSourceConfiguration,
    KinesisStreamSourceConfiguration: kinesisStreamSourceConfiguration,
    DeliveryStreamEncryptionConfigurationInput: deliveryStreamEncryptionConfigurationInput,
    S3DestinationConfiguration: s3DestinationConfiguration,
    ExtendedS3DestinationConfiguration: extendedS3DestinationConfiguration,
    Tags: tagList,
    ...unsupportedMembers,
  },
  ["DeliveryStreamName"],
);

/** The destination as DescribeDeliveryStream shows it: AWS's defaults filled in. */
function withDefaults(destination: ExtendedS3DestinationConfiguration): ExtendedS3DestinationConfiguration {
  return {
    ...destination,
    BufferingHints: {
      SizeInMBs: destination.BufferingHints?.SizeInMBs ?? (destination.DynamicPartitioningConfiguration?.Enabled === true ? DYNAMIC_PARTITIONING_DEFAULT_SIZE_IN_MBS : DEFAULT_SIZE_IN_MBS),
      IntervalInSeconds: destination.BufferingHints?.IntervalInSeconds ?? DEFAULT_INTERVAL_IN_SECONDS,
    },
    CompressionFormat: destination.CompressionFormat ?? "UNCOMPRESSED",
    EncryptionConfiguration: destination.EncryptionConfiguration ?? { NoEncryptionConfig: "NoEncryption" },
    CloudWatchLoggingOptions: destination.CloudWatchLoggingOptions ?? { Enabled: false },
  };
}

/**
 * Each shard's newest record now: a Kinesis source delivers what arrives after it (LATEST), as AWS does. Closed
 * shards are included at their end, so they are never read; only shards opened later are read from their start.
 */
function latestPositions(streams: DeliveryStreams, streamName: string): CheckpointState["shards"] {
  return Object.fromEntries(
    streams.kinesis.shards(streamName).map(({ shardId }) => [shardId, streams.kinesis.latestSequenceNumber(streamName, shardId) ?? null]),
  );
}

function kinesisSource(streams: DeliveryStreams, arn: string, roleArn: string, context: RequestContext) {
  try {
    const streamName = streams.kinesis.resolveStreamName(arn);
    return { source: { kinesisStreamArn: arn, streamName, roleArn, deliveryStartMs: context.now() }, positions: latestPositions(streams, streamName) };
  } catch (error) {
    if (error instanceof AwsError) {
      throw firehoseErrors.invalidArgument(`Kinesis stream ${arn} cannot be used as a source: ${error.message}`);
    }
    throw error;
  }
}

/** An injected fault (not AWS) makes the new stream CREATING_FAILED with its FailureDescription. */
function failureOf(streams: DeliveryStreams): Pick<DeliveryStreamDefinition, "failureDescription"> {
  const failureDescription = streams.creationFailure();
  return failureDescription === undefined ? {} : { failureDescription };
}

/** `passRole`: the check that the caller may pass the roles (absent in-process: everything is allowed). */
export function createDeliveryStream(streams: DeliveryStreams, passRole?: PassRoleCheck) {
  return operation<CreateDeliveryStreamInput, CreateDeliveryStreamOutput, typeof input>({
    input,
    async handle(request, context) {
      const name = request.DeliveryStreamName;
      for (const member of Object.keys(unsupportedMembers)) {
        if (member in request) {
          throw firehoseErrors.unsupported(member);
        }
      }
      const type = request.DeliveryStreamType ?? "DirectPut";
      if (type !== "DirectPut" && type !== "KinesisStreamAsSource") {
        throw firehoseErrors.unsupported(`DeliveryStreamType ${type}`);
      }
      if (type === "KinesisStreamAsSource" && request.KinesisStreamSourceConfiguration === undefined) {
        throw firehoseErrors.invalidArgument("KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.");
      }
      if (type === "DirectPut" && request.KinesisStreamSourceConfiguration !== undefined) {
        throw firehoseErrors.invalidArgument("KinesisStreamSourceConfiguration can only be used when DeliveryStreamType is KinesisStreamAsSource.");
      }
      if (type !== "DirectPut" && request.DirectPutSourceConfiguration !== undefined) {
        throw firehoseErrors.invalidArgument("DirectPutSourceConfiguration can only be used when DeliveryStreamType is DirectPut.");
      }
      if (type !== "DirectPut" && request.DeliveryStreamEncryptionConfigurationInput !== undefined) {
        throw firehoseErrors.invalidArgument("Server-side encryption (DeliveryStreamEncryptionConfigurationInput) is only for DirectPut delivery streams: a Kinesis source has its own encryption.");
      }
      const destinations = [request.S3DestinationConfiguration, request.ExtendedS3DestinationConfiguration].filter((destination) => destination !== undefined);
      if (destinations.length !== 1) {
        throw firehoseErrors.invalidArgument("Exactly one destination configuration must be given: S3DestinationConfiguration or ExtendedS3DestinationConfiguration.");
      }
      const settings = deliverySettings(destinations[0]!);
      if (settings.partitioning !== undefined) {
        // jq (WebAssembly) is loaded here, by the first delivery stream that uses inline parsing.
        const { queryCompileError } = require("../metadataExtraction") as typeof import("../metadataExtraction");
        const compileError = await queryCompileError(settings.partitioning.query);
        if (compileError !== undefined) {
          throw firehoseErrors.invalidArgument(`MetadataExtractionQuery '${settings.partitioning.query}' is not a valid jq expression: ${compileError}`);
        }
      }
      const destination = withDefaults(destinations[0]!);
      if (streams.get(name) !== undefined) {
        throw firehoseErrors.alreadyExists(name, context.accountId);
      }
      const arn = `arn:aws:firehose:${context.region}:${context.accountId}:deliverystream/${name}`;
      const source = request.KinesisStreamSourceConfiguration;
      const roleArns = [...(source === undefined ? [] : [source.RoleARN!]), destination.RoleARN!];
      passRole?.require(context.caller, roleArns, "firehose.amazonaws.com");
      assumeRoles(streams.roles, roleArns, arn);
      if (source !== undefined) {
        requireSourceDescribe(roleAccess(streams.roles, source.RoleARN!, arn), source.RoleARN!, source.KinesisStreamARN!);
      }
      const kinesis =
        type === "KinesisStreamAsSource"
          ? kinesisSource(streams, request.KinesisStreamSourceConfiguration!.KinesisStreamARN!, request.KinesisStreamSourceConfiguration!.RoleARN!, context)
          : undefined;
      const definition: DeliveryStreamDefinition = {
        name,
        arn,
        type,
        versionId: "1",
        createdMs: context.now(),
        ...(kinesis === undefined ? {} : { kinesisSource: kinesis.source }),
        ...(request.DirectPutSourceConfiguration === undefined ? {} : { throughputHintInMBs: request.DirectPutSourceConfiguration.ThroughputHintInMBs! }),
        configuredAs: request.S3DestinationConfiguration !== undefined ? "S3DestinationConfiguration" : "ExtendedS3DestinationConfiguration",
        destination,
        ...(request.DeliveryStreamEncryptionConfigurationInput === undefined ? {} : { encryption: request.DeliveryStreamEncryptionConfigurationInput }),
        tags: request.Tags ?? [],
        ...failureOf(streams),
      };
      await streams.create(definition, { shards: kinesis?.positions ?? {}, deliveredLogSeq: 0 }, context.accountId);
      return { DeliveryStreamARN: arn };
    },
  });
}
