import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EMULATOR_INSTANCE_FILE, readInstanceId } from "./control/emulatorRecord";

/**
 * The data directory's instance id, made at its first start: GET /_emulator/health answers it so a checkout can
 * tell its own emulator from another's without the answer naming a path. A directory that cannot be written
 * (full disk) gets one for this run only, which no checkout will match: nothing adopts it by mistake.
 */
export async function ensureInstanceId(dataDir: string, log: (message: string) => void): Promise<string> {
  const existing = readInstanceId(dataDir);
  if (existing !== undefined) {
    return existing;
  }
  const made = randomBytes(16).toString("hex");
  try {
    await writeFile(join(dataDir, EMULATOR_INSTANCE_FILE), `${made}\n`, { flag: "wx" });
    return made;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      return readInstanceId(dataDir) ?? made;
    }
    log(`could not record the instance id in the data directory (${(error as NodeJS.ErrnoException).code ?? "error"}); checkouts will not recognise this emulator as theirs`);
    return made;
  }
}
