import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { DescribeDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { DENORMALIZED_CSV_FILE, METRICS, parseDenormalizedCsv } from "@gpu-stream/shared";
import { runNotebook, type NotebookRun } from "../support/notebookRunner";
import { inChromium, skipWithoutChromium } from "../support/chromium";
import { startTestEmulator, type TestEmulator } from "../support/testEmulator";
import { REPO_ROOT } from "../support/repoRoot";

const NOTEBOOKS = resolve(REPO_ROOT, "notebooks");
const PRODUCERS = { energia: "GPU_energia", Frequencia: "GPU_Frequencia", temperatura: "GPU_Temp", Uso: "GPU_uso", usoVRAM: "GPU_usoVRAM" } as const;
const FIRST_RECORDS = 2;
const RECORDS = 4;
const PER_PRODUCER = FIRST_RECORDS + RECORDS;
const SIDEBAR_RECORDS = 12;
const BUFFER_SECONDS = 2;

function output(run: NotebookRun): string {
  return run.cells.map((cell) => cell.stdout).join("");
}

/** The printed lines that carry figures (counts of objects, records, rows), to compare two runs by. */
function figureLines(run: NotebookRun): string[] {
  return output(run).split("\n").filter((line) => /\d+ (objects|records|rows|lines)|rewrote|^OK:/.test(line));
}

function displayedText(run: NotebookRun): string[] {
  return run.cells.flatMap((cell) => cell.displays.map((display) => display.data["text/plain"]).filter((text): text is string => typeof text === "string"));
}

/** The HTML tables showTable displayed: each as its header cells and its rows of cells. */
function shownTables(run: NotebookRun): { header: string[]; rows: string[][] }[] {
  const cellsOf = (html: string, tag: string): string[] => [...html.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, "g"))].map((match) => match[1]!);
  return displayedHtml(run)
    .filter((html) => html.includes('class="gpu-stream-table"'))
    .map((html) => ({
      header: cellsOf(html, "th"),
      rows: [...html.matchAll(/<tr>((?:<td[^>]*>[^<]*<\/td>)+)<\/tr>/g)].map((match) => cellsOf(match[1]!, "td")),
    }));
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
 * emulator on a free port; parameters set for speed the way a student would edit the parameters cell. ENDPOINT is
 * always given: the notebooks' "" would find this checkout's own emulator, not the test's.
 */
describe("the notebooks, in order", { timeout: 1_200_000 }, () => {
  let emulator: TestEmulator;
  let outputDir: string;
  const runs: Record<string, NotebookRun> = {};
  const run = async (name: string, parameters: Record<string, string | number | boolean> = {}): Promise<NotebookRun> => {
    const done = await runNotebook(join(NOTEBOOKS, `${name}.ipynb`), { parameters, timeoutMs: 180_000 });
    // tslab prints a cell's last expression's value: in a notebook for students that is noise (an object dump).
    const stray = done.cells.filter((cell) => cell.result !== undefined).map((cell) => `cell ${cell.index}: ${cell.stdout.slice(-200)}`);
    assert.deepEqual(stray, [], `${name}: no cell prints the value of its last expression`);
    runs[name] = done;
    return done;
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
  const profilePath = (): string => join(outputDir, "generator-profile.json");

  test("00_setup finds the emulator running, sends CreateStream and CreateDeliveryStream and shows both requests", async () => {
    const setup = await run("00_setup", { ...local(), BUFFER_SECONDS });
    const text = output(setup);
    assert.match(text, /the emulator is already running at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(text, /^created the bucket gpu-stream-telemetry$/m);
    assert.match(text, /^created the data stream gpucontrole$/m);
    assert.match(text, /^created the delivery stream gpucontrole-to-s3$/m);
    assert.match(text, /"StreamName": "gpucontrole",\s+"ShardCount": 1/, "the CreateStream request, printed");
    assert.match(text, /"Type": "AppendDelimiterToRecord"/, "the CreateDeliveryStream request, printed");
    assert.match(text, new RegExp(`"IntervalInSeconds": ${BUFFER_SECONDS}`));
    assert.match(text, /^OK: the bucket, the data stream and the delivery stream are ready$/m);
    const { StreamNames: streams } = await emulator.kinesis.send(new ListStreamsCommand({}));
    assert.deepEqual(streams, ["gpucontrole"]);
    const { DeliveryStreamDescription: delivery } = await emulator.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "gpucontrole-to-s3" }));
    const destination = delivery?.Destinations?.[0]?.ExtendedS3DestinationDescription;
    assert.equal(destination?.BufferingHints?.IntervalInSeconds, BUFFER_SECONDS);
    assert.deepEqual(destination?.ProcessingConfiguration?.Processors?.map((processor) => processor.Type), ["AppendDelimiterToRecord"]);
  });

  test("00_setup run twice creates nothing twice and says what already exists", async () => {
    const again = await run("00_setup", { ...local(), BUFFER_SECONDS });
    assert.doesNotMatch(output(again), /^created /m);
    assert.match(output(again), /^the data stream gpucontrole already exists$/m);
    assert.match(output(again), /^the delivery stream gpucontrole-to-s3 already exists$/m);
    assert.match(output(again), /^OK: /m);
    const { StreamNames: streams } = await emulator.kinesis.send(new ListStreamsCommand({}));
    assert.deepEqual(streams, ["gpucontrole"]);
  });

  test("01_profile_gpu_log profiles the sample log, shows it in HTML tables, charts it and writes the profile", async () => {
    const profile = await run("01_profile_gpu_log", { PROFILE_PATH: profilePath() });
    assert.match(output(profile), /gpu-z log: 1800 samples/);
    assert.match(output(profile), /^OK: .* profiles all 5 metrics over 1800 samples$/m);
    const written = JSON.parse(await readFile(profilePath(), "utf8")) as { metrics: Record<string, { min: number; max: number }> };
    assert.equal(written.metrics["energia"]!.min, 16);
    assert.equal(written.metrics["energia"]!.max, 37.6);
    const charts = displayedHtml(profile).filter((html) => html.includes("Plotly.newPlot"));
    assert.equal(charts.length, 2, "two charts: over time and histograms");
    const tables = shownTables(profile);
    assert.equal(tables.length, 3, "the log's columns, its first rows, the profile");
    assert.deepEqual(tables[1]!.header, ["timestamp", "gpu", ...METRICS]);
    assert.equal(tables[1]!.rows.length, 5);
    assert.deepEqual(tables[2]!.rows.map((row) => row[0]), [...METRICS]);
    assert.equal(tables[2]!.rows[0]![2], "1800", "the energia row's count");
    assert.ok(tables.every((table) => !table.header.includes("(index)")), "no index column");
  });

  test("01_profile_gpu_log's charts draw in a browser from its outputs alone", { skip: skipWithoutChromium }, async () => {
    const drawn = await drawInBrowser(displayedHtml(runs["01_profile_gpu_log"]!), 2, outputDir);
    assert.deepEqual(drawn, { charts: 2, problems: [] });
  });

  for (const [metric, notebook] of Object.entries(PRODUCERS)) {
    test(`${notebook} puts ${FIRST_RECORDS} ${metric} records with PutRecordCommand, then ${RECORDS} with produceRecords`, async () => {
      const producer = await run(notebook, { ...local(), FIRST_RECORDS, RECORDS, INTERVAL_S: 0, PROFILE_PATH: profilePath() });
      const text = output(producer);
      const answers = [...text.matchAll(/^ {2}-> ShardId (shardId-\d{12}), SequenceNumber (\d+)$/gm)];
      assert.equal(answers.length, FIRST_RECORDS, "one answer printed per PutRecordCommand");
      assert.deepEqual(new Set(answers.map((answer) => answer[1])), new Set(["shardId-000000000000"]), "one partition key, one shard");
      const sequenceNumbers = answers.map((answer) => BigInt(answer[2]!));
      assert.ok(sequenceNumbers.every((number, index) => index === 0 || number > sequenceNumbers[index - 1]!), "sequence numbers grow");
      const printedRecords = text.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, string>);
      assert.deepEqual(printedRecords.map((record) => [record["idtemp"], record["tipo"]]), Array.from({ length: FIRST_RECORDS }, (_, index) => [String(index + 1), metric]));
      assert.match(text, new RegExp(`stopped by count: sent ${RECORDS} · failed 0`));
      assert.match(text, /^skipped: set PUT_RECORDS_DEMO = true/m, "the PutRecords demo is opt-in");
      assert.match(text, new RegExp(`^OK: Kinesis acknowledged ${PER_PRODUCER} ${metric} records in shardId-000000000000$`, "m"));
      assert.ok(displayedText(producer).some((line) => line.startsWith(`${metric}: sent ${RECORDS}`)), "the running count reached the last record");
    });
  }

  test("02_glue_crawler waits for the buffer, crawls the bucket and shows the one-row-per-object trap and its fix", async () => {
    const crawler = await run("02_glue_crawler", { ...local(), SIDEBAR_RECORDS, SIDEBAR_OBJECTS: 3 });
    const text = output(crawler);
    const delivered = METRICS.length * PER_PRODUCER;
    assert.match(text, new RegExp(`^the buffer: ${BUFFER_SECONDS} s or 1 MB`, "m"));
    assert.ok(displayedText(crawler).some((line) => /^\d+ s left; S3 holds \d+ records so far$/.test(line)), "the countdown");
    assert.match(text, new RegExp(`telemetry/: \\d+ objects, ${delivered} records, ${delivered} lines`));
    assert.match(text, /^gpu-stream-crawler: READY, last crawl SUCCEEDED$/m, "StartCrawler, then GetCrawler until READY");
    assert.match(text, /columns: +idtemp string, dado string, tipo string, timestamp string, gpu string, unidade string$/m);
    assert.match(text, /partition keys: partition_0 string, partition_1 string, partition_2 string, partition_3 string/);
    assert.match(text, new RegExp(`no-newline/: 3 objects holding ${SIDEBAR_RECORDS} records on 3 lines`));
    assert.match(text, new RegExp(`${SIDEBAR_RECORDS} records put, Athena counts 3 rows: one per object`));
    assert.match(text, /rewrote 3 of 3 objects/);
    assert.match(text, new RegExp(`Athena now counts ${SIDEBAR_RECORDS} rows for ${SIDEBAR_RECORDS} records`));
    assert.match(text, new RegExp(`^OK: table telemetry over ${delivered} records, one per line$`, "m"));
  });

  test("02_glue_crawler run again shows the same figures", async () => {
    const first = figureLines(runs["02_glue_crawler"]!);
    const again = await run("02_glue_crawler", { ...local(), SIDEBAR_RECORDS, SIDEBAR_OBJECTS: 3 });
    assert.ok(first.length >= 6, first.join("\n"));
    assert.deepEqual(figureLines(again), first);
  });

  test("03_athena_analysis sends the query call by call, writes the CSV of dados_tratados, charts it and writes the report", async () => {
    const csvPath = join(outputDir, DENORMALIZED_CSV_FILE);
    const reportPath = join(outputDir, "report.html");
    const analysis = await run("03_athena_analysis", { ...local(), CSV_PATH: csvPath, REPORT_PATH: reportPath });
    assert.match(output(analysis), /^the query SUCCEEDED$/m, "StartQueryExecution, then GetQueryExecution until done");
    const rows = parseDenormalizedCsv(await readFile(csvPath, "utf8"));
    assert.equal(rows.length, METRICS.length * PER_PRODUCER, "every record the producers put, one row each");
    for (const metric of METRICS) {
      const idtemps = rows.filter((row) => row.tipo === metric).map((row) => Number(row.idtemp)).sort((a, b) => a - b);
      assert.deepEqual(idtemps, Array.from({ length: PER_PRODUCER }, (_, index) => index + 1), `${metric}: each idtemp once, no duplicates`);
    }
    const tables = shownTables(analysis);
    assert.deepEqual(tables[0], { header: ["tipo", "records"], rows: [...METRICS].sort().map((metric) => [metric, String(PER_PRODUCER)]) }, "GetQueryResults, as a table");
    assert.deepEqual(tables[1]!.header, ["tipo", "records", "min", "avg", "max"]);
    assert.ok(tables.every((table) => !table.header.includes("(index)")));
    const charts = displayedHtml(analysis).filter((html) => html.includes("Plotly.newPlot"));
    assert.equal(charts.length, 3, "over time, distributions, correlations");
    // scriptSafeJson writes "<" as \u003c inside the script.
    assert.match(charts[2]!, /\\u003cbr>n=\d+"/, "each correlation says how many samples it rests on");
    assert.ok(displayedHtml(analysis).some((html) => html.includes('class="wide-table"')), "the wide per-sample table");
    assert.match(output(analysis), new RegExp(`^OK: .* holds ${METRICS.length * PER_PRODUCER} records, of all 5 tipos, each once$`, "m"));
    assert.ok((await stat(reportPath)).size > 1_000_000, "the report inlines Plotly");
    assert.match(await readFile(reportPath, "utf8"), /dados_tratados/);
  });

  test("03_athena_analysis's charts and tables draw in a browser from its outputs alone", { skip: skipWithoutChromium }, async () => {
    const drawn = await drawInBrowser(displayedHtml(runs["03_athena_analysis"]!), 3, outputDir);
    assert.deepEqual(drawn, { charts: 3, problems: [] });
  });

  test("a producer's opt-in PutRecords demo writes to a stream of its own and deletes it", async () => {
    const demo = await run("GPU_Temp", { ...local(), FIRST_RECORDS: 0, RECORDS, INTERVAL_S: 0, PUT_RECORDS_DEMO: true, PROFILE_PATH: profilePath() });
    assert.match(output(demo), new RegExp(`PutRecords: sent ${RECORDS} · failed 0 .* in 1 request`));
    assert.match(output(demo), /^deleted the demo stream gpucontrole-putrecords-demo-temperatura$/m);
    const { StreamNames: streams } = await emulator.kinesis.send(new ListStreamsCommand({}));
    assert.deepEqual(streams, ["gpucontrole"]);
  });

  test("04_teardown deletes everything, lists nothing left, and leaves an emulator it did not start running", async () => {
    const teardown = await run("04_teardown", local());
    assert.match(output(teardown), /^OK: nothing left$/m);
    // It did not start the test's emulator, so it says why it leaves it (why depends on this machine's data/emulator/).
    assert.match(output(teardown), /left the emulator running: /);
    assert.equal((await fetch(`${emulator.emulator.url}/_emulator/health`)).status, 200);
    await assert.rejects(emulator.s3.send(new ListObjectsV2Command({ Bucket: "gpu-stream-telemetry" })), { name: "NoSuchBucket" });
    const { StreamNames: streams } = await emulator.kinesis.send(new ListStreamsCommand({}));
    assert.deepEqual(streams, []);
  });
});
