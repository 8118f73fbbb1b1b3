import { AthenaClient } from "@aws-sdk/client-athena";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { FirehoseClient } from "@aws-sdk/client-firehose";
import { GlueClient } from "@aws-sdk/client-glue";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { S3Client } from "@aws-sdk/client-s3";
import type { AwsClients } from "@gpu-stream/shared";

/**
 * aws-mode clients whose six services are the emulator (createAwsClients in aws mode would address S3 by virtual
 * host, which 127.0.0.1 cannot serve). IAM and STS are each test's: clients of
 * the emulator's own (aws.emulatorIam.test.ts; support/emulatorIam.ts).
 */
export function awsModeClientsAt(url: string): AwsClients {
  const config = { endpoint: url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  const kinesis = new KinesisClient(config);
  const firehose = new FirehoseClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const glue = new GlueClient(config);
  const athena = new AthenaClient(config);
  const logs = new CloudWatchLogsClient(config);
  return {
    kinesis,
    firehose,
    s3,
    glue,
    athena,
    logs,
    target: { mode: "aws", region: "us-east-1", endpoint: url, description: `AWS, played by the emulator at ${url}` },
    region: () => Promise.resolve("us-east-1"),
    destroy: () => [kinesis, firehose, s3, glue, athena, logs].forEach((client) => client.destroy()),
  };
}

