import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EMULATOR_PID_FILE, readEmulatorRecord, type EmulatorRecord } from "./control/emulatorRecord";

/** Where the emulator serving a data directory runs, for that checkout's notebooks and stopEmulator to find. */
export async function writePidRecord(dataDir: string, record: EmulatorRecord): Promise<void> {
  await writeFile(join(dataDir, EMULATOR_PID_FILE), `${JSON.stringify(record)}\n`);
}

/** Removes the record if it still names `pid` (a newer emulator may have replaced it). */
export async function removePidRecord(dataDir: string, pid: number): Promise<void> {
  if (readEmulatorRecord(dataDir)?.pid === pid) {
    await rm(join(dataDir, EMULATOR_PID_FILE), { force: true });
  }
}
