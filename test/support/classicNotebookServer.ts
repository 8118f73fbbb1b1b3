import { execFile, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { REPO_ROOT } from "./repoRoot";

// Compiled to test/dist/support/.
/** Debian's Python, which has Jupyter; the pyenv `python3` on PATH does not. */
const PYTHON = "/usr/bin/python3";
const JUPYTER_NOTEBOOK = "/usr/bin/jupyter-notebook";

function classicNotebookMissing(): false | string {
  if (!existsSync(JUPYTER_NOTEBOOK)) {
    return `no classic Jupyter Notebook at ${JUPYTER_NOTEBOOK}: apt-get install jupyter-notebook`;
  }
  try {
    execFileSync(PYTHON, ["-c", "import notebook, jupyter_client"], { stdio: "ignore" });
  } catch {
    return `${PYTHON} cannot import notebook and jupyter_client: apt-get install jupyter-notebook python3-notebook`;
  }
  return false;
}

/** A test's skip option: the classic Notebook 6 as Debian packages it, for Debian's own Python. */
export const skipWithoutClassicNotebook: false | string = classicNotebookMissing();

export interface ClassicNotebookServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** The URL that opens `path` (relative to the served folder) with this server's token. */
  urlOf(path: string): string;
  /** Everything the server wrote, for a failure's message. */
  readonly log: readonly string[];
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the classic Notebook serving `folder`, on a port, token, kernel registry (this checkout's tslab only,
 * as scripts/run-notebooks.sh registers it) and config/runtime/data directories of its own under `stateDir`, so
 * nothing of the user's Jupyter is read or written. `env` is added to the kernels' environment.
 * Options: https://jupyter-notebook.readthedocs.io/en/6.4.12/config.html; directories:
 * https://docs.jupyter.org/en/latest/use/jupyter-directories.html
 */
export async function startClassicNotebookServer(folder: string, stateDir: string, env: Readonly<Record<string, string>>): Promise<ClassicNotebookServer> {
  const kernels = join(stateDir, "kernels");
  const jupyterDirs = {
    JUPYTER_PATH: join(kernels, "share", "jupyter"),
    JUPYTER_CONFIG_DIR: join(stateDir, "config"),
    JUPYTER_RUNTIME_DIR: join(stateDir, "runtime"),
    JUPYTER_DATA_DIR: join(stateDir, "data"),
    IPYTHONDIR: join(stateDir, "ipython"),
  };
  for (const directory of Object.values(jupyterDirs)) {
    await mkdir(directory, { recursive: true });
  }
  await promisify(execFile)("sh", [join(REPO_ROOT, "scripts", "install-jupyter-kernel.sh"), "--prefix", kernels], {
    env: { ...process.env, ...jupyterDirs, PYTHON },
  });
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const child = spawn(
    PYTHON,
    ["-m", "notebook", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0", `--NotebookApp.token=${token}`, `--notebook-dir=${folder}`,
      // Containers (CI) run as root, which the Notebook refuses without this.
      ...(process.getuid?.() === 0 ? ["--allow-root"] : [])],
    { cwd: folder, env: { ...process.env, ...jupyterDirs, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const log: string[] = [];
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  await new Promise<void>((resolve, reject) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        log.push(line);
        if (line.includes(`127.0.0.1:${port}/`)) {
          resolve();
        }
      });
    }
    void exited.then((code) => reject(new Error(`the classic Notebook exited (${code}) before listening:\n${log.join("\n")}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    log,
    urlOf: (path) => `${origin}/notebooks/${path.split("/").map(encodeURIComponent).join("/")}?token=${token}`,
    close: async () => {
      // SIGTERM: the server shuts its kernels down before it exits (NotebookApp._signal_stop).
      child.kill("SIGTERM");
      await exited;
    },
  };
}
