import { blob, boolean, integer, list, string, structure, type StructureShape } from "../../server/shapes";

// Shapes shared by several operations, as the Firehose API reference (2015-08-04) defines them.

export const deliveryStreamName = string({ min: 1, max: 64, pattern: "[a-zA-Z0-9_.-]+" });
export const deliveryStreamType = string({ enum: ["DirectPut", "KinesisStreamAsSource", "MSKAsSource", "DatabaseAsSource"] });
export const roleArn = string({ min: 1, max: 512, pattern: "arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+" });
export const kinesisStreamArn = string({ min: 1, max: 512, pattern: "arn:.*:kinesis:[a-zA-Z0-9\\-]+:\\d{12}:stream/[a-zA-Z0-9_.-]+" });
export const bucketArn = string({ min: 1, max: 2048, pattern: "arn:.*:s3:::[\\w\\.\\-]{1,255}" });

export const tagKey = string({ min: 1, max: 128, pattern: "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$" });
export const tagValue = string({ min: 0, max: 256, pattern: "^[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$" });
export const tagList = list(structure({ Key: tagKey, Value: tagValue }, ["Key"]), { min: 1, max: 50 });

/** One record of PutRecord / PutRecordBatch: up to 1,000 KiB before base64. */
export const record = structure({ Data: blob({ min: 0, max: 1_024_000 }) }, ["Data"]);

const bufferingHints = structure({
  SizeInMBs: integer({ min: 1, max: 128 }),
  IntervalInSeconds: integer({ min: 0, max: 900 }),
});

const encryptionConfiguration = structure({
  NoEncryptionConfig: string({ enum: ["NoEncryption"] }),
  KMSEncryptionConfig: structure(
    { AWSKMSKeyARN: string({ min: 1, max: 512, pattern: "arn:.*:kms:[a-zA-Z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\\-_/]+" }) },
    ["AWSKMSKeyARN"],
  ),
});

const cloudWatchLoggingOptions = structure({
  Enabled: boolean(),
  LogGroupName: string({ min: 0, max: 512, pattern: "[\\.\\-_/#A-Za-z0-9]*" }),
  LogStreamName: string({ min: 0, max: 512, pattern: "[^:*]*" }),
});

const processingConfiguration = structure({
  Enabled: boolean(),
  Processors: list(
    structure(
      {
        Type: string({ enum: ["RecordDeAggregation", "Decompression", "CloudWatchLogProcessing", "Lambda", "MetadataExtraction", "AppendDelimiterToRecord"] }),
        Parameters: list(
          structure(
            {
              ParameterName: string({
                enum: ["LambdaArn", "NumberOfRetries", "MetadataExtractionQuery", "JsonParsingEngine", "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds", "SubRecordType", "Delimiter", "CompressionFormat", "DataMessageExtraction"],
              }),
              ParameterValue: string({ min: 1, max: 5120, pattern: "^(?!\\s*$).+" }),
            },
            ["ParameterName", "ParameterValue"],
          ),
        ),
      },
      ["Type"],
    ),
  ),
});

/** Members this emulator does not model further: kept as present/absent so the handler can refuse them. */
const opaque = (): StructureShape => structure({ Enabled: boolean() });

const s3DestinationMembers = {
  RoleARN: roleArn,
  BucketARN: bucketArn,
  Prefix: string({ min: 0, max: 1024, pattern: ".*" }),
  ErrorOutputPrefix: string({ min: 0, max: 1024, pattern: ".*" }),
  BufferingHints: bufferingHints,
  CompressionFormat: string({ enum: ["UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY"] }),
  EncryptionConfiguration: encryptionConfiguration,
  CloudWatchLoggingOptions: cloudWatchLoggingOptions,
};

export const s3DestinationConfiguration = structure(s3DestinationMembers, ["RoleARN", "BucketARN"]);

export const extendedS3DestinationConfiguration = structure(
  {
    ...s3DestinationMembers,
    ProcessingConfiguration: processingConfiguration,
    S3BackupMode: string({ enum: ["Disabled", "Enabled"] }),
    S3BackupConfiguration: s3DestinationConfiguration,
    DataFormatConversionConfiguration: opaque(),
    DynamicPartitioningConfiguration: structure({ Enabled: boolean(), RetryOptions: structure({ DurationInSeconds: integer({ min: 0, max: 7200 }) }) }),
    FileExtension: string({ min: 0, max: 128, pattern: "^$|\\.[0-9a-z!\\-_.*'()]+" }),
    CustomTimeZone: string({ min: 0, max: 50, pattern: "^$|[a-zA-Z/_]+" }),
  },
  ["RoleARN", "BucketARN"],
);

/** The destinations and sources AWS has and this emulator refuses, so that their presence is seen. */
export const unsupportedMembers = {
  MSKSourceConfiguration: structure({}),
  DatabaseSourceConfiguration: structure({}),
  RedshiftDestinationConfiguration: structure({}),
  ElasticsearchDestinationConfiguration: structure({}),
  AmazonopensearchserviceDestinationConfiguration: structure({}),
  SplunkDestinationConfiguration: structure({}),
  HttpEndpointDestinationConfiguration: structure({}),
  AmazonOpenSearchServerlessDestinationConfiguration: structure({}),
  SnowflakeDestinationConfiguration: structure({}),
  IcebergDestinationConfiguration: structure({}),
};

export const deliveryStreamEncryptionConfigurationInput = structure(
  {
    KeyARN: string({ min: 1, max: 512, pattern: "arn:.*:kms:[a-zA-Z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\\-_/]+" }),
    KeyType: string({ enum: ["AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK"] }),
  },
  ["KeyType"],
);

export const directPutSourceConfiguration = structure({ ThroughputHintInMBs: integer({ min: 1, max: 100 }) }, ["ThroughputHintInMBs"]);

export const kinesisStreamSourceConfiguration = structure({ KinesisStreamARN: kinesisStreamArn, RoleARN: roleArn }, ["KinesisStreamARN", "RoleARN"]);
