import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { runNotebook } from "../support/notebookRunner";
import { REPO_ROOT } from "../support/repoRoot";

const FIXTURE = join(REPO_ROOT, "test", "fixtures", "notebooks", "interrupt.ipynb");

/**
 * abortOnInterrupt in cells run by tslab's own executor in this process (vm's breakOnSigint included), each cell
 * sending this process the SIGINT Kernel > Interrupt sends the kernel. Were a SIGINT listener added while a cell's
 * synchronous part runs, the SIGINT would end this process and the test with it. tslab's kernel-only listener is
 * absent here; test/e2e/notebookInterrupt.test.ts interrupts the real kernel through jupyter_client.
 */
describe("abortOnInterrupt", () => {
  test("SIGINT aborts the signal, the cell ends its own way, twice in a row, and the earlier variables remain", async () => {
    const listenersBefore = process.rawListeners("SIGINT");
    const run = await runNotebook(FIXTURE, { timeoutMs: 30_000 });
    assert.deepEqual(
      run.cells.map((cell) => cell.stdout),
      ["", "", "first: interrupted\n", "second: interrupted\n", "still here\n"],
    );
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(process.rawListeners("SIGINT"), listenersBefore, "the process's own SIGINT listeners are back");
  });
});
