import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { connectClientOptions, resolveClientConfig, type AwsTarget, type ConnectOptions } from "../clients/awsClientConfig";
import { checkRecordedEmulator } from "../clients/emulatorRecord";
import { COURSE_NAMES } from "../provision/pipelineNames";
import { createKinesisClient } from "../clients/kinesisClient";

/**
 * What a producer notebook holds: a subset of connectPipeline's PipelineSession, with the same paths
 * (`clients.kinesis`, `clients.target`, `names.stream`), so a cell written for one runs on the other.
 */
export interface ProducerSession {
  readonly clients: {
    readonly kinesis: KinesisClient;
    readonly target: AwsTarget;
  };
  readonly names: {
    /** The course's data stream, the same name locally and on AWS. */
    readonly stream: string;
  };
  /** Closes the Kinesis client (its HTTP/2 sessions would keep a script alive). */
  close(): void;
}

/**
 * connectPipeline for a producer: the same target from the same options (local: `localEndpoint`, "" meaning
 * GPU_STREAM_ENDPOINT or this checkout's emulator; aws: the default credential chain), but only the Kinesis client.
 * Unlike connectPipeline it asks STS for no account id (the stream's name does not depend on it), so on AWS
 * missing credentials show at the first put rather than here.
 */
export async function connectProducer(options: ConnectOptions = {}): Promise<ProducerSession> {
  const { target, common } = resolveClientConfig(connectClientOptions(options));
  const kinesis = createKinesisClient(common);
  try {
    await checkRecordedEmulator(target);
  } catch (error) {
    kinesis.destroy();
    throw error;
  }
  return { clients: { kinesis, target }, names: { stream: COURSE_NAMES.stream }, close: () => kinesis.destroy() };
}
