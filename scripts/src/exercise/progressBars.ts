import { MultiBar, Presets, SingleBar } from "cli-progress";

/**
 * Progress bars on stderr, drawn only in a terminal: a CI log gets the step lines and the summary, not a
 * redraw every few hundred milliseconds.
 */
const common = {
  stream: process.stderr,
  hideCursor: true,
  clearOnComplete: true,
  noTTYOutput: false,
  barsize: 30,
  fps: 10,
} as const;

export interface BarGroup {
  update(label: string, value: number): void;
  stop(): void;
}

/** One bar per label (the five producers), each out of `total`. */
export function barGroup(labels: readonly string[], total: number, unit: string): BarGroup {
  const multi = new MultiBar({ ...common, format: `      {label} [{bar}] {value}/{total} ${unit}` }, Presets.shades_classic);
  const width = Math.max(...labels.map((label) => label.length));
  const bars = new Map(labels.map((label) => [label, multi.create(total, 0, { label: label.padEnd(width) })]));
  return {
    update: (label, value) => bars.get(label)?.update(value),
    stop: () => multi.stop(),
  };
}

export interface WaitBar {
  update(value: number, status: string): void;
  stop(): void;
}

/** A bar for a wait whose end is known (records delivered, seconds of a crawl), with a status word beside it. */
export function waitBar(title: string, total: number, unit: string): WaitBar {
  const bar = new SingleBar({ ...common, format: `      ${title} [{bar}] {value}/{total} ${unit} {status}` }, Presets.shades_classic);
  bar.start(total, 0, { status: "" });
  return {
    update: (value, status) => bar.update(Math.min(value, total), { status }),
    stop: () => bar.stop(),
  };
}
