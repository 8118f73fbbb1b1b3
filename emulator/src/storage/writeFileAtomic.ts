import { randomUUID } from "node:crypto";
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from "node:fs";
import { rename, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * Replaces a file all at once: a reader (or a restart after a crash) finds the old content or the new,
 * never half. The temporary file lives in `stagingDir` (default: beside the file), on the same file system
 * so the rename is atomic.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, stagingDir = dirname(path)): Promise<void> {
  const temporary = join(stagingDir, `.${randomUUID()}.tmp`);
  await writeFile(temporary, content, { flag: "wx" });
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** writeFileAtomic for callers that must not yield; with `fsync`, the content and the rename also survive a power loss. */
export function writeFileAtomicSync(path: string, content: string | Uint8Array, fsync = false): void {
  const temporary = join(dirname(path), `.${randomUUID()}.tmp`);
  const fd = openSync(temporary, "wx");
  try {
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(fd, bytes, written, bytes.length - written);
    }
    if (fsync) {
      fsyncSync(fd);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  if (fsync) {
    const directory = openSync(dirname(path), "r");
    try {
      fsyncSync(directory);
    } finally {
      closeSync(directory);
    }
  }
}
