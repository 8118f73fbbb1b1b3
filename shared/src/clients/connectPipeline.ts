import type { IAMClient } from "@aws-sdk/client-iam";
import { connectClientOptions, type ConnectOptions } from "./awsClientConfig";
import { createAwsClients, type AwsClients } from "./awsClients";
import { checkRecordedEmulator } from "./emulatorRecord";
import type { ExistingRoleArns } from "../provision/pipelineRoles";
import { resolvePipelineNames } from "./accountIdentity";
import { createIamClient } from "./globalClients";
import type { PipelineNames } from "../provision/pipelineNames";

/** What a notebook or the main job holds while it works on the pipeline. */
export interface PipelineSession {
  readonly clients: AwsClients;
  readonly names: PipelineNames;
  /** AWS mode only: set-up creates the roles Firehose and the crawler assume. */
  readonly iam?: IAMClient;
  /** AWS mode: the roles the user gave, for set-up to use and teardown to keep (pass them on as `existingRoleArns`). */
  readonly existingRoleArns?: ExistingRoleArns;
  /** Local mode: the emulator's URL, whose Firehose can be told to deliver now. */
  readonly emulatorUrl?: string;
  /** Closes every client (the Kinesis client's HTTP/2 sessions would keep a script alive). */
  close(): void;
}

/**
 * Clients for the mode (local: the emulator at `localEndpoint`, signed with `credentials` or the default chain's;
 * aws: the default credential chain) and the names of the exercise's resources there (on AWS the bucket is named
 * after the account and region).
 */
export interface PipelineConnectOptions extends ConnectOptions {
  /** AWS mode: roles you already have (an account where you may not create IAM roles); ignored locally. */
  readonly existingRoleArns?: ExistingRoleArns;
}

export async function connectPipeline(options: PipelineConnectOptions = {}): Promise<PipelineSession> {
  const { existingRoleArns, ...connect } = options;
  const clients = createAwsClients(connectClientOptions(connect));
  try {
    await checkRecordedEmulator(clients.target);
    const names = await resolvePipelineNames(clients);
    if (clients.target.mode === "local") {
      return { clients, names, emulatorUrl: clients.target.endpoint!, close: () => clients.destroy() };
    }
    const iam = createIamClient(clients);
    return {
      clients,
      names,
      iam,
      ...(existingRoleArns === undefined ? {} : { existingRoleArns }),
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
