import { readFile } from "node:fs/promises";

/** How many threads a process runs now (its worker threads among them), from /proc/<pid>/status (Linux). */
export async function threadCount(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const threads = /^Threads:\s+(\d+)$/m.exec(status)?.[1];
  if (threads === undefined) throw new Error(`no Threads line in /proc/${pid}/status`);
  return Number(threads);
}
