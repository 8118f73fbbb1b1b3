import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

// Compiled to test/dist/support/.
const REPO_ROOT = join(__dirname, "..", "..", "..");
const DRIVER = join(REPO_ROOT, "test", "support", "tslabKernel.py");
const PYTHON = process.env["PYTHON"] ?? "/usr/bin/python3";
const run = promisify(execFile);

export interface KernelCellResult {
  readonly status: "ok" | "error";
  readonly stdout: string;
  readonly stderr: string;
}

export interface KernelRun {
  /** The kernel's process id (it has exited by now). */
  readonly pid: number;
  /** One per cell that ran; the run stops after the first that failed. */
  readonly cells: readonly KernelCellResult[];
}

/** Why tests of a real kernel cannot run here, or undefined when they can (Jupyter's client for PYTHON, tslab built). */
export function tslabKernelUnavailable(): string | undefined {
  const probe = spawnSync(PYTHON, ["-c", "import jupyter_client"], { stdio: "ignore" });
  if (probe.status !== 0) {
    return `${PYTHON} cannot import jupyter_client (apt-get install python3-jupyter-client, or set PYTHON)`;
  }
  return undefined;
}

/**
 * Starts a real tslab kernel through jupyter_client in `cwd` (as Jupyter starts it in the notebook's folder) and
 * runs `cells` in it in order, as the Run button does. The kernel is registered in a registry of this call's own
 * (JUPYTER_PATH, as scripts/run-notebooks.sh does), never the user's, and shut down before this returns.
 */
export async function runInTslabKernel(cwd: string, cells: readonly string[], options: { cellTimeoutS?: number } = {}): Promise<KernelRun> {
  const registry = await mkdtemp(join(tmpdir(), "gpu-stream-kernels-"));
  try {
    const env = { ...process.env, JUPYTER_PATH: join(registry, "share", "jupyter"), JUPYTER_RUNTIME_DIR: join(registry, "runtime") };
    await run("sh", [join(REPO_ROOT, "scripts", "install-jupyter-kernel.sh"), "--prefix", registry], { env: { ...env, PYTHON } });
    const request = JSON.stringify({ cwd, kernel: "tslab", cells, timeout: options.cellTimeoutS ?? 120 });
    const child = execFile(PYTHON, [DRIVER], { env, maxBuffer: 64 * 1024 * 1024 });
    child.stdin!.end(request);
    const stdout: string[] = [];
    const stderr: string[] = [];
    child.stdout!.on("data", (chunk: string) => stdout.push(chunk));
    child.stderr!.on("data", (chunk: string) => stderr.push(chunk));
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    if (code !== 0) {
      throw new Error(`the kernel driver exited with ${code}: ${stderr.join("")}`);
    }
    return JSON.parse(stdout.join("")) as KernelRun;
  } finally {
    await rm(registry, { recursive: true, force: true });
  }
}
