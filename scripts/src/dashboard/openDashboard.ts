import { connectPipeline, type ConnectOptions } from "@gpu-stream/shared";
import { guardReadOnly } from "./guardReadOnly";
import { startDashboard, type DashboardOptions, type RunningDashboard } from "./startDashboard";

export interface OpenDashboardOptions extends ConnectOptions, Omit<DashboardOptions, "clients" | "names" | "emulatorUrl"> {}

export interface OpenDashboard extends RunningDashboard {
  /** Where it reads from, in one line. */
  readonly description: string;
  /** The access key its requests are signed with; undefined when there is none yet (AWS: the chain found none). */
  readonly accessKeyId?: string;
}

/**
 * The dashboard with clients of its own, made as the notebooks make theirs (local: the emulator at
 * `localEndpoint`, signed with `credentials`, else the default chain's, else test/test; aws: the default credential
 * chain) and allowed only read operations. `close()` closes them.
 */
export async function openDashboard(options: OpenDashboardOptions): Promise<OpenDashboard> {
  const { mode, localEndpoint, region, profile, credentials, ...dashboardOptions } = options;
  const session = await connectPipeline({
    ...(mode === undefined ? {} : { mode }),
    ...(localEndpoint === undefined ? {} : { localEndpoint }),
    ...(region === undefined ? {} : { region }),
    ...(profile === undefined ? {} : { profile }),
    ...(credentials === undefined ? {} : { credentials }),
  });
  try {
    guardReadOnly(session.clients);
    const dashboard = await startDashboard({
      ...dashboardOptions,
      clients: session.clients,
      names: session.names,
      ...(session.emulatorUrl === undefined ? {} : { emulatorUrl: session.emulatorUrl }),
    });
    const accessKeyId = await session.clients.kinesis.config.credentials().then(
      (signing) => signing.accessKeyId,
      () => undefined,
    );
    return {
      ...dashboard,
      description: session.clients.target.description,
      ...(accessKeyId === undefined ? {} : { accessKeyId }),
      close: async () => {
        await dashboard.close();
        session.close();
      },
    };
  } catch (error) {
    session.close();
    throw error;
  }
}
