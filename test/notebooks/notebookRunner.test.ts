import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { probeEmulator, stopEmulator } from "@gpu-stream/emulator";
import {
  INJECTED_COMMENT,
  injectParameters,
  parameterNames,
  parseAssignment,
  readNotebook,
  sourceText,
  type Cell,
  type CellOutput,
  type NotebookJson,
} from "@gpu-stream/cli/notebooks";
import { NotebookCellError, runNotebook } from "../support/notebookRunner";
import { REPO_ROOT } from "../support/repoRoot";

const repositoryRoot = REPO_ROOT;
const fixtures = join(repositoryRoot, "test", "fixtures", "notebooks");
const fixture = (name: string): string => join(fixtures, name);
const run = promisify(execFile);

function notebookOf(cells: { source: string; tags?: string[] }[]): NotebookJson {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map(({ source, tags }) => ({
      cell_type: "code",
      source: source.split(/(?<=\n)/),
      metadata: tags === undefined ? {} : { tags },
      execution_count: null,
      outputs: [],
    })),
  };
}

const parametersOf = (notebook: NotebookJson): string => sourceText(notebook.cells[0]!.source);

describe("injectParameters", () => {
  const notebook = notebookOf([
    { source: 'const RECORDS = 30;\nconst MODE: "local" | "aws" = "local"; // where to run\nlet RATE = 2.5 as number;\nconst URL = "http://x/;y"; // not ; here', tags: ["parameters"] },
    { source: "console.log(RECORDS);" },
  ]);

  test("replaces only the values, keeping annotations, assertions and comments, and says so on a first line", () => {
    const injected = injectParameters(notebook, { RECORDS: 5, MODE: "aws", RATE: -0.25, URL: "https://example.org/a;b" });
    assert.equal(
      parametersOf(injected),
      `${INJECTED_COMMENT}\nconst RECORDS = 5;\nconst MODE: "local" | "aws" = "aws"; // where to run\nlet RATE = -0.25 as number;\nconst URL = "https://example.org/a;b"; // not ; here`,
    );
    assert.ok(Array.isArray(injected.cells[0]!.source), "keeps Jupyter's list-of-lines form");
    assert.equal(sourceText(injected.cells[1]!.source), "console.log(RECORDS);");
    assert.equal(parametersOf(notebook).startsWith("const RECORDS = 30;"), true, "the input is left alone");
  });

  test("writes each value as a literal", () => {
    const injected = injectParameters(notebook, { MODE: 'say "hi"\nnow', RECORDS: null, RATE: true });
    assert.match(parametersOf(injected), /^const MODE: "local" \| "aws" = "say \\"hi\\"\\nnow"; \/\/ where to run$/m);
    assert.match(parametersOf(injected), /^const RECORDS = null;$/m);
    assert.match(parametersOf(injected), /^let RATE = true as number;$/m);
  });

  test("injecting twice keeps one marker line", () => {
    const twice = injectParameters(injectParameters(notebook, { RECORDS: 1 }), { RECORDS: 2 });
    assert.equal(parametersOf(twice).split(INJECTED_COMMENT).length, 2);
    assert.match(parametersOf(twice), /^const RECORDS = 2;$/m);
  });

  test("refuses a name the parameters cell does not declare, listing those it does", () => {
    assert.throws(() => injectParameters(notebook, { RECORDS: 1, RECORD: 2, SPEED: 3 }), {
      message: "the parameters cell (cell 0) declares RECORDS, MODE, RATE, URL; it has no RECORD, SPEED to set",
    });
    assert.deepEqual(parameterNames(notebook), ["RECORDS", "MODE", "RATE", "URL"]);
  });

  test("refuses to inject into a notebook without a cell tagged parameters; no overrides is a plain copy", () => {
    const untagged = notebookOf([{ source: "const RECORDS = 30;" }]);
    assert.throws(() => injectParameters(untagged, { RECORDS: 1 }), /no code cell is tagged "parameters", so there is nowhere to set RECORDS/);
    assert.deepEqual(injectParameters(untagged, {}), untagged);
  });

  test("refuses what it cannot replace safely", () => {
    const awkward = notebookOf([{ source: "const A = 1, B = 2;\nconst LIST = [\n  1,\n];", tags: ["parameters"] }]);
    assert.throws(() => injectParameters(awkward, { A: 3 }), /parameter A: declare one parameter per line/);
    assert.throws(() => injectParameters(awkward, { LIST: 3 }), /parameter LIST: its value must be on the line that declares it/);
    assert.throws(() => injectParameters(notebook, { RECORDS: Number.POSITIVE_INFINITY }), /parameter RECORDS: Infinity has no literal/);
    const twoCells = notebookOf([
      { source: "const A = 1;", tags: ["parameters"] },
      { source: "const B = 1;", tags: ["parameters"] },
    ]);
    assert.throws(() => injectParameters(twoCells, { A: 2 }), /2 code cells are tagged "parameters" \(cells 0, 1\)/);
  });

  test("NAME=value arguments: JSON where it parses, else a string", () => {
    assert.deepEqual(parseAssignment("RECORDS=30"), ["RECORDS", 30]);
    assert.deepEqual(parseAssignment("MODE=aws"), ["MODE", "aws"]);
    assert.deepEqual(parseAssignment('ID="30"'), ["ID", "30"]);
    assert.deepEqual(parseAssignment("FAST=true"), ["FAST", true]);
    assert.deepEqual(parseAssignment("DIR=null"), ["DIR", null]);
    assert.deepEqual(parseAssignment("EMPTY="), ["EMPTY", ""]);
    assert.throws(() => parseAssignment("LIST=[1]"), /a parameter is a string, number, boolean or null/);
    assert.throws(() => parseAssignment("no-name=1"), /is not NAME=value/);
  });

  test("the injection CLI writes the copy: strict arguments, a JSON file, and values for whoever declares them", async () => {
    const folder = await mkdtemp(join(tmpdir(), "gpu-stream-inject-"));
    try {
      const output = join(folder, "basics.ipynb");
      await writeFile(join(folder, "params.json"), JSON.stringify({ FAST: true }));
      const cli = join(repositoryRoot, "scripts", "dist", "notebooks", "injectCli.js");
      await run(process.execPath, [cli, fixture("basics.ipynb"), output, "RECORDS=7", "--params", join(folder, "params.json"), "--if-declared", "MODE=cli", "--if-declared", "PORT=1"]);
      const source = sourceText((await readNotebook(output)).cells[1]!.source);
      assert.match(source, /^const RECORDS = 7;$/m);
      assert.match(source, /^const MODE: string = "cli"; \/\/ where the records go$/m);
      assert.match(source, /^const FAST = true;$/m);
      await assert.rejects(run(process.execPath, [cli, fixture("basics.ipynb"), output, "PORT=1"]), /basics\.ipynb: the parameters cell \(cell 1\) declares RECORDS, MODE, FAST, LABEL; it has no PORT to set/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe("runNotebook: tslab's executor in this process", () => {
  test("runs every code cell: shared import, top-level await, stdout, stderr, display, last value, locals", async () => {
    const cwd = process.cwd();
    const result = await runNotebook(fixture("basics.ipynb"));
    assert.deepEqual(
      result.cells.map((cell) => cell.index),
      [1, 2, 3, 4, 6],
      "code cells only, by their index among all cells; the one tagged skip-execution is skipped",
    );
    const [parameters, shared, awaited, displayed, last] = result.cells;
    assert.equal(parameters!.stdout, "");
    assert.equal(shared!.stdout, "metrics: energia,Frequencia,temperatura,Uso,usoVRAM\n");
    assert.equal(awaited!.stdout, "waited for 6\n");
    assert.equal(awaited!.stderr, "a warning on stderr\n");
    assert.deepEqual(
      displayed!.displays.map((display) => display.data),
      [{ "text/html": "<b>3 records</b>" }],
    );
    assert.equal(last!.stdout, `cwd: ${fixtures}\n30\n`, "tslab prints the last expression's value after what the cell logged");
    assert.equal(last!.result, 30);
    assert.equal(result.locals["metricCount"], 5);
    assert.equal(result.locals["temperature"], "temperatura");
    assert.equal(result.locals["waited"], 6);
    assert.equal((result.locals["records"] as unknown[]).length, 3);
    assert.equal(result.locals["here"], fixtures, "cells run in the notebook's folder");
    assert.equal(result.locals["greeting"], "none");
    assert.equal(process.cwd(), cwd, "and the runner's cwd is restored");
  });

  test("injected parameters and env take effect, and env is restored", async () => {
    const result = await runNotebook(fixture("basics.ipynb"), { parameters: { RECORDS: 5, MODE: "aws" }, env: { FIXTURE_GREETING: "hello" } });
    assert.ok(result.cells[0]!.source.startsWith(INJECTED_COMMENT));
    const records = result.locals["records"] as { mode: string }[];
    assert.equal(records.length, 5);
    assert.equal(records[0]!.mode, "aws");
    assert.deepEqual(result.cells[3]!.displays[0]!.data, { "text/html": "<b>5 records</b>" });
    assert.equal(result.cells[4]!.result, 50);
    assert.equal(result.locals["greeting"], "hello");
    assert.equal(process.env["FIXTURE_GREETING"], undefined);
  });

  test("a failing cell rejects, naming the notebook, the cell, its first line and the error; later cells do not run", async () => {
    await assert.rejects(runNotebook(fixture("failing.ipynb")), (error: unknown) => {
      assert.ok(error instanceof NotebookCellError);
      assert.match(error.message, /failing\.ipynb: cell 1 failed \(console\.log\("about to fail"\);\):\n/);
      assert.match(error.message, /Error: boom from cell 1/);
      assert.match(error.message, /stdout:\nabout to fail/);
      assert.equal((error.cause as Error).message, "boom from cell 1");
      assert.deepEqual(
        error.cells.map((cell) => cell.index),
        [0, 1],
      );
      return true;
    });
  });

  test("a parameter of the wrong type fails to compile in the parameters cell", async () => {
    await assert.rejects(runNotebook(fixture("basics.ipynb"), { parameters: { MODE: 5 } }), /basics\.ipynb: cell 1 failed \(const RECORDS = 3;\):\n3:7 - Type 'number' is not assignable to type 'string'\./);
  });

  test("a run that outlasts timeoutMs is interrupted", async () => {
    await assert.rejects(runNotebook(fixture("slow.ipynb"), { parameters: { DELAY_MS: 1500 }, timeoutMs: 200 }), /slow\.ipynb: cell 1 failed .*\n[\s\S]*timed out: the run took over 200 ms/);
  });
});

function jupyterPython(): string | undefined {
  const candidates = process.env["PYTHON"] === undefined ? ["/usr/bin/python3", "python3"] : [process.env["PYTHON"]];
  return candidates.find((python) => spawnSync(python, ["-c", "import nbconvert, nbclient, jupyter_client, IPython"]).status === 0);
}

/**
 * A free port below Linux's ephemeral range (32768-60999). A port the system hands out for `listen(0)` is free
 * again once we close it, and the Jupyter kernel nbconvert starts next binds its five ZeroMQ sockets to ports of
 * that range: one once took ours, and the notebook's emulator found ZeroMQ answering there.
 */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(candidate, "127.0.0.1", () => resolve(true));
    });
    if (bound) {
      await new Promise((resolve) => server.close(resolve));
      return candidate;
    }
  }
  throw new Error("no free port found between 20000 and 32000");
}

function outputsOf(cell: Cell | undefined): CellOutput[] {
  assert.ok(cell !== undefined && cell.cell_type === "code");
  return cell.outputs;
}

const streamText = (outputs: CellOutput[], name: "stdout" | "stderr"): string =>
  outputs.flatMap((output) => (output.output_type === "stream" && output.name === name ? [sourceText(output.text)] : [])).join("");

const python = jupyterPython();
const skipJupyter = python === undefined ? "Jupyter's nbconvert is not installed (apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel)" : false;

describe("scripts/run-notebooks.sh: real Jupyter with the tslab kernel", { skip: skipJupyter }, () => {
  const script = join(repositoryRoot, "scripts", "run-notebooks.sh");
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-notebook-emulator-"));
  });
  after(async () => {
    await stopEmulator({ dataDir }).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  test("executes each notebook from its own folder with its parameters; an emulator it starts outlives its kernel", async () => {
    const port = await freePort();
    const args = ["MODE=jupyter", fixture("basics.ipynb"), "RECORDS=2", fixture("emulator.ipynb"), `PORT=${port}`, `DATA_DIR=${dataDir}`];
    const { stdout } = await run(script, args, { cwd: repositoryRoot, env: { ...process.env, PYTHON: python! }, timeout: 300_000 });
    assert.match(stdout, /running .*basics\.ipynb with RECORDS=2\n {2}ok in \d+ s: .*\.run\/basics\.ipynb\n/);

    const basics = await readNotebook(join(fixtures, ".run", "basics.ipynb"));
    assert.match(sourceText(basics.cells[1]!.source), /^const MODE: string = "jupyter";/m, "a value before the first notebook goes to each that declares it");
    assert.equal(streamText(outputsOf(basics.cells[2]), "stdout"), "metrics: energia,Frequencia,temperatura,Uso,usoVRAM\n");
    assert.equal(streamText(outputsOf(basics.cells[3]), "stdout"), "waited for 4\n");
    assert.equal(streamText(outputsOf(basics.cells[3]), "stderr"), "a warning on stderr\n");
    assert.deepEqual(
      outputsOf(basics.cells[4]).map((output) => output.output_type === "display_data" && sourceText(output.data["text/html"] as string | string[])),
      ["<b>2 records</b>"],
    );
    assert.deepEqual(outputsOf(basics.cells[5]), [], "skip-execution");
    assert.equal(streamText(outputsOf(basics.cells[6]), "stdout"), `cwd: ${fixtures}\n20\n`, "the kernel runs in the notebook's folder, not in .run/");

    const emulatorRun = await readNotebook(join(fixtures, ".run", "emulator.ipynb"));
    const started = JSON.parse(streamText(outputsOf(emulatorRun.cells[2]), "stdout")) as { url: string; started: boolean; pid: number };
    assert.equal(started.started, true);
    assert.deepEqual(await probeEmulator(started.url), { kind: "emulator" }, "still running after nbconvert shut the kernel down");
    assert.deepEqual(await stopEmulator({ dataDir, url: started.url }), { stopped: true, pid: started.pid });
  });

  test("stops at the first failing cell, showing it and what it wrote", async () => {
    await assert.rejects(run(script, [fixture("failing.ipynb"), fixture("basics.ipynb")], { cwd: repositoryRoot, env: { ...process.env, PYTHON: python! }, timeout: 300_000 }), (error: { code: number; stdout: string; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /run-notebooks: .*failing\.ipynb failed after \d+ s\n=== cell 1 failed:\nconsole\.log\("about to fail"\);/);
      assert.match(error.stderr, /--- what it wrote:\nabout to fail\n[\s\S]*Error: boom from cell 1/);
      assert.doesNotMatch(error.stdout, /basics\.ipynb/, "the next notebook does not run");
      return true;
    });
  });

  test("refuses an undeclared parameter before running anything", async () => {
    await assert.rejects(run(script, [fixture("basics.ipynb"), fixture("slow.ipynb"), "SPEED=9"], { cwd: repositoryRoot, env: { ...process.env, PYTHON: python! } }), (error: { code: number; stdout: string; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /slow\.ipynb: the parameters cell \(cell 0\) declares DELAY_MS; it has no SPEED to set/);
      assert.doesNotMatch(error.stdout, /running/);
      return true;
    });
  });
});
