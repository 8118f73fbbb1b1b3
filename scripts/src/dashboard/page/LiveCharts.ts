import type { MetricConfig, TelemetryPoint } from "./dashboardWire.js";
import { chartLayout, newChart } from "./chartLayout.js";
import { h } from "./dom.js";
import { plotly, type PlotlyGraphDiv } from "./plotlyApi.js";

/** Lines of further GPUs, after the first (drawn in the metric's own colour). */
const OTHER_GPU_COLORS = ["#1f2937", "#72b7b2", "#9d755d", "#bab0ac", "#eeca3b"];

/** A failed chart update is said in the console, and the next one is tried anyway. */
function reportError(error: unknown): void {
  console.error("chart update failed:", error);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
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

/** One metric's chart: a line per GPU, extended as records arrive, keeping the newest `windowPoints`. */
class MetricChart {
  readonly element: HTMLDivElement;
  private readonly gpus: string[] = [];
  private ready: Promise<unknown>;
  private received = 0;

  constructor(
    private readonly metric: MetricConfig,
    private readonly windowPoints: number,
  ) {
    this.element = h("div", { class: "live-chart", "data-metric": metric.metric, "data-points": "0" });
    this.ready = Promise.resolve();
  }

  draw(): void {
    this.ready = newChart(this.element, chartLayout(`<b>${this.metric.metric}</b>  ${this.metric.description}`, this.metric.unit, "waiting for records…"));
  }

  /** Removes every point: the dashboard server sends its recent window again after a reconnection. */
  clear(): void {
    this.ready = this.ready.then(async () => {
      if (this.gpus.length > 0) {
        await plotly().deleteTraces(this.element, this.gpus.map((_, index) => index));
      }
      this.gpus.length = 0;
      this.received = 0;
      this.element.dataset["points"] = "0";
      this.element.dataset["received"] = "0";
    }).catch(reportError);
  }

  /** Adds points (already in arrival order); updates run one after another so traces never race. */
  add(points: readonly TelemetryPoint[]): Promise<unknown> {
    this.ready = this.ready.then(() => this.extend(points)).catch(reportError);
    return this.ready;
  }

  private async extend(points: readonly TelemetryPoint[]): Promise<void> {
    const api = plotly();
    const byGpu = groupBy(points, (point) => point.gpu ?? "0");
    const added = [...byGpu.keys()].filter((gpu) => !this.gpus.includes(gpu));
    for (const gpu of added) {
      const color = this.gpus.length === 0 ? this.metric.color : OTHER_GPU_COLORS[(this.gpus.length - 1) % OTHER_GPU_COLORS.length]!;
      this.gpus.push(gpu);
      await api.addTraces(this.element, {
        type: "scatter",
        mode: "lines+markers",
        name: `GPU ${gpu}`,
        x: [],
        y: [],
        line: { color, width: 1.5 },
        marker: { color, size: 3 },
        hovertemplate: `%{x}<br>%{y} ${this.metric.unit}<extra>GPU ${gpu}</extra>`,
      });
    }
    if (this.received === 0) {
      await api.relayout(this.element, { annotations: [], showlegend: this.gpus.length > 1 });
    } else if (added.length > 0) {
      await api.relayout(this.element, { showlegend: this.gpus.length > 1 });
    }
    const indices = [...byGpu.keys()].map((gpu) => this.gpus.indexOf(gpu));
    const sorted = [...byGpu.values()].map((group) => [...group].sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0)));
    await api.extendTraces(this.element, { x: sorted.map((group) => group.map((point) => point.t)), y: sorted.map((group) => group.map((point) => point.v)) }, indices, this.windowPoints);
    this.received += points.length;
    const shown = (this.element as PlotlyGraphDiv).data.reduce((sum, trace) => sum + trace.x.length, 0);
    this.element.dataset["points"] = String(shown);
    this.element.dataset["received"] = String(this.received);
  }
}

/** Records read per second, over the last minutes: the producers starting and stopping. */
class RateChart {
  readonly element: HTMLDivElement = h("div", { class: "rate-chart" });
  private ready: Promise<unknown> = Promise.resolve();
  private started = false;

  constructor(private readonly windowPoints: number) {}

  draw(): void {
    this.ready = newChart(this.element, chartLayout("<b>records/s</b>  read from the stream, all metrics", "records/s", "waiting for the reader…")).then(() =>
      plotly().addTraces(this.element, { type: "scatter", mode: "lines", x: [], y: [], fill: "tozeroy", line: { color: "#374151", width: 1.5, shape: "hv" }, fillcolor: "rgba(55, 65, 81, 0.12)", hovertemplate: "%{x}<br>%{y:.1f} records/s<extra></extra>" }),
    );
  }

  add(atIso: string, recordsPerSecond: number): void {
    this.ready = this.ready.then(async () => {
      if (!this.started) {
        this.started = true;
        await plotly().relayout(this.element, { annotations: [], "yaxis.rangemode": "tozero" });
      }
      await plotly().extendTraces(this.element, { x: [[atIso]], y: [[recordsPerSecond]] }, [0], this.windowPoints);
    }).catch(reportError);
  }
}

/** The five metrics' charts, fed the points read from the stream, and the rate they are read at. */
export class LiveCharts {
  private readonly charts = new Map<string, MetricChart>();
  private readonly rate: RateChart;

  constructor(container: HTMLElement, metrics: readonly MetricConfig[], windowPoints: number, ratePoints: number) {
    for (const metric of metrics) {
      const chart = new MetricChart(metric, windowPoints);
      this.charts.set(metric.metric, chart);
      container.append(chart.element);
      chart.draw();
    }
    this.rate = new RateChart(ratePoints);
    container.append(this.rate.element);
    this.rate.draw();
  }

  /** Forgets every point of the metric charts (the rate's history stays: it is the page's own). */
  clear(): void {
    for (const chart of this.charts.values()) {
      chart.clear();
    }
  }

  /** The reader's rate at a moment (the page's clock, UTC as the records' timestamps). */
  addRate(at: Date, recordsPerSecond: number): void {
    this.rate.add(at.toISOString().replace("T", " ").replace("Z", ""), recordsPerSecond);
  }

  add(points: readonly TelemetryPoint[]): void {
    for (const [metric, group] of groupBy(points, (point) => point.metric)) {
      void this.charts.get(metric)?.add(group);
    }
  }
}
