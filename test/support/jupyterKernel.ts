import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { REPO_ROOT } from "./repoRoot";

/*
 * A tslab kernel started and driven by jupyter_client, as the Notebook server does, through the driver
 * jupyterKernel.py (its header lists the commands and events). The kernel is this checkout's tslab, registered
 * in a kernel registry of our own (as scripts/run-notebooks.sh does): nothing is installed for the user.
 */

// Compiled to test/dist/support/.
const DRIVER = join(REPO_ROOT, "test", "support", "jupyterKernel.py");
/** Debian's Python, which has jupyter_client; `python3` on PATH may be another without it. */
const PYTHON = "/usr/bin/python3";

/** A test's skip option: without jupyter_client for /usr/bin/python3 the kernel tests say so. */
export const skipWithoutJupyter: false | string =
  spawnSync(PYTHON, ["-c", "import jupyter_client"], { stdio: "ignore" }).status === 0
    ? false
    : `${PYTHON} cannot import jupyter_client: apt-get install python3-jupyter-client`;

/** How a cell ended: the execute_reply's status, or what ended it otherwise. */
export type CellStatus = "ok" | "error" | "abort" | "kernel died" | "driver exited";

export interface KernelCell {
  stdout: string;
  stderr: string;
  /** The text/plain of every display and display update, in order (tslab.newDisplay's updates included). */
  readonly displays: string[];
  /** Once both its execute_reply and its idle status came: a front end shows nothing the cell prints later. */
  readonly done: Promise<CellStatus>;
  /** Resolves once stdout or a display matches `pattern`; rejects if the cell ends first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

interface KernelStatus {
  readonly alive: boolean;
  readonly pid: number;
}

type DriverEvent =
  | { event: "started"; pid: number }
  | { event: "stream"; id: string; name: "stdout" | "stderr"; text: string }
  | { event: "display"; id: string; data: Record<string, unknown> }
  | { event: "done"; id: string; status: CellStatus }
  | { event: "interrupted" }
  | { event: "status"; alive: boolean; pid: number }
  | { event: "died" };

interface CellState {
  readonly cell: KernelCell;
  finish(status: CellStatus): void;
  changed(): void;
}

export class JupyterKernel {
  private readonly cells = new Map<string, CellState>();
  private readonly answers: ((event: DriverEvent) => void)[] = [];
  private nextId = 1;
  /** Set once the kernel died or the driver exited: cells sent later end at once with it. */
  private ended: CellStatus | undefined;
  private driverExited = false;

  private constructor(
    private readonly driver: ChildProcess,
    /** What the driver and the kernel wrote to stderr, for failure messages. */
    readonly log: readonly string[],
    private readonly registry: string,
    private readonly exited: Promise<void>,
    /** The kernel process's pid when it started. */
    readonly pid: number,
  ) {}

  /** Registers this checkout's tslab in a temporary registry and starts it in `cwd` with `env` added. */
  static async start(options: { readonly cwd: string; readonly env?: Readonly<Record<string, string>> }): Promise<JupyterKernel> {
    const registry = await mkdtemp(join(tmpdir(), "gpu-stream-kernels-"));
    const install = spawnSync("sh", [join(REPO_ROOT, "scripts", "install-jupyter-kernel.sh"), "--prefix", registry], {
      env: { ...process.env, PYTHON },
      encoding: "utf8",
    });
    if (install.status !== 0) {
      await rm(registry, { recursive: true, force: true });
      throw new Error(`could not register the tslab kernel: ${install.stderr}${install.stdout}`);
    }
    const driver = spawn(PYTHON, [DRIVER, "tslab"], {
      cwd: options.cwd,
      env: {
        ...process.env,
        ...options.env,
        JUPYTER_PATH: join(registry, "share", "jupyter"),
        // Connection files too stay out of the user's Jupyter folders.
        JUPYTER_RUNTIME_DIR: join(registry, "runtime"),
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const log: string[] = [];
    createInterface({ input: driver.stderr! }).on("line", (line) => log.push(line));
    const exited = new Promise<void>((resolve) => driver.once("exit", () => resolve()));
    const events = createInterface({ input: driver.stdout! });
    const started = await new Promise<number>((resolve, reject) => {
      events.once("line", (line) => {
        const event = JSON.parse(line) as DriverEvent;
        if (event.event === "started") {
          resolve(event.pid);
        } else {
          reject(new Error(`the driver's first event was ${line}`));
        }
      });
      void exited.then(() => reject(new Error(`the kernel did not start:\n${log.join("\n")}`)));
    }).catch(async (error: unknown) => {
      driver.kill();
      await exited;
      await rm(registry, { recursive: true, force: true });
      throw error;
    });
    const kernel = new JupyterKernel(driver, log, registry, exited, started);
    events.on("line", (line) => kernel.receive(JSON.parse(line) as DriverEvent));
    void exited.then(() => {
      kernel.driverExited = true;
      kernel.endAll("driver exited");
    });
    return kernel;
  }

  /** Sends the code as one cell, as a front end does when the cell is run. */
  execute(code: string): KernelCell {
    const id = `cell-${this.nextId++}`;
    const waiters = new Set<() => void>();
    let finish!: (status: CellStatus) => void;
    const done = new Promise<CellStatus>((resolve) => (finish = resolve));
    let finished = false;
    const cell: KernelCell = {
      stdout: "",
      stderr: "",
      displays: [],
      done,
      waitFor: (pattern) =>
        new Promise((resolve, reject) => {
          const check = (): void => {
            const match = cell.stdout.match(pattern) ?? cell.displays.map((text) => text.match(pattern)).find((found) => found !== null);
            if (match != null) {
              waiters.delete(check);
              resolve(match);
            } else if (finished) {
              waiters.delete(check);
              reject(new Error(`the cell ended without printing ${pattern}:\n${cell.stdout}${cell.stderr}`));
            }
          };
          waiters.add(check);
          check();
        }),
    };
    const changed = (): void => waiters.forEach((check) => check());
    this.cells.set(id, {
      cell,
      changed,
      finish: (status) => {
        finished = true;
        finish(status);
        changed();
      },
    });
    if (this.ended !== undefined) {
      this.cells.get(id)!.finish(this.ended);
    } else {
      this.send({ op: "execute", id, code });
    }
    return cell;
  }

  /** What the Interrupt button has the server do: KernelManager.interrupt_kernel(). */
  async interrupt(): Promise<void> {
    await this.ask({ op: "interrupt" });
  }

  async status(): Promise<KernelStatus> {
    const answer = await this.ask({ op: "status" });
    return answer.event === "status" ? { alive: answer.alive, pid: answer.pid } : { alive: false, pid: -1 };
  }

  /** Shuts the kernel down and removes the registry. */
  async close(): Promise<void> {
    this.driver.stdin!.end();
    await this.exited;
    await rm(this.registry, { recursive: true, force: true });
  }

  private ask(command: Record<string, unknown>): Promise<DriverEvent> {
    if (this.driverExited) {
      return Promise.reject(new Error(`the kernel driver has exited:\n${this.log.join("\n")}`));
    }
    return new Promise((resolve) => {
      this.answers.push(resolve);
      this.send(command);
    });
  }

  private send(command: Record<string, unknown>): void {
    this.driver.stdin!.write(`${JSON.stringify(command)}\n`);
  }

  private receive(event: DriverEvent): void {
    switch (event.event) {
      case "stream": {
        const state = this.cells.get(event.id);
        if (state !== undefined) {
          state.cell[event.name] += event.text;
          state.changed();
        }
        return;
      }
      case "display": {
        const state = this.cells.get(event.id);
        const text = event.data["text/plain"];
        if (state !== undefined && typeof text === "string") {
          state.cell.displays.push(text);
          state.changed();
        }
        return;
      }
      case "done":
        this.cells.get(event.id)?.finish(event.status);
        this.cells.delete(event.id);
        return;
      case "died":
        this.endAll("kernel died");
        return;
      case "interrupted":
      case "status":
        this.answers.shift()?.(event);
        return;
      case "started":
        return;
    }
  }

  private endAll(status: CellStatus): void {
    this.ended ??= status;
    for (const state of this.cells.values()) {
      state.finish(status);
    }
    this.cells.clear();
    if (this.driverExited) {
      for (const answer of this.answers.splice(0)) {
        answer({ event: "died" });
      }
    }
  }
}
