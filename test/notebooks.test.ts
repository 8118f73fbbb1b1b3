import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { METRICS, parseDenormalizedCsv } from "@gpu-stream/shared";
import { runNotebook, type NotebookRun } from "./support/notebookRunner";
import { inChromium, skipWithoutChromium } from "./support/chromium";
import { startTestEmulator, type TestEmulator } from "./support/testEmulator";

const NOTEBOOKS = resolve(__dirname, "..", "..", "notebooks");
const PRODUCERS = { energia: "GPU_energia", Frequencia: "GPU_Frequencia", temperatura: "GPU_Temp", Uso: "GPU_uso", usoVRAM: "GPU_usoVRAM" } as const;
const RECORDS = 4;
const SIDEBAR_RECORDS = 12;

function output(run: NotebookRun): string {
  return run.cells.map((cell) => cell.stdout).join("");
}

function displayedHtml(run: NotebookRun): string[] {
  return run.cells.flatMap((cell) => cell.displays.map((display) => display.data["text/html"]).filter((html): html is string => typeof html === "string"));
}

/**
 * A notebook's HTML outputs, in order, on one page, as JupyterLab shows them: their scripts run as the page
 * loads. Returns how many Plotly charts drew something, and anything that went wrong.
 */
async function drawInBrowser(htmls: readonly string[], expected: number, directory: string): Promise<{ charts: number; problems: string[] }> {
  const path = join(directory, `outputs-${Date.now()}.html`);
  await writeFile(path, `<!doctype html><html><head><meta charset="utf-8"></head><body>\n${htmls.map((html) => `<div class="output">${html}</div>`).join("\n")}\n</body></html>`);
  let charts = 0;
  const problems = await inChromium(path, async (page) => {
    await page.waitForFunction(`document.querySelectorAll(".js-plotly-plot .main-svg").length >= ${expected}`, undefined, { timeout: 10_000 }).catch(() => undefined);
    charts = await page.evaluate<number>(
      `[...document.querySelectorAll(".js-plotly-plot")].filter((plot) =>
        plot.querySelectorAll(".scatterlayer .point, .barlayer .point, .hm").length > 0 ||
        [...plot.querySelectorAll(".scatterlayer .js-line")].some((line) => (line.getAttribute("d") || "").length > 10)).length`,
    );
  });
  return { charts, problems };
}

/**
 * Every notebook, top to bottom, in the order a student runs them, through tslab's own executor against a real
 * emulator on a free port; parameters set for speed the way a student would edit the parameters cell.
 */
describe("the notebooks, in order", { timeout: 600_000 }, () => {
  let emulator: TestEmulator;
  let outputDir: string;
  const runs: Record<string, NotebookRun> = {};
  const run = async (name: string, parameters: Record<string, string | number | boolean> = {}): Promise<NotebookRun> => {
    runs[name] = await runNotebook(join(NOTEBOOKS, `${name}.ipynb`), { parameters, timeoutMs: 180_000 });
    return runs[name]!;
  };

  before(async () => {
    emulator = await startTestEmulator();
    // The kernel runs in this process: 00_setup accepts the named emulator only as its own data directory's.
    process.env["GPU_STREAM_EMULATOR_DATA_DIR"] = emulator.dataDir;
    outputDir = await mkdtemp(join(tmpdir(), "gpu-stream-notebooks-"));
  });
  after(async () => {
    await emulator.close();
    await rm(outputDir, { recursive: true, force: true });
  });

  const local = (): { MODE: string; ENDPOINT: string } => ({ MODE: "local", ENDPOINT: emulator.emulator.url });

  test("00_setup finds the emulator running and creates the bucket, the stream and the delivery stream", async () => {
    const setup = await run("00_setup", local());
    assert.match(output(setup), /the emulator is already running at http:\/\/127\.0\.0\.1:\d+/);
    const listing = output(setup);
    for (const resource of ["gpu-stream-telemetry", "gpucontrole", "gpucontrole-to-s3"]) {
      assert.match(listing, new RegExp(`created .*${resource}`), `00_setup says it created ${resource}`);
    }
    const { StreamNames: streams } = await emulator.kinesis.send(new ListStreamsCommand({}));
    assert.deepEqual(streams, ["gpucontrole"]);
  });

  test("00_setup run twice creates nothing twice", async () => {
    const again = await run("00_setup", local());
    assert.doesNotMatch(output(again), /^created /m);
    const { StreamNames: streams } = await emulator.kinesis.send(new ListStreamsCommand({}));
    assert.deepEqual(streams, ["gpucontrole"]);
  });

  test("01_profile_gpu_log profiles the sample log, charts it and writes the profile", async () => {
    const profilePath = join(outputDir, "generator-profile.json");
    const profile = await run("01_profile_gpu_log", { PROFILE_PATH: profilePath });
    assert.match(output(profile), /gpu-z log: 1800 samples/);
    const written = JSON.parse(await readFile(profilePath, "utf8")) as { metrics: Record<string, { min: number; max: number }> };
    assert.equal(written.metrics["energia"]!.min, 16);
    assert.equal(written.metrics["energia"]!.max, 37.6);
    const charts = displayedHtml(profile);
    assert.equal(charts.length, 2, "two charts: over time and histograms");
    assert.equal(charts.filter((html) => html.includes("Plotly.newPlot")).length, 2);
  });

  test("01_profile_gpu_log's charts draw in a browser from its outputs alone", { skip: skipWithoutChromium }, async () => {
    const drawn = await drawInBrowser(displayedHtml(runs["01_profile_gpu_log"]!), 2, outputDir);
    assert.deepEqual(drawn, { charts: 2, problems: [] });
  });

  for (const [metric, notebook] of Object.entries(PRODUCERS)) {
    test(`${notebook} puts ${RECORDS} ${metric} records with PutRecord, then ${RECORDS} with PutRecords`, async () => {
      const producer = await run(notebook, { ...local(), RECORDS, INTERVAL_S: 0, PROFILE_PATH: join(outputDir, "generator-profile.json") });
      assert.match(output(producer), new RegExp(`stopped by count: sent ${RECORDS} · failed 0`));
      assert.match(output(producer), new RegExp(`PutRecords: sent ${RECORDS} · failed 0 .* in 1 request`));
      const counts = producer.cells.flatMap((cell) => cell.displays.map((display) => display.data["text/plain"]));
      assert.ok(counts.some((text) => typeof text === "string" && text.startsWith(`${metric}: sent ${RECORDS}`)), "the running count reached the last record");
    });
  }

  test("02_glue_crawler crawls the bucket and shows the one-row-per-object trap and its fix", async () => {
    const crawler = await run("02_glue_crawler", { ...local(), SIDEBAR_RECORDS, SIDEBAR_OBJECTS: 3 });
    const text = output(crawler);
    const delivered = METRICS.length * RECORDS * 2;
    assert.match(text, new RegExp(`telemetry/: \\d+ objects, ${delivered} records, ${delivered} lines`));
    assert.match(text, /columns: +idtemp string, dado string, tipo string, timestamp string/);
    assert.match(text, /partition keys: partition_0 string, partition_1 string, partition_2 string, partition_3 string/);
    assert.match(text, new RegExp(`no-newline/: 3 objects holding ${SIDEBAR_RECORDS} records on 3 lines`));
    assert.match(text, new RegExp(`${SIDEBAR_RECORDS} records put, Athena counts 3 rows: one per object`));
    assert.match(text, /rewrote 3 of 3 objects/);
    assert.match(text, new RegExp(`Athena now counts ${SIDEBAR_RECORDS} rows for ${SIDEBAR_RECORDS} records`));
  });

  test("03_athena_analysis queries, writes the CSV of dados_tratados, charts it and writes the report", async () => {
    const csvPath = join(outputDir, "Dadosdesnormalizados.csv");
    const reportPath = join(outputDir, "report.html");
    const analysis = await run("03_athena_analysis", { ...local(), CSV_PATH: csvPath, REPORT_PATH: reportPath });
    const rows = parseDenormalizedCsv(await readFile(csvPath, "utf8"));
    assert.equal(rows.length, METRICS.length * RECORDS * 2, "every record the producers put, one row each");
    for (const metric of METRICS) {
      assert.equal(rows.filter((row) => row.tipo === metric).length, RECORDS * 2);
    }
    const charts = displayedHtml(analysis);
    assert.equal(charts.filter((html) => html.includes("Plotly.newPlot")).length, 3, "over time, distributions, correlations");
    assert.ok(charts.some((html) => html.includes("<table")), "the wide per-sample table");
    assert.ok((await stat(reportPath)).size > 1_000_000, "the report inlines Plotly");
    assert.match(await readFile(reportPath, "utf8"), /dados_tratados/);
  });

  test("03_athena_analysis's charts and table draw in a browser from its outputs alone", { skip: skipWithoutChromium }, async () => {
    const drawn = await drawInBrowser(displayedHtml(runs["03_athena_analysis"]!), 3, outputDir);
    assert.deepEqual(drawn, { charts: 3, problems: [] });
  });

  test("04_teardown deletes everything, lists nothing left, and leaves an emulator it did not start running", async () => {
    const teardown = await run("04_teardown", local());
    assert.match(output(teardown), /nothing left/);
    // It did not start the test's emulator, so it says why it leaves it (why depends on this machine's data/emulator/).
    assert.match(output(teardown), /left the emulator running: /);
    assert.equal((await fetch(`${emulator.emulator.url}/_emulator/health`)).status, 200);
    await assert.rejects(emulator.s3.send(new ListObjectsV2Command({ Bucket: "gpu-stream-telemetry" })), { name: "NoSuchBucket" });
    const { StreamNames: streams } = await emulator.kinesis.send(new ListStreamsCommand({}));
    assert.deepEqual(streams, []);
  });
});
