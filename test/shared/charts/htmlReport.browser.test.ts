import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  correlationFigure,
  correlationMatrix,
  formatRecordTimestamp,
  formatValue,
  gpuLogHistogramsFigure,
  gpuLogOverTimeFigure,
  METRICS,
  metricDistributionsFigure,
  metricsOverTimeFigure,
  parseDenormalizedCsv,
  widePerSample,
  wideTableHtml,
  writeHtmlReport,
  type GpuSample,
  type Metric,
} from "@gpu-stream/shared";
import { inChromium, skipWithoutChromium } from "../../support/chromium";
import { REPO_ROOT } from "../../support/repoRoot";

const SAMPLES = 60;
const SCREENSHOT = resolve(REPO_ROOT, "test-artifacts", "report.png");

/** Deterministic noise in [-0.5, 0.5). */
function noise(index: number, salt: number): number {
  const x = Math.sin(index * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

/** A GPU warming up under a load that rises and falls: power and clock follow the load, loosely. */
function gpuSamples(): GpuSample[] {
  const start = Date.UTC(2026, 10, 28, 6, 29, 32);
  return Array.from({ length: SAMPLES }, (_, index) => {
    const load = 32 + 24 * Math.sin(index / 8) + 10 * noise(index, 1);
    return {
      timeUs: (start + index * 1000) * 1000,
      gpuId: "0",
      values: {
        energia: 16 + load * 0.3 + 6 * noise(index, 2),
        Frequencia: 900 + load * 12 + 500 * noise(index, 3),
        temperatura: 32 + index * 0.15 + 2 * noise(index, 4),
        Uso: load,
        usoVRAM: 1098 + 40 * noise(index, 5),
      },
    };
  });
}

/** The CSV Athena writes for `select * from "dados_tratados"`, from five producers started 120 ms apart. */
function athenaCsv(samples: readonly GpuSample[]): string {
  const lines = [`"idtemp","tipo","dado","timestamp","ano","mes","dia"`];
  METRICS.forEach((metric: Metric, producer) => {
    samples.forEach((sample, index) => {
      const timestamp = formatRecordTimestamp(sample.timeUs + producer * 120_000 + ((index * 7919) % 4000));
      lines.push([String(index), metric, formatValue(metric, sample.values[metric]), timestamp, "2026", "11", "28"].map((value) => `"${value}"`).join(","));
    });
  });
  return `${lines.join("\n")}\n`;
}

test(
  "the HTML report draws every chart offline in Chromium, without errors",
  { skip: skipWithoutChromium, timeout: 30_000 },
  async () => {
    const samples = gpuSamples();
    const rows = parseDenormalizedCsv(athenaCsv(samples));
    const table = widePerSample(rows);
    assert.equal(table.rows.length, SAMPLES);
    const path = join(await mkdtemp(join(tmpdir(), "report-browser-")), "report.html");
    await writeHtmlReport(path, {
      title: "GPU telemetry: the dados_tratados table",
      subtitle: `${rows.length} records of ${table.metrics.length} metrics, ${SAMPLES} samples`,
      sections: [
        { title: "Each metric over time", text: "One panel per metric; each point is one record.", figure: metricsOverTimeFigure(rows) },
        { title: "One row per sample", text: "The records of one interval side by side.", html: wideTableHtml(table, { limit: 8 }) },
        { title: "Distributions", figure: metricDistributionsFigure(rows) },
        { title: "Correlations", text: "Red: the two metrics rise together. Blue: one rises as the other falls.", figure: correlationFigure(correlationMatrix(table)) },
        { title: "The GPU log over time", figure: gpuLogOverTimeFigure(samples) },
        { title: "The GPU log's distributions", figure: gpuLogHistogramsFigure(samples) },
      ],
    });

    const problems = await inChromium(path, async (page) => {
      await page.waitForFunction("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 5", undefined, { timeout: 10_000 });
      const drawn = await page.evaluate<{ id: string; lines: number; points: number; bars: number; heatmaps: number; annotations: number }[]>(`
        [...document.querySelectorAll(".js-plotly-plot")].map((plot) => ({
          id: plot.id,
          lines: [...plot.querySelectorAll(".scatterlayer .trace .js-line")].filter((path) => (path.getAttribute("d") || "").length > 10).length,
          points: plot.querySelectorAll(".scatterlayer .trace .point").length,
          bars: plot.querySelectorAll(".barlayer .point").length,
          heatmaps: plot.querySelectorAll(".hm").length,
          annotations: plot.querySelectorAll(".annotation").length,
        }))
      `);
      assert.deepEqual(
        drawn.map((plot) => plot.id),
        ["figure-1", "figure-3", "figure-4", "figure-5", "figure-6"],
      );
      const [overTime, distributions, correlations, logOverTime, logHistograms] = drawn as [(typeof drawn)[0], (typeof drawn)[0], (typeof drawn)[0], (typeof drawn)[0], (typeof drawn)[0]];
      assert.equal(overTime.lines, METRICS.length);
      assert.equal(overTime.points, rows.length, "a marker per record");
      assert.ok(distributions.bars >= METRICS.length * 3, `histogram bars: ${distributions.bars}`);
      assert.equal(correlations.heatmaps, 1);
      assert.equal(correlations.annotations, METRICS.length ** 2);
      assert.equal(logOverTime.points, SAMPLES * METRICS.length);
      assert.ok(logHistograms.bars >= METRICS.length, `histogram bars: ${logHistograms.bars}`);
      const timeRange = await page.evaluate<string[]>(`document.getElementById("figure-1")._fullLayout.xaxis.range`);
      assert.ok(timeRange.every((end) => end.startsWith("2026-11-28 06:")), `the time axis spans the data only: ${timeRange.join(" to ")}`);
      const tableRows = await page.locator(".wide-table tbody tr").count();
      assert.equal(tableRows, 8);
      await mkdir(resolve(SCREENSHOT, ".."), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    });
    assert.deepEqual(problems, []);
  },
);
