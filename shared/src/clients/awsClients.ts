import { AthenaClient } from "@aws-sdk/client-athena";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { FirehoseClient } from "@aws-sdk/client-firehose";
import { GlueClient } from "@aws-sdk/client-glue";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { S3Client } from "@aws-sdk/client-s3";
import { resolveClientConfig, type AwsClientOptions, type AwsTarget } from "./awsClientConfig";
import { createKinesisClient } from "./kinesisClient";

export interface AwsClients {
  readonly kinesis: KinesisClient;
  readonly firehose: FirehoseClient;
  readonly s3: S3Client;
  readonly glue: GlueClient;
  readonly athena: AthenaClient;
  /** Firehose's delivery error log and the crawlers' log streams. */
  readonly logs: CloudWatchLogsClient;
  readonly target: AwsTarget;
  /** The region the clients use, resolved as the SDK resolves it; rejects with a clear message when there is none. */
  region(): Promise<string>;
  /** Closes the clients' connections (the Kinesis client keeps HTTP/2 sessions that hold a script open). */
  destroy(): void;
}

/** Builds the six clients for the target; nothing connects until a request is sent. */
export function createAwsClients(options: AwsClientOptions = {}, env: Readonly<Record<string, string | undefined>> = process.env): AwsClients {
  const { target, common, region } = resolveClientConfig(options, env);
  const kinesis = createKinesisClient(common);
  const firehose = new FirehoseClient(common);
  // The emulator serves S3 path-style only (no per-bucket host names on 127.0.0.1).
  const s3 = new S3Client(target.mode === "local" ? { ...common, forcePathStyle: true } : common);
  const glue = new GlueClient(common);
  const athena = new AthenaClient(common);
  const logs = new CloudWatchLogsClient(common);
  return {
    kinesis,
    firehose,
    s3,
    glue,
    athena,
    logs,
    target,
    region,
    destroy: () => {
      for (const client of [kinesis, firehose, s3, glue, athena, logs]) {
        client.destroy();
      }
    },
  };
}
