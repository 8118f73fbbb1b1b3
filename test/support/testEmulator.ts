import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { FirehoseClient } from "@aws-sdk/client-firehose";
import { GlueClient } from "@aws-sdk/client-glue";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { start, type EmulatorOptions, type RunningEmulator } from "@gpu-stream/emulator";
import { createAwsClients, type AwsClients } from "@gpu-stream/shared";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] = "true";

export interface TestEmulator {
  readonly emulator: RunningEmulator;
  readonly dataDir: string;
  /** The SDK's default Kinesis client: cleartext HTTP/2. */
  readonly kinesis: KinesisClient;
  /** The Kinesis client forced to HTTP/1.1, as the AWS CLI and boto3 speak. */
  readonly kinesisHttp1: KinesisClient;
  readonly firehose: FirehoseClient;
  readonly s3: S3Client;
  readonly glue: GlueClient;
  /** The helper module's five clients for it, as the notebooks and npm start make them. */
  readonly clients: AwsClients;
  /** Stops the emulator and keeps the data directory, for restart tests. */
  stop(): Promise<void>;
  /** Stops the emulator and deletes its data directory. */
  close(): Promise<void>;
}

export function clientConfig(url: string) {
  return {
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    // The SDK retries 5xx and throttles on its own; tests want to see each answer.
    maxAttempts: 1,
  };
}

/** The real emulator in this process on a free port, with a fresh data directory, and real SDK clients for it. */
export async function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "gpu-stream-emulator-")));
  const emulator = await start({ log: () => undefined, ...options, dataDir, port: options.port ?? 0 });
  const config = clientConfig(emulator.url);
  const kinesis = new KinesisClient(config);
  const kinesisHttp1 = new KinesisClient({ ...config, requestHandler: new NodeHttpHandler() });
  const firehose = new FirehoseClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const glue = new GlueClient(config);
  const clients = createAwsClients({ mode: "local", endpoint: emulator.url });
  const stop = async (): Promise<void> => {
    for (const client of [kinesis, kinesisHttp1, firehose, s3, glue, clients]) {
      client.destroy();
    }
    await emulator.close();
  };
  return {
    emulator,
    dataDir,
    kinesis,
    kinesisHttp1,
    firehose,
    s3,
    glue,
    clients,
    stop,
    close: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a test emulator before the enclosing suite's tests and closes it (clients and data directory) after
 * them. `onStarted` receives it first, to keep it and to create what the suite's tests share.
 */
export function useTestEmulator(onStarted: (emulator: TestEmulator) => void | Promise<void>, options: Partial<EmulatorOptions> = {}): void {
  let emulator: TestEmulator | undefined;
  before(async () => {
    emulator = await startTestEmulator(options);
    await onStarted(emulator);
  });
  after(() => emulator?.close());
}
