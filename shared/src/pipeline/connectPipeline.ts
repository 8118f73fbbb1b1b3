import type { IAMClient } from "@aws-sdk/client-iam";
import { createAwsClients, resolveAwsTarget, type AwsClients, type AwsMode } from "../awsClients";
import type { AccessKeyCredentials } from "../localCredentials";
import { createIamClient, resolvePipelineNames } from "../aws";
import type { PipelineNames } from "../pipelineNames";

/** What a notebook or the main job holds while it works on the pipeline. */
export interface PipelineSession {
  readonly clients: AwsClients;
  readonly names: PipelineNames;
  /** AWS mode only: set-up creates the roles Firehose and the crawler assume. */
  readonly iam?: IAMClient;
  /** Local mode: the emulator's URL, whose Firehose can be told to deliver now. */
  readonly emulatorUrl?: string;
  /** Closes every client (the Kinesis client's HTTP/2 sessions would keep a script alive). */
  close(): void;
}

export interface ConnectOptions {
  /** Default: env `GPU_STREAM_MODE`, else `local`. */
  readonly mode?: AwsMode | string;
  /** Local mode only (ignored on AWS, so a notebook's parameters can name both): the emulator's URL. */
  readonly localEndpoint?: string;
  readonly region?: string;
  /** The shared-config profile (locally only a source of credentials). */
  readonly profile?: string;
  /** Local mode only (ignored on AWS, like `localEndpoint`): the key to sign with, else the default chain, else test/test. */
  readonly credentials?: AccessKeyCredentials;
}

/**
 * Clients for the mode (local: the emulator at `localEndpoint`, signed with `credentials` or the default chain's;
 * aws: the default credential chain) and the names of the exercise's resources there (on AWS the bucket is named
 * after the account and region).
 */
export async function connectPipeline(options: ConnectOptions = {}): Promise<PipelineSession> {
  const { localEndpoint, ...target } = options;
  const local = resolveAwsTarget(target).mode === "local";
  // "" is the notebooks' default: the endpoint createAwsClients picks (env GPU_STREAM_ENDPOINT, else 4566).
  const named = localEndpoint !== undefined && localEndpoint !== "";
  const clients = createAwsClients(local && named ? { ...target, endpoint: localEndpoint } : target);
  try {
    const names = await resolvePipelineNames(clients);
    if (clients.target.mode === "local") {
      return { clients, names, emulatorUrl: clients.target.endpoint!, close: () => clients.destroy() };
    }
    const iam = createIamClient(clients);
    return {
      clients,
      names,
      iam,
      close: () => {
        clients.destroy();
        iam.destroy();
      },
    };
  } catch (error) {
    clients.destroy();
    throw error;
  }
}
