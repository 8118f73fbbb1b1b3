import type { GpuSample } from "../gpuLog/GpuSample";
import { METRIC_INFO, METRICS, type Metric } from "../gpuLog/metrics";
import { formatRecordTimestamp } from "../produce/TelemetryRecord";
import { chartLabels, type ChartLabels, type FigureOptions } from "./chartLabels";
import type { CorrelationMatrix } from "./correlationMatrix";
import type { TelemetryRow } from "./denormalizedCsv";

/** A Plotly figure as plain JSON (no functions), for Plotly.newPlot(div, figure.data, figure.layout). */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

/** One line of a time series; several GPUs give several lines per metric. */
interface MetricSeries {
  readonly metric: Metric;
  readonly gpu?: string;
  readonly x: string[];
  readonly y: number[];
}

/** Each metric's colour in every chart (the report, the notebooks, the live dashboard). */
export const METRIC_COLORS: { readonly [M in Metric]: string } = {
  energia: "#e45756",
  Frequencia: "#4c78a8",
  temperatura: "#f58518",
  Uso: "#54a24b",
  usoVRAM: "#b279a2",
};
const GPU_COLORS = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#b279a2", "#72b7b2", "#9d755d", "#bab0ac"];
const MARKERS_UP_TO_POINTS = 300;
const FONT = { family: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size: 13, color: "#1f2937" };

function axisKey(axis: "x" | "y", index: number): string {
  return index === 1 ? `${axis}axis` : `${axis}axis${index}`;
}

function axisRef(axis: "x" | "y", index: number): string {
  return index === 1 ? axis : `${axis}${index}`;
}

function metricLabel(metric: Metric): string {
  return `${metric} (${METRIC_INFO[metric].unit})`;
}

function baseLayout(title: string, height: number): Record<string, unknown> {
  return {
    title: { text: title, x: 0.01, xanchor: "left", font: { size: 18 } },
    height,
    font: FONT,
    margin: { t: 70, r: 30, b: 60, l: 80 },
    paper_bgcolor: "white",
    plot_bgcolor: "#f8fafc",
  };
}

/** A small bold title above a subplot, placed relative to the subplot's own axes. */
function subplotTitle(xAxis: string, yAxis: string, text: string): Record<string, unknown> {
  return {
    text: `<b>${text}</b>`,
    xref: `${xAxis} domain`,
    yref: `${yAxis} domain`,
    x: 0,
    y: 1,
    xanchor: "left",
    yanchor: "bottom",
    showarrow: false,
    font: { size: 13 },
  };
}

function presentMetrics(metrics: Iterable<Metric>): Metric[] {
  const present = new Set(metrics);
  return METRICS.filter((metric) => present.has(metric));
}

/** One panel per metric, stacked, all sharing the time axis at the bottom. */
function stackedTimeSeriesFigure(title: string, series: readonly MetricSeries[], labels: ChartLabels): PlotlyFigure {
  const metrics = presentMetrics(series.map((line) => line.metric));
  const gpus = [...new Set(series.flatMap((line) => (line.gpu === undefined ? [] : [line.gpu])))];
  const panelGap = 0.06;
  const panelHeight = (1 - panelGap * (metrics.length - 1)) / Math.max(1, metrics.length);
  const layout = baseLayout(title, 110 + 170 * metrics.length);
  const annotations: Record<string, unknown>[] = [];
  metrics.forEach((metric, position) => {
    const index = position + 1;
    const top = 1 - position * (panelHeight + panelGap);
    layout[axisKey("y", index)] = {
      title: { text: metricLabel(metric) },
      domain: [Math.max(0, top - panelHeight), top],
      anchor: "x",
      zeroline: false,
      gridcolor: "#e5e7eb",
    };
    annotations.push(subplotTitle("x", axisRef("y", index), `${metric}: ${labels.metricDescriptions[metric]}`));
  });
  layout["xaxis"] = { title: { text: labels.timeAxis }, type: "date", anchor: axisRef("y", Math.max(1, metrics.length)), gridcolor: "#e5e7eb" };
  layout["annotations"] = annotations;
  layout["showlegend"] = gpus.length > 1;
  layout["legend"] = { title: { text: "GPU" }, orientation: "h", x: 1, xanchor: "right", y: 1.02, yanchor: "bottom" };
  const data = series.map((line) => {
    const gpuIndex = line.gpu === undefined ? -1 : gpus.indexOf(line.gpu);
    const color = gpus.length > 1 ? GPU_COLORS[gpuIndex % GPU_COLORS.length]! : METRIC_COLORS[line.metric];
    return {
      type: "scatter",
      mode: line.x.length > MARKERS_UP_TO_POINTS ? "lines" : "lines+markers",
      name: gpus.length > 1 ? `GPU ${line.gpu}` : line.metric,
      legendgroup: line.gpu ?? line.metric,
      showlegend: gpus.length > 1 && line.metric === metrics[0],
      x: line.x,
      y: line.y,
      xaxis: "x",
      yaxis: axisRef("y", metrics.indexOf(line.metric) + 1),
      line: { color, width: 1.5 },
      marker: { color, size: 4 },
      hovertemplate: `%{x}<br>%{y} ${METRIC_INFO[line.metric].unit}<extra>${line.metric}</extra>`,
    };
  });
  return { data, layout };
}

/** A histogram per metric, three to a row. */
function histogramGridFigure(title: string, valuesByMetric: ReadonlyMap<Metric, number[]>, countLabel: string, labels: ChartLabels): PlotlyFigure {
  const metrics = presentMetrics(valuesByMetric.keys());
  const columns = Math.min(3, Math.max(1, metrics.length));
  const rows = Math.max(1, Math.ceil(metrics.length / columns));
  const layout = baseLayout(title, 60 + 300 * rows);
  layout["grid"] = { rows, columns, pattern: "independent", xgap: 0.12, ygap: 0.4 };
  layout["showlegend"] = false;
  layout["bargap"] = 0.05;
  const data = metrics.map((metric, position) => {
    const index = position + 1;
    layout[axisKey("x", index)] = { title: { text: metricLabel(metric) }, gridcolor: "#e5e7eb" };
    layout[axisKey("y", index)] = { title: { text: position % columns === 0 ? countLabel : "" }, gridcolor: "#e5e7eb" };
    return {
      type: "histogram",
      name: metric,
      x: valuesByMetric.get(metric)!,
      xaxis: axisRef("x", index),
      yaxis: axisRef("y", index),
      marker: { color: METRIC_COLORS[metric], line: { color: "white", width: 0.5 } },
      hovertemplate: `%{x} ${METRIC_INFO[metric].unit}: %{y} ${countLabel}<extra>${metric}</extra>`,
    };
  });
  layout["annotations"] = metrics.map((metric, position) => subplotTitle(axisRef("x", position + 1), axisRef("y", position + 1), `${metric}: ${labels.metricDescriptions[metric]}`));
  return { data, layout };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) {
      groups.set(key(item), [item]);
    } else {
      group.push(item);
    }
  }
  return groups;
}

/** Each metric of the denormalized table over time: one panel per metric, sharing the time axis. */
export function metricsOverTimeFigure(rows: readonly TelemetryRow[], options: FigureOptions = {}): PlotlyFigure {
  const labels = chartLabels(options.locale);
  const byMetric = groupBy(rows, (row) => row.tipo);
  const series = presentMetrics(byMetric.keys()).map((metric): MetricSeries => {
    const sorted = [...byMetric.get(metric)!].sort((a, b) => a.timeMs - b.timeMs);
    return { metric, x: sorted.map((row) => row.timestamp), y: sorted.map((row) => row.dado) };
  });
  return stackedTimeSeriesFigure(labels.metricsOverTimeTitle, series, labels);
}

/** How each metric's values are spread: a histogram per metric. */
export function metricDistributionsFigure(rows: readonly TelemetryRow[], options: FigureOptions = {}): PlotlyFigure {
  const labels = chartLabels(options.locale);
  const byMetric = groupBy(rows, (row) => row.tipo);
  const values = new Map([...byMetric].map(([metric, group]) => [metric, group.map((row) => row.dado)]));
  return histogramGridFigure(labels.metricDistributionsTitle, values, labels.recordsCount, labels);
}

function formatCorrelation(value: number | null, labels: ChartLabels): string {
  return value === null ? labels.noValue : value.toFixed(2).replace(/^-0\.00$/, "0.00");
}

/** The correlation matrix as a heatmap from -1 (blue) to 1 (red), each cell labelled with its value. */
export function correlationFigure(correlation: CorrelationMatrix, options: FigureOptions = {}): PlotlyFigure {
  const words = chartLabels(options.locale);
  const labels = correlation.metrics.map(metricLabel);
  const title = correlation.samples === undefined ? words.correlationTitle : words.correlationWithSamplesTitle;
  const layout = baseLayout(title, 140 + 70 * Math.max(3, labels.length));
  layout["margin"] = { t: 70, r: 30, b: 110, l: 130 };
  layout["xaxis"] = { type: "category", tickangle: -30, automargin: true };
  layout["yaxis"] = { type: "category", autorange: "reversed", automargin: true };
  layout["plot_bgcolor"] = "white";
  layout["annotations"] = correlation.matrix.flatMap((row, i) =>
    row.map((value, j) => ({
      x: labels[j],
      y: labels[i],
      xref: "x",
      yref: "y",
      text: correlation.samples === undefined ? formatCorrelation(value, words) : `${formatCorrelation(value, words)}<br>n=${correlation.samples[i]![j]}`,
      showarrow: false,
      font: { color: value !== null && Math.abs(value) > 0.6 ? "white" : "#1f2937", size: 13 },
    })),
  );
  const data = [
    {
      type: "heatmap",
      x: labels,
      y: labels,
      z: correlation.matrix,
      zmin: -1,
      zmax: 1,
      xgap: 2,
      ygap: 2,
      colorscale: [
        [0, "#2166ac"],
        [0.25, "#92c5de"],
        [0.5, "#f7f7f7"],
        [0.75, "#f4a582"],
        [1, "#b2182b"],
      ],
      colorbar: { title: { text: "r" }, tickvals: [-1, -0.5, 0, 0.5, 1] },
      hovertemplate: `%{y} ${words.and} %{x}: r = %{z:.2f}<extra></extra>`,
    },
  ];
  return { data, layout };
}

function sampleSeries(samples: readonly GpuSample[]): MetricSeries[] {
  const byGpu = groupBy(samples, (sample) => sample.gpuId);
  const many = byGpu.size > 1;
  return METRICS.flatMap((metric) =>
    [...byGpu].map(([gpu, group]): MetricSeries => {
      const sorted = [...group].sort((a, b) => a.timeUs - b.timeUs);
      const series = { metric, x: sorted.map((sample) => formatRecordTimestamp(sample.timeUs)), y: sorted.map((sample) => sample.values[metric]) };
      return many ? { ...series, gpu } : series;
    }),
  );
}

/** A GPU log's samples over time: one panel per metric (a line per GPU when the log has several). */
export function gpuLogOverTimeFigure(samples: readonly GpuSample[], options: FigureOptions = {}): PlotlyFigure {
  const labels = chartLabels(options.locale);
  return stackedTimeSeriesFigure(labels.gpuLogOverTimeTitle, samples.length === 0 ? [] : sampleSeries(samples), labels);
}

/** How a GPU log's values are spread: a histogram per metric. */
export function gpuLogHistogramsFigure(samples: readonly GpuSample[], options: FigureOptions = {}): PlotlyFigure {
  const labels = chartLabels(options.locale);
  const values = new Map(samples.length === 0 ? [] : METRICS.map((metric) => [metric, samples.map((sample) => sample.values[metric])]));
  return histogramGridFigure(labels.gpuLogHistogramsTitle, values, labels.samplesCount, labels);
}
