import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { injectParameters, readNotebook, sourceText, type ParameterOverrides } from "@gpu-stream/cli/notebooks";
import { localPipelineNames, provisionStorageAndStream } from "@gpu-stream/shared";
import { startTestEmulator, type TestEmulator } from "../support/testEmulator";
import { JupyterKernel, skipWithoutJupyter } from "../support/jupyterKernel";
import { REPO_ROOT } from "../support/repoRoot";

const NOTEBOOKS = resolve(REPO_ROOT, "notebooks");

/** A last cell that prints what the kernel holds: its resident memory and every module `require` has loaded. */
const PROBE_CELL = "console.log(JSON.stringify({ rss: process.memoryUsage().rss, modules: Object.keys(require.cache) }));";

interface KernelHoldings {
  readonly rss: number;
  readonly modules: readonly string[];
}

async function codeCells(name: string, parameters: ParameterOverrides): Promise<string[]> {
  const notebook = injectParameters(await readNotebook(join(NOTEBOOKS, `${name}.ipynb`)), parameters);
  return notebook.cells.filter((cell) => cell.cell_type === "code").map((cell) => sourceText(cell.source));
}

interface KernelRun {
  readonly pid: number;
  /** Everything the notebook's cells printed. */
  readonly stdout: string;
}

/** Runs the notebook's code cells and then the probe in one real kernel; fails with the first failed cell's output. */
async function runAndProbe(name: string, parameters: ParameterOverrides): Promise<{ run: KernelRun; holdings: KernelHoldings }> {
  const kernel = await JupyterKernel.start({ cwd: NOTEBOOKS });
  try {
    let stdout = "";
    for (const [index, source] of (await codeCells(name, parameters)).entries()) {
      const cell = kernel.execute(source);
      const status = await cell.done;
      assert.equal(status, "ok", `${name}: code cell ${index} ended ${status}:\n${cell.stdout}\n${cell.stderr}`);
      stdout += cell.stdout;
    }
    const probe = kernel.execute(PROBE_CELL);
    assert.equal(await probe.done, "ok", probe.stderr);
    return { run: { pid: kernel.pid, stdout }, holdings: JSON.parse(probe.stdout) as KernelHoldings };
  } finally {
    await kernel.close();
  }
}

const loaded = (holdings: KernelHoldings, pattern: RegExp): string[] => holdings.modules.filter((path) => pattern.test(path));
const DANFO = /node_modules\/(danfojs-node|@tensorflow)\//;
const PLOTLY = /node_modules\/plotly\.js[^/]*\//;
/** The SDK clients a producer does not use: connectPipeline's, which @gpu-stream/shared/producer leaves out. */
const OTHER_SDK_CLIENTS = /node_modules\/@aws-sdk\/client-(glue|s3|athena|iam|firehose|sts)\//;

/**
 * What a notebook's kernel holds, in a real tslab kernel started through jupyter_client (the memory a student's
 * open tab costs). A producer needs the Kinesis client and the sample model, not danfo.js (with TensorFlow.js) nor
 * Plotly's bundle: the helper module loads those on first use (profileGpuLog.ts, plotlySource.ts). Nor the other
 * SDK clients: tslab would keep their declarations in its type checker for the kernel's life (docs/notebooks.md).
 */
describe("a notebook kernel's memory", { skip: skipWithoutJupyter, timeout: 300_000 }, () => {
  let emulator: TestEmulator;
  let scratch: string;

  before(async () => {
    emulator = await startTestEmulator();
    scratch = await mkdtemp(join(tmpdir(), "gpu-stream-kernel-memory-"));
    await provisionStorageAndStream(emulator.clients, localPipelineNames(), { bufferIntervalSeconds: 60 });
  });
  after(async () => {
    await emulator?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  test("a producer kernel, after its cells ran, has loaded neither danfo.js, Plotly nor the other SDK clients", async (t) => {
    const { run, holdings } = await runAndProbe("GPU_Temp", { MODE: "local", ENDPOINT: emulator.emulator.url, RECORDS: 4, INTERVAL_S: 0 });
    assert.match(run.stdout, /stopped by count/, "the producer put its records");
    assert.deepEqual(loaded(holdings, DANFO), []);
    assert.deepEqual(loaded(holdings, PLOTLY), []);
    assert.deepEqual(loaded(holdings, OTHER_SDK_CLIENTS), [], "the producer imports @gpu-stream/shared/producer only");
    assert.ok(holdings.modules.some((path) => path.includes("@aws-sdk/client-kinesis")), "the probe sees the modules the cells loaded");
    t.diagnostic(`producer kernel (pid ${run.pid}): ${Math.round(holdings.rss / 1e6)} MB resident, ${holdings.modules.length} modules loaded`);
  });

  test("01_profile_gpu_log's DataFrame cells still load danfo.js, on first use, and run", async (t) => {
    const { run, holdings } = await runAndProbe("01_profile_gpu_log", { PROFILE_PATH: join(scratch, "generator-profile.json") });
    assert.ok(loaded(holdings, DANFO).length > 0, "danfo.js was loaded by the cells that needed it");
    assert.match(run.stdout, /wrote .*generator-profile\.json/);
    t.diagnostic(`01_profile_gpu_log kernel: ${Math.round(holdings.rss / 1e6)} MB resident, ${holdings.modules.length} modules loaded`);
  });
});
