import type {
  DeliveryStreamDescription,
  DeliveryStreamStatus,
  DescribeDeliveryStreamInput,
  DescribeDeliveryStreamOutput,
  ExtendedS3DestinationDescription,
  S3DestinationDescription,
} from "@aws-sdk/client-firehose";
import { operation } from "../../../server/JsonService";
import { integer, string, structure } from "../../../server/shapes";
import { DESTINATION_ID, type DeliveryStreamDefinition } from "../DeliveryStreamDefinition";
import type { DeliveryStream, DeliveryStreams } from "../DeliveryStreams";
import { deliveryStreamName } from "../firehoseShapes";

const input = structure(
  {
    DeliveryStreamName: deliveryStreamName,
    Limit: integer({ min: 1, max: 10_000 }),
    ExclusiveStartDestinationId: string({ min: 1, max: 100, pattern: "[a-zA-Z0-9-]+" }),
  },
  ["DeliveryStreamName"],
);

/** The delivery stream as AWS describes it; an S3 destination is described as Extended S3 too, as AWS does. */
export function describe(stream: DeliveryStream, status: DeliveryStreamStatus, includeDestinations: boolean): DeliveryStreamDescription {
  const { definition } = stream;
  const destination = definition.destination;
  const s3: S3DestinationDescription = {
    RoleARN: destination.RoleARN,
    BucketARN: destination.BucketARN,
    ...(destination.Prefix === undefined ? {} : { Prefix: destination.Prefix }),
    ...(destination.ErrorOutputPrefix === undefined ? {} : { ErrorOutputPrefix: destination.ErrorOutputPrefix }),
    BufferingHints: destination.BufferingHints,
    CompressionFormat: destination.CompressionFormat,
    EncryptionConfiguration: destination.EncryptionConfiguration,
    CloudWatchLoggingOptions: destination.CloudWatchLoggingOptions,
  };
  const extended: ExtendedS3DestinationDescription = {
    ...s3,
    ...(destination.ProcessingConfiguration === undefined ? {} : { ProcessingConfiguration: destination.ProcessingConfiguration }),
    S3BackupMode: destination.S3BackupMode ?? "Disabled",
    ...(destination.DataFormatConversionConfiguration === undefined ? {} : { DataFormatConversionConfiguration: destination.DataFormatConversionConfiguration }),
    ...(destination.DynamicPartitioningConfiguration === undefined ? {} : { DynamicPartitioningConfiguration: destination.DynamicPartitioningConfiguration }),
    ...(destination.FileExtension === undefined ? {} : { FileExtension: destination.FileExtension }),
    ...(destination.CustomTimeZone === undefined ? {} : { CustomTimeZone: destination.CustomTimeZone }),
  };
  const source = definition.kinesisSource;
  return {
    DeliveryStreamName: definition.name,
    DeliveryStreamARN: definition.arn,
    DeliveryStreamStatus: status,
    // As DescribeDeliveryStream shows a failed stream (https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeliveryStreamDescription.html).
    ...(status === "CREATING_FAILED" && definition.failureDescription !== undefined ? { FailureDescription: definition.failureDescription } : {}),
    ...encryptionDescription(definition),
    DeliveryStreamType: definition.type,
    VersionId: definition.versionId,
    CreateTimestamp: new Date(definition.createdMs),
    ...(source !== undefined
      ? { Source: { KinesisStreamSourceDescription: { KinesisStreamARN: source.kinesisStreamArn, RoleARN: source.roleArn, DeliveryStartTimestamp: new Date(source.deliveryStartMs) } } }
      : definition.throughputHintInMBs !== undefined
        ? { Source: { DirectPutSourceDescription: { ThroughputHintInMBs: definition.throughputHintInMBs } } }
        : {}),
    Destinations: includeDestinations ? [{ DestinationId: DESTINATION_ID, S3DestinationDescription: s3, ExtendedS3DestinationDescription: extended }] : [],
    HasMoreDestinations: false,
  };
}

/**
 * AWS describes a DirectPut stream's server-side encryption, `{ Status: "DISABLED" }` when there is none
 * (LocalStack tests/aws/scenario/mythical_mysfits/test_mythical_misfits.snapshot.json), and leaves the key out
 * for a Kinesis-sourced stream, whose encryption is its source's (LocalStack
 * tests/aws/services/cloudformation/resources/test_firehose.snapshot.json, test_firehose_stack_with_kinesis_as_source).
 */
function encryptionDescription(definition: DeliveryStreamDefinition): Pick<DeliveryStreamDescription, "DeliveryStreamEncryptionConfiguration"> {
  const encryption = definition.encryption;
  if (encryption !== undefined) {
    return { DeliveryStreamEncryptionConfiguration: { ...(encryption.KeyARN === undefined ? {} : { KeyARN: encryption.KeyARN }), KeyType: encryption.KeyType, Status: "ENABLED" } };
  }
  return definition.kinesisSource === undefined ? { DeliveryStreamEncryptionConfiguration: { Status: "DISABLED" } } : {};
}

export function describeDeliveryStream(streams: DeliveryStreams) {
  return operation<DescribeDeliveryStreamInput, DescribeDeliveryStreamOutput, typeof input>({
    input,
    handle(request, context) {
      const name = request.DeliveryStreamName;
      const deleting = streams.get(name) === undefined ? streams.deletingStream(name) : undefined;
      const stream = deleting ?? streams.require(name, context.accountId);
      // One destination: a client paging past it (ExclusiveStartDestinationId) gets none.
      const includeDestinations = request.ExclusiveStartDestinationId === undefined || request.ExclusiveStartDestinationId < DESTINATION_ID;
      const status = deleting !== undefined ? "DELETING" : streams.status(stream.definition);
      return { DeliveryStreamDescription: describe(stream, status, includeDestinations) };
    },
  });
}
