import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The folder holding the root package.json (`"name": "gpu-stream"`), found by walking up from `from`. */
export function findRepoRoot(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    const manifest = join(folder, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "gpu-stream") {
      return folder;
    }
    if (dirname(folder) === folder) {
      throw new Error(`no package.json named "gpu-stream" above ${from}`);
    }
  }
}

/** The repository's root, however deep the compiled test asking for it sits under test/dist/. */
export const REPO_ROOT = findRepoRoot(__dirname);
