import { spawn, type ChildProcess } from "node:child_process";
import { get } from "node:http";

const OUTPUT_KEPT_CHARS = 4000;
const DEFAULT_START_TIMEOUT_MS = 30_000;

export interface ServerLaunch {
  /** Node.js arguments: flags, the script, its flags. */
  readonly args: readonly string[];
  /** Finds the server's URL (group 1) in what it prints on stdout once it listens. */
  readonly urlPattern: RegExp;
  /** A GET path that answers 200 once the server serves requests; none: listening is enough. */
  readonly healthPath?: string;
  readonly startTimeoutMs?: number;
}

/** A server in a child process of its own, so that /proc/<pid> tells its CPU time and memory apart from the client's. */
export class ServerProcess {
  private output = "";
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString("utf8")).slice(-OUTPUT_KEPT_CHARS);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The last few KiB the server printed, for error messages. */
  get recentOutput(): string {
    return this.output;
  }

  /** Spawns the server and resolves once it serves requests, with its URL. */
  static async start(launch: ServerLaunch): Promise<{ server: ServerProcess; url: string }> {
    const timeoutMs = launch.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const server = new ServerProcess(spawn(process.execPath, [...launch.args], { stdio: ["ignore", "pipe", "pipe"] }));
    try {
      const url = await server.waitForUrl(launch.urlPattern, timeoutMs);
      if (launch.healthPath !== undefined) {
        await waitForHealth(`${url}${launch.healthPath}`, timeoutMs);
      }
      return { server, url };
    } catch (error) {
      server.child.kill("SIGKILL");
      throw new Error(`server ${launch.args.join(" ")}: ${(error as Error).message}\n${server.output}`);
    }
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period. Resolves with its exit code. */
  async stop(graceMs = 15_000): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return this.child.exitCode;
    }
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private waitForUrl(pattern: RegExp, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const finish = (outcome: () => void): void => {
        clearTimeout(timer);
        this.child.stdout!.off("data", onData);
        this.child.off("exit", onExit);
        outcome();
      };
      const onData = (): void => {
        const match = pattern.exec(this.output);
        if (match !== null) {
          finish(() => resolve(match[1]!));
        }
      };
      const onExit = (code: number | null): void => finish(() => reject(new Error(`exited with code ${code} before listening`)));
      const timer = setTimeout(() => finish(() => reject(new Error(`printed no URL within ${timeoutMs} ms`))), timeoutMs);
      // Registered after the constructor's listener, so the output already holds this chunk.
      this.child.stdout!.on("data", onData);
      this.child.once("exit", onExit);
    });
  }
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await new Promise<number>((resolve) => {
      const request = get(url, { agent: false, timeout: 1000 }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("timeout", () => request.destroy());
      request.on("error", () => resolve(0));
    });
    if (status === 200) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
