import { join } from "node:path";
import { createAwsClients, type AwsClients } from "@gpu-stream/shared";
import { freePort, spawnEmulator, type EmulatorChild } from "./emulatorProcess";
import { withScratchDirectory } from "./scratchDirectory";

export interface LocalEmulator {
  readonly emulator: EmulatorChild;
  readonly clients: AwsClients;
  readonly dataDir: string;
  /** A folder of the run's own, beside the data directory, removed with it. */
  readonly scratchDir: string;
}

/** Runs `work` against a fresh emulator process with an empty data directory, and the SDK clients pointed at it. */
export function withLocalEmulator<T>(name: string, work: (local: LocalEmulator) => Promise<T>): Promise<T> {
  return withScratchDirectory(name, async (directory) => {
    const dataDir = join(directory, "emulator");
    const emulator = await spawnEmulator({ dataDir, port: await freePort() });
    const clients = createAwsClients({ mode: "local", endpoint: emulator.url });
    try {
      return await work({ emulator, clients, dataDir, scratchDir: directory });
    } finally {
      clients.destroy();
      await emulator.stop();
    }
  });
}
