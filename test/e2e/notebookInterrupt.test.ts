import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { COURSE_NAMES, ensureStream } from "@gpu-stream/shared";
import { injectParameters, readNotebook, sourceText } from "@gpu-stream/cli/notebooks";
import { JupyterKernel, skipWithoutJupyter, type KernelCell } from "../support/jupyterKernel";
import { readStream, text } from "../support/kinesisTestKit";
import { startTestEmulator, type TestEmulator } from "../support/testEmulator";
import { REPO_ROOT } from "../support/repoRoot";

const NOTEBOOKS = resolve(REPO_ROOT, "notebooks");
const PRODUCER = join(NOTEBOOKS, "GPU_Temp.ipynb");
/** Far more than the test waits for: each loop is stopped by the interrupt, not by its count. */
const RECORDS = 100_000;
const STREAM = COURSE_NAMES.stream;

/** The producer notebook's loop on produceRecords, the cell its prose says to interrupt. */
const isProduceCell = (source: string): boolean => source.includes("produceRecords(") && source.includes("signal:");
/** The plain SDK loop a producer notebook shows first. */
const isPutRecordLoop = (source: string): boolean => source.includes("new PutRecordCommand(") && /\bfor\b|\bwhile\b/.test(source);

/** For a producer notebook without its own: a plain loop of PutRecordCommand, written as its cell must be. */
const PUT_RECORD_LOOP = `
import { PutRecordCommand } from "@aws-sdk/client-kinesis";
import { abortableSleep, abortOnInterrupt } from "@gpu-stream/shared";

const interruptLoop = abortOnInterrupt();
let putByLoop = 0;
try {
  for (let i = 1; i <= RECORDS && !interruptLoop.signal.aborted; i++) {
    const record = { idtemp: String(i), dado: "41.0", tipo: METRIC, timestamp: new Date().toISOString() };
    const answer = await pipeline.clients.kinesis.send(new PutRecordCommand({
      StreamName: pipeline.names.stream,
      Data: new TextEncoder().encode(JSON.stringify(record)),
      PartitionKey: "02",
    }));
    putByLoop += 1;
    console.log(\`record \${i}: ShardId \${answer.ShardId}, SequenceNumber \${answer.SequenceNumber}\`);
    await abortableSleep(INTERVAL_S * 1000, interruptLoop.signal);
  }
} finally {
  interruptLoop.dispose();
}
console.log(\`the loop put \${putByLoop} records\`);
`;

/** Kinesis's sequence numbers: tens of digits; nothing else a producer prints is that long. */
function printedSequenceNumbers(output: string): string[] {
  return output.match(/\b\d{20,}\b/g) ?? [];
}

/**
 * Kernel > Interrupt in a producer notebook under real Jupyter: the tslab kernel started by jupyter_client in the
 * notebook's folder, its cells sent as the front end sends them, and the interrupt the Interrupt button asks for
 * (KernelManager.interrupt_kernel(): SIGINT, the kernelspec's interrupt_mode being the default "signal").
 */
describe("Kernel > Interrupt in a producer notebook, through jupyter_client", { skip: skipWithoutJupyter, timeout: 300_000 }, () => {
  let emulator: TestEmulator;
  let kernel: JupyterKernel;
  let cells: string[];
  let next = 0;

  const recordsInStream = async (): Promise<number> => (await readStream(emulator.kinesis, STREAM)).length;

  const runToEnd = async (source: string): Promise<KernelCell> => {
    const cell = kernel.execute(source);
    assert.equal(await cell.done, "ok", `the cell failed:\n${source}\n${cell.stdout}${cell.stderr}\n${kernel.log.join("\n")}`);
    return cell;
  };

  /** Runs the notebook's code cells from the next one up to the first that `matches`, which it returns, not run. */
  const runCellsBefore = async (matches: (source: string) => boolean): Promise<string | undefined> => {
    for (; next < cells.length && !matches(cells[next]!); next++) {
      await runToEnd(cells[next]!);
    }
    return cells[next];
  };

  const assertKernelAlive = async (): Promise<void> => {
    assert.deepEqual(await kernel.status(), { alive: true, pid: kernel.pid }, `the kernel died:\n${kernel.log.join("\n")}`);
  };

  before(async () => {
    emulator = await startTestEmulator();
    await ensureStream(emulator.kinesis, STREAM);
    const notebook = injectParameters(await readNotebook(PRODUCER), {
      MODE: "local",
      ENDPOINT: emulator.emulator.url,
      RECORDS,
      INTERVAL_S: 0.5,
    });
    cells = notebook.cells.filter((cell) => cell.cell_type === "code").map((cell) => sourceText(cell.source));
    assert.ok(cells.some(isProduceCell), `${PRODUCER} has no produceRecords cell with a signal`);
    kernel = await JupyterKernel.start({
      cwd: NOTEBOOKS,
      env: { GPU_STREAM_ENDPOINT: emulator.emulator.url, GPU_STREAM_EMULATOR_DATA_DIR: emulator.dataDir },
    });
  });
  after(async () => {
    await kernel?.close();
    await emulator?.close();
  });

  test("Interrupt stops a plain loop of PutRecordCommand after the record in flight; the kernel lives on", async () => {
    const found = await runCellsBefore((source) => isPutRecordLoop(source) || isProduceCell(source));
    let source = PUT_RECORD_LOOP;
    if (found !== undefined && isPutRecordLoop(found)) {
      source = found;
      next += 1;
    }
    const before = await recordsInStream();
    const cell = kernel.execute(source);
    await cell.waitFor(/\d{20,}/);
    await kernel.interrupt();

    assert.equal(await cell.done, "ok", `the loop's cell did not end by itself:\n${cell.stdout}${cell.stderr}`);
    await assertKernelAlive();
    const printed = printedSequenceNumbers(cell.stdout);
    assert.ok(printed.length >= 1 && printed.length < 10, `the loop stopped soon after the interrupt: ${cell.stdout}`);
    const stored = (await readStream(emulator.kinesis, STREAM)).slice(before);
    assert.deepEqual(
      stored.map((record) => record.SequenceNumber),
      printed,
      "the records the loop printed are the ones Kinesis holds, and it put none after it stopped",
    );
  });

  test("Interrupt ends the produceRecords cell with its totals, every counted record acknowledged; the kernel lives on", async () => {
    const produce = await runCellsBefore(isProduceCell);
    assert.ok(produce !== undefined);
    next += 1;
    const before = await recordsInStream();
    const cell = kernel.execute(produce);
    await cell.waitFor(/sent [2-9]/);
    await kernel.interrupt();

    assert.equal(await cell.done, "ok", `the cell did not end with its totals:\n${cell.stdout}${cell.stderr}`);
    await assertKernelAlive();
    const totals = /stopped by (\w+): sent (\d+) · failed (\d+)/.exec(cell.stdout);
    assert.ok(totals !== null, `the cell prints its totals: ${cell.stdout}`);
    const [, stoppedBy, sent, failed] = totals;
    assert.equal(stoppedBy, "abort");
    assert.equal(failed, "0");
    assert.ok(Number(sent) >= 2 && Number(sent) < RECORDS);
    const stored = (await readStream(emulator.kinesis, STREAM)).slice(before);
    assert.equal(stored.length, Number(sent), "every record counted was acknowledged, and none was put after the totals");
    assert.ok(stored.every((record) => JSON.parse(text(record.Data)).tipo === "temperatura"));
  });

  test("a later cell reads the variables defined before the interrupts", async () => {
    const cell = await runToEnd(`console.log(JSON.stringify({ metric: METRIC, stream: pipeline.names.stream, sent: report.sent }));`);
    const { metric, stream, sent } = JSON.parse(cell.stdout) as { metric: string; stream: string; sent: number };
    assert.deepEqual({ metric, stream }, { metric: "temperatura", stream: STREAM });
    assert.ok(sent >= 2);
    await assertKernelAlive();
  });

  // Last: tslab aborts the requests of the 200 ms after a failed cell (docs/notebooks.md).
  test("a cell that ignores its signal is abandoned at the second Interrupt, as tslab does; the kernel lives on", async () => {
    const cell = kernel.execute(`
      const ignored = abortOnInterrupt();
      ignored.signal.addEventListener("abort", () => console.log("asked to stop"));
      await new Promise((resolve) => setImmediate(resolve));
      console.log("listening");
      await new Promise((resolve) => setTimeout(resolve, 600_000));
    `);
    await cell.waitFor(/listening/);
    await kernel.interrupt();
    await cell.waitFor(/asked to stop/);
    await kernel.interrupt();

    assert.equal(await cell.done, "error");
    assert.match(cell.stderr, /Interrupted asynchronously/);
    await assertKernelAlive();
  });
});
