import type { TelemetryPoint } from "./page/dashboardWire";

/** The newest points of each metric, so that a page opened mid-run starts with the recent window. */
export class RecentPoints {
  private readonly byMetric = new Map<string, TelemetryPoint[]>();

  constructor(private readonly perMetric: number) {}

  add(points: readonly TelemetryPoint[]): void {
    for (const point of points) {
      let kept = this.byMetric.get(point.metric);
      if (kept === undefined) {
        kept = [];
        this.byMetric.set(point.metric, kept);
      }
      kept.push(point);
      if (kept.length > 2 * this.perMetric) {
        kept.splice(0, kept.length - this.perMetric);
      }
    }
  }

  /** Every kept point, up to `perMetric` of each metric, oldest first within a metric. */
  all(): TelemetryPoint[] {
    return [...this.byMetric.values()].flatMap((kept) => kept.slice(-this.perMetric));
  }
}
