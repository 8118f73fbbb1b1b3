import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface WrittenFiles {
  readonly json: string;
  readonly markdown: string;
}

export async function writeResults(outDir: string, baseName: string, results: unknown, markdown: string): Promise<WrittenFiles> {
  await mkdir(outDir, { recursive: true });
  const json = join(outDir, `${baseName}.json`);
  const md = join(outDir, `${baseName}.md`);
  await writeFile(json, JSON.stringify(results, null, 2) + "\n");
  await writeFile(md, markdown);
  return { json, markdown: md };
}
