import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import { DENORMALIZED_CSV_FILE, METRICS, parseDenormalizedCsv } from "@gpu-stream/shared";
import { REPO_ROOT } from "../support/repoRoot";

const ROOT = REPO_ROOT;
const START = join(ROOT, "scripts", "dist", "start.js");
const run = promisify(execFile);

interface Finished {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function start(args: readonly string[]): Promise<Finished> {
  try {
    const { stdout, stderr } = await run(process.execPath, [START, ...args], { cwd: ROOT, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** `npm start`'s program, as a user runs it: its own process, its own in-process emulator, real files. */
describe("npm start", { timeout: 180_000 }, () => {
  let outputDir: string;
  let finished: Finished;
  const recordsPerMetric = 7;

  before(async () => {
    outputDir = await mkdtemp(join(tmpdir(), "gpu-stream-start-"));
    finished = await start(["--records", String(recordsPerMetric), "--interval-ms", "0", "--batch", "3", "--out", outputDir, "--dashboard-port", "0"]);
  });
  after(() => rm(outputDir, { recursive: true, force: true }));

  test("runs the eight steps and accounts for every record", () => {
    assert.equal(finished.code, 0, finished.stderr);
    for (let step = 1; step <= 8; step += 1) {
      assert.match(finished.stdout, new RegExp(`\\[${step}/8\\] `));
    }
    const total = recordsPerMetric * METRICS.length;
    assert.match(finished.stdout, /\[2\/8\] [^\n]*\n(?:[^\n]*\n)*? {6}Dashboard: http:\/\/127\.0\.0\.1:\d+\/ /, "the live dashboard's address, before set-up");
    assert.match(finished.stdout, new RegExp(`records produced ${total} = records in S3 ${total} \\(\\d+ objects?\\) = rows in the table ${total} = rows in the CSV ${total}: all accounted for`));
  });

  test("writes the CSV with every record, the report, the profile and a summary", async () => {
    const rows = parseDenormalizedCsv(await readFile(join(outputDir, DENORMALIZED_CSV_FILE), "utf8"));
    assert.equal(rows.length, recordsPerMetric * METRICS.length);
    for (const metric of METRICS) {
      assert.equal(rows.filter((row) => row.tipo === metric).length, recordsPerMetric, metric);
    }
    const report = await readFile(join(outputDir, "report.html"), "utf8");
    assert.equal(report.match(/Plotly\.newPlot\(/g)?.length, 3, "over time, distributions, correlations");
    assert.ok((await stat(join(outputDir, "generator-profile.json"))).size > 0);
    const summary = JSON.parse(await readFile(join(outputDir, "run", "summary.json"), "utf8")) as { consistent: boolean; recordsProduced: number; steps: { step: string }[] };
    assert.equal(summary.consistent, true);
    assert.equal(summary.recordsProduced, recordsPerMetric * METRICS.length);
    assert.deepEqual(
      summary.steps.map((step) => step.step),
      ["profile", "target", "set-up", "produce", "deliver", "crawl", "athena", "report"],
    );
  });

  test("--help lists the flags, and a bad flag exits 1 saying why", async () => {
    const help = await start(["--help"]);
    assert.equal(help.code, 0);
    for (const flag of ["--aws", "--keep", "--records", "--interval-ms", "--batch", "--shards", "--on-demand", "--out", "--dashboard-port", "--no-dashboard", "--keep-dashboard"]) {
      assert.match(help.stdout, new RegExp(flag));
    }
    const bad = await start(["--records", "0"]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--records.*expected a number > 0, got '0'/);
  });
});
