import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { localPipelineNames, METRICS, originalProfile, produceMetricsConcurrently, provisionStorageAndStream } from "@gpu-stream/shared";
import type { Page } from "playwright-core";
import { inChromiumAt, skipWithoutChromium, waitInPage } from "../../support/chromium";
import { dashboardModule } from "../../support/dashboardModule";
import { startTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { REPO_ROOT } from "../../support/repoRoot";

const SCREENSHOT = resolve(REPO_ROOT, "test-artifacts", "dashboard.png");
const RECORDS_PER_METRIC = 40;
const INTERVAL_MS = 50;

// Expressions evaluated in the page (the test project has no DOM types): each chart's points, read from
// Plotly's own graph divs (the traces' x arrays), and the numbers the pipeline panel shows.
const CHART_POINTS = `Object.fromEntries([...document.querySelectorAll(".live-chart")].map((div) =>
  [div.dataset.metric, (div.data || []).reduce((sum, trace) => sum + trace.x.length, 0)]))`;
const number = (id: string): string => `Number((document.getElementById("${id}")?.textContent || "0").replace(/[^0-9.]/g, ""))`;

/** Points each chart draws. */
function chartPoints(page: Page): Promise<Record<string, number>> {
  return page.evaluate<Record<string, number>>(CHART_POINTS);
}

/** The live dashboard in a real browser, reading a real emulator while the course's five producers run. */
describe("the dashboard in Chromium", { skip: skipWithoutChromium, timeout: 90_000 }, () => {
  let testEmulator: TestEmulator;
  let dashboard: Awaited<ReturnType<typeof dashboardModule.openDashboard>>;
  const names = localPipelineNames();

  before(async () => {
    testEmulator = await startTestEmulator();
    await provisionStorageAndStream(testEmulator.clients, names, { shardCount: 2, bufferIntervalSeconds: 60 });
    dashboard = await dashboardModule.openDashboard({ mode: "local", localEndpoint: testEmulator.emulator.url, port: 0 });
  });
  after(async () => {
    await dashboard?.close();
    await testEmulator?.close();
  });

  test("charts gain points while the producers run, the panel shows delivered objects, with no console error", async () => {
    const problems = await inChromiumAt(
      dashboard.url,
      async (page) => {
        await waitInPage(page, `document.querySelectorAll(".live-chart .main-svg").length >= ${METRICS.length}`, 10_000);
        // The reader has found the stream's shards before the producers start (it reads from LATEST).
        await waitInPage(page, `/records\\/s in/.test(document.getElementById("card-stream")?.textContent || "")`, 10_000);
        assert.deepEqual(Object.values(await chartPoints(page)), METRICS.map(() => 0));

        const started = Date.now();
        const producing = produceMetricsConcurrently({
          kinesis: testEmulator.clients.kinesis,
          streamName: names.stream,
          profile: originalProfile(),
          metrics: METRICS,
          recordsPerMetric: RECORDS_PER_METRIC,
          intervalMs: INTERVAL_MS,
          seed: 7,
        });
        await waitInPage(page, `Object.values(${CHART_POINTS}).every((points) => points > 0)`, 5000);
        const firstPointsAfterMs = Date.now() - started;
        const midRun = await chartPoints(page);
        await waitInPage(page, `${number("records-per-second")} > 0`, 5000);
        const reports = await producing;
        assert.ok(firstPointsAfterMs < 5000, `first points after ${firstPointsAfterMs} ms`);
        assert.ok(Object.values(midRun).every((count) => count > 0 && count < RECORDS_PER_METRIC), `points mid-run: ${JSON.stringify(midRun)}`);
        for (const metric of METRICS) {
          assert.equal(reports[metric]?.sent, RECORDS_PER_METRIC);
        }
        // Every record put is one point of its metric's chart.
        await waitInPage(page, `Object.values(${CHART_POINTS}).every((points) => points === ${RECORDS_PER_METRIC})`, 5000);

        await waitInPage(page, `${number("buffered-records")} > 0`, 5000);
        const flushed = await testEmulator.emulator.flushFirehose();
        const delivered = flushed.deliveryStreams.flatMap((stream) => stream.objects);
        assert.ok(delivered.length > 0);
        await waitInPage(page, `${number("objects-delivered")} > 0`, 5000);
        await page.waitForSelector("#objects a.object-link", { timeout: 5000 });
        const objects = Number((await page.textContent("#objects-delivered"))?.replace(/[^0-9]/g, ""));
        assert.equal(objects, delivered.length);
        // A snapshot reads the buffers and the bucket at once: one taken during the flush may show the objects
        // beside the buffer it had before; the next one shows it empty.
        await waitInPage(page, `document.getElementById("buffered-records")?.textContent === "0"`, 5000);

        // The link opens the object through the dashboard: the records Firehose wrote, one per line.
        const href = await page.getAttribute("#objects a.object-link", "href");
        assert.ok(href?.startsWith("/api/object?key="), href ?? "no link");
        const object = await page.request.get(new URL(href!, dashboard.url).href);
        assert.equal(object.status(), 200);
        const lines = (await object.text()).split("\n").filter((line) => line !== "");
        assert.equal(lines.length, delivered[0]!.records);
        assert.ok(lines.every((line) => METRICS.includes(JSON.parse(line).tipo)));

        await mkdir(resolve(SCREENSHOT, ".."), { recursive: true });
        await page.screenshot({ path: SCREENSHOT, fullPage: true });
      },
      { width: 1400, height: 1000 },
    );
    assert.deepEqual(problems, []);
  });
});

/** An emulator that checks SigV4 signatures, and a dashboard without its key: the page says so, above the cards. */
describe("the dashboard in Chromium, refused by an emulator that checks credentials", { skip: skipWithoutChromium, timeout: 60_000 }, () => {
  let testEmulator: TestEmulator;
  let dashboard: Awaited<ReturnType<typeof dashboardModule.openDashboard>>;

  before(async () => {
    testEmulator = await startTestEmulator({ credentials: [{ accessKeyId: "AKIDBROWSER", secretAccessKey: "browser-secret" }] });
    dashboard = await dashboardModule.openDashboard({ mode: "local", localEndpoint: testEmulator.emulator.url, port: 0 });
  });
  after(async () => {
    await dashboard?.close();
    await testEmulator?.close();
  });

  test("shows the refusal and the --credentials it needs, and each card's badge says 'refused'", async () => {
    const problems = await inChromiumAt(dashboard.url, async (page) => {
      await waitInPage(page, `!document.getElementById("refusal").hidden`, 10_000);
      assert.match((await page.textContent("#refusal")) ?? "", /the emulator refused the dashboard's signature .*--credentials KEY:SECRET/);
      for (const card of ["card-stream", "card-firehose", "card-s3", "card-crawler", "card-athena"]) {
        assert.equal(await page.textContent(`#${card} .badge`), "refused");
      }
      assert.match((await page.getAttribute("#card-stream .badge", "class")) ?? "", /\bbad\b/);
      await mkdir(resolve(SCREENSHOT, ".."), { recursive: true });
      await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, "-refused.png"), fullPage: true });
    });
    assert.deepEqual(problems, []);
  });
});
