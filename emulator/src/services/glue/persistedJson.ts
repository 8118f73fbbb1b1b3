import { readFile } from "node:fs/promises";
import { writeFileAtomicSync } from "../../storage/writeFileAtomic";

/** Members holding dates in the SDK's shapes; written as ISO strings, read back as Dates. */
const DATE_MEMBERS = new Set(["CreateTime", "UpdateTime", "LastAccessTime", "LastAnalyzedTime", "CreationTime", "LastUpdated", "StartTime"]);

function revive(key: string, value: unknown): unknown {
  return DATE_MEMBERS.has(key) && typeof value === "string" ? new Date(value) : value;
}

/** Reads a state file written by writePersistedJson; undefined when there is none yet. */
export async function readPersistedJson<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return undefined;
    }
    throw error;
  }
  return JSON.parse(text, revive) as T;
}

/** Replaces the state file at once (a restart finds the old state or the new); synchronous so callers need not yield. */
export function writePersistedJson(path: string, state: unknown): void {
  writeFileAtomicSync(path, JSON.stringify(state));
}
