import { AsyncLocalStorage } from "node:async_hooks";
import { dirname, resolve } from "node:path";
import { format } from "node:util";
import type { Converter } from "tslab/dist/converter";
import type { ConsoleInterface, ConverterSet, Executor } from "tslab/dist/executor";
import { hasTag, injectParameters, readNotebook, sourceText, type MimeBundle, type ParameterOverrides } from "@gpu-stream/cli/notebooks";

/*
 * Runs a notebook's code cells with tslab's own executor in this process, as tslab's kernel does (tslab/dist/main.js,
 * startKernel), minus Jupyter. What tslab does that matters here, checked against tslab 1.0.22:
 * - The compiler's rootDir and module resolution start at process.cwd() when createConverter runs (the kernel's cwd,
 *   which Jupyter sets to the notebook's folder), and createExecutor's require resolves from its rootDir.
 * - Cell code runs in this process's main context (vm.runInThisContext), so console.log goes to process.stdout;
 *   the kernel swaps process.stdout.write for a writer to the cell's output.
 * - The value of a cell's last expression, and every error (compile diagnostics and what a cell throws), reach
 *   Jupyter only through the executor's ConsoleInterface (log, error), as stdout and stderr text: tslab sends no
 *   execute_result and no error output, and a failed cell is only an execute_reply with status "error".
 * - display.* from "tslab" calls require("tslab/dist/jupyter").lastWriteDisplayData, a process-wide variable.
 * - createExecutor sets globalThis.__tslab__: one executor per process at a time, so runs here are serialized.
 * - A kernel is a fresh process, so each notebook starts with a fresh helper module: freshHelperModule() drops
 *   shared/'s compiled modules from require's cache (module-level state, such as a loaded Plotly source, starts anew).
 */

type TslabConverter = typeof import("tslab/dist/converter");
type TslabExecutor = typeof import("tslab/dist/executor");
interface DisplayData {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient?: { display_id?: string };
}
type TslabJupyter = { lastWriteDisplayData: ((data: DisplayData, update: boolean) => void) | null };

export interface DisplayOutput {
  /** The mime bundle, e.g. { "text/html": "<b>hi</b>" }. */
  readonly data: MimeBundle;
  readonly metadata: Record<string, unknown>;
  readonly displayId?: string;
  /** An update of an earlier display (tslab's newDisplay()), not a new one. */
  readonly update: boolean;
}

export interface CellRun {
  /** Among all cells, as Jupyter counts. */
  readonly index: number;
  readonly source: string;
  /** What Jupyter would show as the cell's stdout stream, including the printed value of a last expression. */
  stdout: string;
  stderr: string;
  readonly displays: DisplayOutput[];
  /** The value of the cell's last expression, when tslab prints one (it does not for null and undefined). */
  result?: unknown;
  /** What tslab reported as the error (a thrown value, or its compile diagnostics), for a failed cell. */
  error?: unknown;
}

export interface NotebookRun {
  readonly path: string;
  readonly cells: CellRun[];
  /** The notebook's top-level declarations after the last cell (tslab's executor.locals). */
  readonly locals: Record<string, unknown>;
}

export interface RunNotebookOptions {
  /** Injected into the cell tagged "parameters" first (see injectParameters). */
  readonly parameters?: ParameterOverrides;
  /** Set in process.env for the run, restored after. */
  readonly env?: Readonly<Record<string, string>>;
  /** For the whole run; default 120 s. An asynchronous wait is interrupted; a busy loop cannot be. */
  readonly timeoutMs?: number;
}

export class NotebookCellError extends Error {
  /** The failed cell: the last of `cells`. */
  readonly cell: CellRun;

  constructor(
    readonly notebook: string,
    /** The cells that ran, up to the failed one. */
    readonly cells: CellRun[],
  ) {
    const cell = cells.at(-1)!;
    const lines = cell.source.split("\n").map((line) => line.trim());
    // The first line that says what the cell does: not blank, not a comment such as the injected-parameters one.
    const firstLine = lines.find((line) => line !== "" && !line.startsWith("//")) ?? lines[0] ?? "";
    const said = [cell.stderr.trim(), cell.stdout.trim() === "" ? "" : `stdout:\n${cell.stdout.trim()}`].filter((text) => text !== "").join("\n");
    super(`${notebook}: cell ${cell.index} failed (${firstLine}):\n${said}`, { cause: cell.error });
    this.name = "NotebookCellError";
    this.cell = cell;
  }
}

/** Skipped by nbclient too (its skip_cells_with_tag default), so both ways of running agree. */
const SKIP_TAG = "skip-execution";

const cellContext = new AsyncLocalStorage<CellRun>();
let queue: Promise<unknown> = Promise.resolve();

/** Runs every code cell in order; rejects with NotebookCellError at the first failing one. */
export function runNotebook(path: string, options: RunNotebookOptions = {}): Promise<NotebookRun> {
  const run = queue.then(() => runAlone(resolve(path), options));
  queue = run.catch(() => undefined);
  return run;
}

const SHARED_DIST = resolve(dirname(require.resolve("@gpu-stream/shared")));

function freshHelperModule(): void {
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(SHARED_DIST)) {
      delete require.cache[key];
    }
  }
}

async function runAlone(path: string, options: RunNotebookOptions): Promise<NotebookRun> {
  freshHelperModule();
  const notebook = injectParameters(await readNotebook(path), options.parameters ?? {});
  const folder = dirname(path);
  const restore = [chdirTo(folder), setEnv(options.env ?? {}), captureOutput()];
  let executor: Executor | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const { createConverter } = require("tslab/dist/converter") as TslabConverter;
    const { createExecutor } = require("tslab/dist/executor") as TslabExecutor;
    // The node converter now, while cwd is the notebook's folder: it takes its rootDir from cwd once, and a cell may chdir.
    const converters = lazyConverters(createConverter);
    void converters.node;
    const tslabConsole: ConsoleInterface = {
      log: (...values: unknown[]) => {
        const cell = cellContext.getStore();
        if (cell !== undefined) {
          cell.result = values[0];
          cell.stdout += `${format(...values)}\n`;
        }
      },
      error: (...values: unknown[]) => {
        const cell = cellContext.getStore();
        if (cell !== undefined) {
          // One value is what a cell threw; several are printf-style compile diagnostics, one call each.
          const text = format(...values);
          cell.error = values.length === 1 ? values[0] : typeof cell.error === "string" ? `${cell.error}\n${text}` : text;
          cell.stderr += `${text}\n`;
        }
      },
    };
    executor = createExecutor(folder, converters, tslabConsole);
    const timeoutMs = options.timeoutMs ?? 120_000;
    let timedOut = false;
    timer = setTimeout(() => {
      timedOut = true;
      executor?.interrupt();
    }, timeoutMs);
    const cells: CellRun[] = [];
    for (const [index, cell] of notebook.cells.entries()) {
      const source = sourceText(cell.source);
      if (cell.cell_type !== "code" || source.trim() === "" || hasTag(cell, SKIP_TAG)) {
        continue;
      }
      const run: CellRun = { index, source, stdout: "", stderr: "", displays: [] };
      cells.push(run);
      const ok = await cellContext.run(run, () => executor!.execute(source));
      if (timedOut) {
        run.stderr += `timed out: the run took over ${timeoutMs} ms\n`;
      }
      // No cell may fail, not even one tagged raises-exception: after a failure tslab's kernel aborts the requests
      // of the next 200 ms, so under Jupyter the following cells would not run (see nbconvert_config.py).
      if (!ok || timedOut) {
        throw new NotebookCellError(path, cells);
      }
    }
    return { path, cells, locals: executor.locals };
  } finally {
    clearTimeout(timer);
    executor?.close();
    for (const undo of restore.reverse()) {
      undo();
    }
  }
}

/** As tslab's kernel: the browser converter (for %%browser cells) only when a cell needs it. */
function lazyConverters(createConverter: TslabConverter["createConverter"]): ConverterSet {
  let node: Converter | undefined;
  let browser: Converter | undefined;
  return {
    get node() {
      return (node ??= createConverter({ isBrowser: false }));
    },
    get browser() {
      return (browser ??= createConverter({ isBrowser: true }));
    },
    close() {
      node?.close();
      browser?.close();
    },
  };
}

/** The notebook's folder is the kernel's cwd under Jupyter: relative paths in cells and tslab's rootDir depend on it. */
function chdirTo(folder: string): () => void {
  const before = process.cwd();
  process.chdir(folder);
  return () => process.chdir(before);
}

function setEnv(env: Readonly<Record<string, string>>): () => void {
  const before = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  return () => {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  };
}

/**
 * Sends what cell code writes to stdout/stderr, and its displays, to its CellRun. Only writes made from a cell's
 * own (async) context are taken: anything else, such as node:test's reports to its parent, which also go through
 * process.stdout, passes through untouched.
 */
function captureOutput(): () => void {
  const jupyter = require("tslab/dist/jupyter") as TslabJupyter;
  const displayBefore = jupyter.lastWriteDisplayData;
  jupyter.lastWriteDisplayData = (display, update) => {
    const cell = cellContext.getStore();
    if (cell === undefined) {
      throw new Error("display outside a notebook cell");
    }
    const displayId = display.transient?.display_id;
    cell.displays.push({ data: display.data, metadata: display.metadata, update, ...(displayId === undefined ? {} : { displayId }) });
  };
  const undoStdout = interceptWrites(process.stdout, "stdout");
  const undoStderr = interceptWrites(process.stderr, "stderr");
  return () => {
    undoStderr();
    undoStdout();
    jupyter.lastWriteDisplayData = displayBefore;
  };
}

function interceptWrites(stream: NodeJS.WriteStream, name: "stdout" | "stderr"): () => void {
  const original = stream.write;
  const decoder = new TextDecoder();
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const cell = cellContext.getStore();
    if (cell === undefined) {
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    }
    cell[name] += typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array);
    const callback = rest.find((item) => typeof item === "function") as ((error?: Error | null) => void) | undefined;
    if (callback !== undefined) {
      process.nextTick(callback);
    }
    return true;
  } as typeof stream.write;
  return () => {
    stream.write = original;
  };
}
