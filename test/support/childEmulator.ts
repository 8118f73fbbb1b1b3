import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { REPO_ROOT } from "./repoRoot";

// Compiled to test/dist/support/.
const CLI = join(REPO_ROOT, "emulator", "dist", "cli.js");

/** The emulator as users run it (`npm run emulator`), in a child process, so a crash or a signal is real. */
export interface ChildEmulator {
  readonly url: string;
  readonly pid: number;
  /** Every line it wrote to stderr so far. */
  readonly stderr: readonly string[];
  /** Resolves with the exit code (or the signal's name) once it has exited. */
  readonly exited: Promise<number | string>;
  /** Sends `signal` and waits for the exit. */
  stop(signal: NodeJS.Signals): Promise<number | string>;
}

/** Starts `emulator/dist/cli.js --port 0 --data-dir <dataDir> ...args` and waits until it listens. */
export async function startChildEmulator(dataDir: string, args: readonly string[] = []): Promise<ChildEmulator> {
  const child: ChildProcess = spawn(process.execPath, [CLI, "--port", "0", "--data-dir", dataDir, ...args], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => stderr.push(line));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const match = /at (http:\/\/\S+)/.exec(line);
      if (match !== null) {
        resolve(match[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`the emulator exited (${code}) before listening: ${stderr.join("\n")}`)));
  });
  return {
    url,
    pid: child.pid!,
    stderr,
    exited,
    stop: async (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}
