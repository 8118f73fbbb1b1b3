import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * `mkdir -p` that fails with the file system's own error. Node's recursive mkdir answers ENOENT whenever it cannot
 * make a missing parent, also when the file system said ENOSPC (an exhausted inode table): the caller would take a
 * full disk for a bug. On ENOENT the missing folders are made one at a time, so the real cause is thrown.
 */
export async function makeDirectory(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const parent = dirname(path);
    if (parent !== path) await makeDirectory(parent);
    try {
      await mkdir(path);
    } catch (retried) {
      if ((retried as NodeJS.ErrnoException).code !== "EEXIST") throw retried;
    }
  }
}
