import { readFile, unlink } from "node:fs/promises";

export { writeFileAtomic } from "../../../storage/writeFileAtomic";

export function isErrorCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === "object" && error !== null && codes.includes((error as { code?: string }).code ?? "");
}

/** The parsed JSON in `path`, or undefined if there is no such file or it does not parse. */
export async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as T;
  } catch (error) {
    if (isErrorCode(error, "ENOENT", "ENOTDIR") || error instanceof SyntaxError) {
      return undefined;
    }
    throw error;
  }
}

export async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isErrorCode(error, "ENOENT")) {
      throw error;
    }
  }
}
