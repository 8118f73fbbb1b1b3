import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  correlationFigure,
  formatRecordTimestamp,
  gpuLogHistogramsFigure,
  gpuLogOverTimeFigure,
  METRIC_INFO,
  METRICS,
  metricDistributionsFigure,
  metricsOverTimeFigure,
  type GpuSample,
  type PlotlyFigure,
  type TelemetryRow,
} from "@gpu-stream/shared";

/** The trace types plotly.js-cartesian-dist-min draws. */
const CARTESIAN_TRACES = new Set(["scatter", "bar", "box", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "contour", "violin", "funnel", "waterfall", "image", "pie"]);

const start = Date.UTC(2026, 10, 28, 6, 0, 0);
const rows: TelemetryRow[] = METRICS.flatMap((tipo, producer) =>
  Array.from({ length: 12 + producer }, (_, index) => {
    const timeMs = start + index * 1000 + producer * 100;
    return { idtemp: String(index), tipo, dado: 10 * producer + index, timestamp: formatRecordTimestamp(timeMs * 1000), timeMs };
  }),
);
const samples: GpuSample[] = ["0", "1"].flatMap((gpuId) =>
  Array.from({ length: 20 }, (_, index) => ({
    timeUs: (start + index * 500) * 1000,
    gpuId,
    values: { energia: 20 + index, Frequencia: 1400, temperatura: 35, Uso: index, usoVRAM: 1100 },
  })),
);

function traces(figure: PlotlyFigure, type: string): Record<string, unknown>[] {
  return figure.data.filter((trace) => trace["type"] === type);
}

function assertPlainJson(figure: PlotlyFigure): void {
  assert.deepEqual(JSON.parse(JSON.stringify(figure)), figure);
  for (const trace of figure.data) {
    assert.ok(CARTESIAN_TRACES.has(String(trace["type"])), `trace type ${String(trace["type"])} is not in the cartesian bundle`);
  }
  assert.ok(String((figure.layout["title"] as { text: string }).text).length > 0);
  const axes = new Set(Object.keys(figure.layout).flatMap((key) => (/^[xy]axis\d*$/.test(key) ? [key.replace("axis", "")] : [])));
  const annotations = (figure.layout["annotations"] ?? []) as { xref: string; yref: string }[];
  for (const { xref, yref } of annotations) {
    for (const ref of [xref, yref]) {
      assert.ok(axes.has(ref.replace(/ domain$/, "")), `annotation refers to axis '${ref}', which the layout does not define`);
    }
  }
}

function axisTitle(figure: PlotlyFigure, key: string): string {
  return (figure.layout[key] as { title: { text: string } }).title.text;
}

describe("Plotly figures of the denormalized table", () => {
  test("over time: one stacked panel per metric sharing the time axis, with every record", () => {
    const figure = metricsOverTimeFigure(rows);
    assertPlainJson(figure);
    const lines = traces(figure, "scatter");
    assert.deepEqual(lines.map((trace) => trace["name"]), METRICS);
    assert.deepEqual(lines.map((trace) => trace["yaxis"]), ["y", "y2", "y3", "y4", "y5"]);
    assert.ok(lines.every((trace) => trace["xaxis"] === "x"));
    assert.equal(lines.reduce((sum, trace) => sum + (trace["x"] as unknown[]).length, 0), rows.length);
    for (const row of rows) {
      const trace = lines.find((line) => line["name"] === row.tipo)!;
      const at = (trace["x"] as string[]).indexOf(row.timestamp);
      assert.equal((trace["y"] as number[])[at], row.dado, `${row.tipo} at ${row.timestamp}`);
    }
    assert.equal(axisTitle(figure, "yaxis"), "energia (W)");
    assert.equal(axisTitle(figure, "yaxis3"), "temperatura (°C)");
    assert.equal(axisTitle(figure, "xaxis"), "time (UTC)");
    assert.equal((figure.layout["xaxis"] as { anchor: string }).anchor, "y5");
    const domains = METRICS.map((_, index) => (figure.layout[index === 0 ? "yaxis" : `yaxis${index + 1}`] as { domain: [number, number] }).domain);
    domains.forEach(([bottom, top], index) => {
      assert.ok(bottom < top && bottom >= 0 && top <= 1);
      assert.ok(index === 0 || top < domains[index - 1]![0], "panels do not overlap, first on top");
    });
  });

  test("over time: only the metrics present get a panel", () => {
    const figure = metricsOverTimeFigure(rows.filter((row) => row.tipo === "Uso"));
    assert.equal(figure.data.length, 1);
    assert.equal(axisTitle(figure, "yaxis"), "Uso (%)");
    assert.equal((figure.layout["xaxis"] as { anchor: string }).anchor, "y");
  });

  test("distributions: a histogram per metric of all its values, each on its own axes", () => {
    const figure = metricDistributionsFigure(rows);
    assertPlainJson(figure);
    const histograms = traces(figure, "histogram");
    assert.equal(histograms.length, METRICS.length);
    histograms.forEach((trace, index) => {
      const metric = METRICS[index]!;
      assert.deepEqual(trace["x"], rows.filter((row) => row.tipo === metric).map((row) => row.dado));
      assert.equal(trace["xaxis"], index === 0 ? "x" : `x${index + 1}`);
      assert.equal(axisTitle(figure, index === 0 ? "xaxis" : `xaxis${index + 1}`), `${metric} (${METRIC_INFO[metric].unit})`);
    });
    assert.deepEqual(figure.layout["grid"], { rows: 2, columns: 3, pattern: "independent", xgap: 0.12, ygap: 0.4 });
  });

  test("correlation: a heatmap from -1 to 1 with each cell's value written on it", () => {
    const figure = correlationFigure({ metrics: ["energia", "Uso"], matrix: [[1, -0.4567], [-0.4567, null]] });
    assertPlainJson(figure);
    const [heatmap] = traces(figure, "heatmap");
    assert.deepEqual(heatmap!["z"], [[1, -0.4567], [-0.4567, null]]);
    assert.equal(heatmap!["zmin"], -1);
    assert.equal(heatmap!["zmax"], 1);
    assert.deepEqual(heatmap!["x"], ["energia (W)", "Uso (%)"]);
    const annotations = figure.layout["annotations"] as { x: string; y: string; text: string }[];
    assert.deepEqual(
      annotations.map(({ x, y, text }) => [y, x, text]),
      [
        ["energia (W)", "energia (W)", "1.00"],
        ["energia (W)", "Uso (%)", "-0.46"],
        ["Uso (%)", "energia (W)", "-0.46"],
        ["Uso (%)", "Uso (%)", "n/a"],
      ],
    );
  });
});

describe("the correlation figure with sample counts", () => {
  test("writes under each r the number of samples it rests on", () => {
    const figure = correlationFigure({ metrics: ["energia", "Uso"], matrix: [[1, 0.8], [0.8, 1]], samples: [[6, 5], [5, 5]] });
    const annotations = figure.layout["annotations"] as { text: string }[];
    assert.deepEqual(annotations.map(({ text }) => text), ["1.00<br>n=6", "0.80<br>n=5", "0.80<br>n=5", "1.00<br>n=5"]);
    assert.match(JSON.stringify(figure.layout["title"]), /n: samples it rests on/);
  });
});

describe("Plotly figures of a GPU log", () => {
  test("over time: a line per GPU in each metric's panel, every sample in it", () => {
    const figure = gpuLogOverTimeFigure(samples);
    assertPlainJson(figure);
    const lines = traces(figure, "scatter");
    assert.equal(lines.length, METRICS.length * 2);
    assert.equal(figure.layout["showlegend"], true);
    for (const metric of METRICS) {
      const ofMetric = lines.filter((trace) => trace["yaxis"] === (metric === "energia" ? "y" : `y${METRICS.indexOf(metric) + 1}`));
      assert.deepEqual(ofMetric.map((trace) => trace["name"]), ["GPU 0", "GPU 1"]);
      for (const trace of ofMetric) {
        assert.deepEqual(trace["y"], samples.filter((sample) => `GPU ${sample.gpuId}` === trace["name"]).map((sample) => sample.values[metric]));
        assert.equal((trace["x"] as string[])[1], "2026-11-28 06:00:00.500000");
      }
    }
  });

  test("one GPU: a line per metric and no legend", () => {
    const figure = gpuLogOverTimeFigure(samples.filter((sample) => sample.gpuId === "0"));
    assert.deepEqual(figure.data.map((trace) => trace["name"]), METRICS);
    assert.equal(figure.layout["showlegend"], false);
  });

  test("histograms: every sample's value of each metric", () => {
    const figure = gpuLogHistogramsFigure(samples);
    assertPlainJson(figure);
    const histograms = traces(figure, "histogram");
    assert.deepEqual(histograms.map((trace) => (trace["x"] as number[]).length), METRICS.map(() => samples.length));
    assert.equal(axisTitle(figure, "yaxis"), "samples");
  });

  test("no samples: empty figures rather than an error", () => {
    assert.equal(gpuLogOverTimeFigure([]).data.length, 0);
    assert.equal(gpuLogHistogramsFigure([]).data.length, 0);
  });
});
