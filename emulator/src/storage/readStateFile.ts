import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";

/**
 * A state file that exists but does not parse. The emulator writes every state file whole (writeFileAtomic),
 * so a crash cannot leave one like this: something else changed it (a hand edit, a damaged disk). Guessing
 * around it could serve wrong data or lose acknowledged data silently, so the emulator refuses to start.
 */
export class CorruptStateError extends Error {
  override readonly name = "CorruptStateError";

  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(
      `${path} is corrupt (${reason}). The emulator writes this file whole, so a crash cannot cause this: it was edited or damaged. ` +
        `Restore it, move it away to start without what it holds, or start with --reset to begin empty.`,
    );
  }
}

type Reviver = (key: string, value: unknown) => unknown;

function parseState<T>(path: string, text: string, reviver: Reviver | undefined): T {
  try {
    return JSON.parse(text, reviver) as T;
  } catch (error) {
    throw new CorruptStateError(path, error instanceof Error ? error.message : String(error));
  }
}

function missing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === "ENOENT";
}

/** The JSON state in `path`; undefined when there is none yet; CorruptStateError when it does not parse. */
export async function readStateJson<T>(path: string, reviver?: Reviver): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (missing(error)) {
      return undefined;
    }
    throw error;
  }
  return parseState<T>(path, text, reviver);
}

/** readStateJson for callers that must not yield. */
export function readStateJsonSync<T>(path: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (missing(error)) {
      return undefined;
    }
    throw error;
  }
  return parseState<T>(path, text, undefined);
}
