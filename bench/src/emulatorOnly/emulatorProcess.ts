import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

/** bench/dist/emulatorOnly/ -> the repository root. */
export const REPOSITORY_ROOT = resolve(__dirname, "..", "..", "..");
export const EMULATOR_CLI = join(REPOSITORY_ROOT, "emulator", "dist", "cli.js");

/** A port nobody listens on right now (the OS picks it; it is released before the emulator binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface EmulatorChild {
  readonly url: string;
  readonly process: ChildProcess;
  /** performance.now() just before the spawn. */
  readonly spawnedAt: number;
  /** performance.now() when the CLI printed its banner (it prints once it listens). */
  readonly bannerAt: number;
  stop(): Promise<void>;
}

export interface SpawnEmulatorOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly timeoutMs?: number;
  /** Default: this process's environment. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Extra node flags for the emulator, e.g. `BENCH_EMULATOR_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` to
 * profile it while a scenario runs.
 */
function nodeArgs(): string[] {
  return (process.env["BENCH_EMULATOR_NODE_ARGS"] ?? "").split(/\s+/).filter((arg) => arg !== "");
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => resolveExit(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });
}

/**
 * `node emulator/dist/cli.js --port <port> --data-dir <dir>` as its own process, as a user runs it: the
 * emulator's event loop is not the benchmark's. Resolves when the CLI says it listens.
 */
export function spawnEmulator(options: SpawnEmulatorOptions): Promise<EmulatorChild> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs(), EMULATOR_CLI, "--port", String(options.port), "--data-dir", options.dataDir], {
    cwd: REPOSITORY_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: options.env ?? process.env,
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    child.kill("SIGTERM");
    if (!(await waitForExit(child, 30_000))) {
      child.kill("SIGKILL");
      await waitForExit(child, 5_000);
    }
  };
  return new Promise((resolveChild, reject) => {
    let stdout = "";
    let stderr = "";
    const fail = (message: string): void => {
      clearTimeout(timer);
      void stop().finally(() => reject(new Error(`${message}${stderr === "" ? "" : `: ${stderr.trim()}`}`)));
    };
    const timer = setTimeout(() => fail(`the emulator did not start within ${options.timeoutMs ?? 30_000} ms`), options.timeoutMs ?? 30_000);
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    let listening = false;
    child.stdout!.on("data", (chunk: Buffer) => {
      if (listening) {
        return;
      }
      stdout = (stdout + chunk.toString()).slice(-4000);
      const match = /^gpu-stream emulator: .* at (http:\/\/\S+) /m.exec(stdout);
      if (match !== null) {
        listening = true;
        clearTimeout(timer);
        resolveChild({ url: match[1]!, process: child, spawnedAt, bannerAt: performance.now(), stop });
      }
    });
    child.once("exit", (code, signal) => fail(`the emulator exited before it listened (code ${code}, signal ${signal})`));
    child.once("error", (error) => fail(`cannot run the emulator: ${error.message}`));
  });
}
