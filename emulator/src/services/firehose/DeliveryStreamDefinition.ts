import type { DeliveryStreamEncryptionConfigurationInput, ExtendedS3DestinationConfiguration, FailureDescription, Tag } from "@aws-sdk/client-firehose";

/**
 * A delivery stream as stored on disk (`definition.json`): what the client asked for, with AWS's defaults
 * filled in, so DescribeDeliveryStream can answer it back and the delivery settings can be derived from it.
 */
export interface DeliveryStreamDefinition {
  readonly name: string;
  readonly arn: string;
  readonly type: "DirectPut" | "KinesisStreamAsSource";
  /** Starts at 1; AWS increments it on UpdateDestination (not implemented). */
  readonly versionId: string;
  readonly createdMs: number;
  readonly kinesisSource?: {
    readonly kinesisStreamArn: string;
    readonly streamName: string;
    readonly roleArn: string;
    /** When delivery started (LATEST at creation), epoch milliseconds. */
    readonly deliveryStartMs: number;
  };
  readonly throughputHintInMBs?: number;
  /** Which configuration the client used: both describe as an Extended S3 destination too, as AWS does. */
  readonly configuredAs: "S3DestinationConfiguration" | "ExtendedS3DestinationConfiguration";
  readonly destination: ExtendedS3DestinationConfiguration;
  readonly encryption?: DeliveryStreamEncryptionConfigurationInput;
  readonly tags: readonly Tag[];
  /** Set by an injected fault (not AWS): the stream is CREATING_FAILED, described with this FailureDescription. */
  readonly failureDescription?: FailureDescription;
}

export const DESTINATION_ID = "destinationId-000000000001";
