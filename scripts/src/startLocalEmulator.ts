import { start, DEFAULT_PORT, type RunningEmulator } from "@gpu-stream/emulator";

export interface LocalEndpoint {
  readonly url: string;
  /** Set when this process started the emulator (and must close it); unset when one was already running. */
  readonly emulator?: RunningEmulator;
}

async function isEmulatorAt(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_emulator/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok && ((await response.json()) as { status?: string }).status === "ok";
  } catch {
    return false;
  }
}

/** Uses the emulator already serving on the default port (`npm run emulator`), else starts one in this process. */
export async function startLocalEmulator(dataDir: string): Promise<LocalEndpoint> {
  const defaultUrl = `http://127.0.0.1:${DEFAULT_PORT}`;
  if (await isEmulatorAt(defaultUrl)) {
    return { url: defaultUrl };
  }
  try {
    const emulator = await start({ dataDir, port: DEFAULT_PORT, log: () => undefined });
    return { url: emulator.url, emulator };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") {
      throw error;
    }
    // Something else (LocalStack?) holds 4566: run on a free port rather than talk to it.
    const emulator = await start({ dataDir, port: 0, log: () => undefined });
    return { url: emulator.url, emulator };
  }
}
