import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";

export { rejectsWith } from "./awsAssertions";

/** Every file under `root`, as paths relative to it with `/`, sorted. */
export async function filesUnder(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        await walk(path);
      } else {
        found.push(relative(root, path).split("\\").join("/"));
      }
    }
  };
  await walk(root);
  return found.sort();
}

/** Every folder under `root` (not root itself), relative, sorted. */
export async function foldersUnder(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const path = join(folder, entry.name);
        found.push(relative(root, path).split("\\").join("/"));
        await walk(path);
      }
    }
  };
  await walk(root);
  return found.sort();
}

/** Waits (polling, up to `limitMs`) until `condition` holds; for effects the server finishes after answering. */
export async function waitFor(condition: () => Promise<boolean>, what: string, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
