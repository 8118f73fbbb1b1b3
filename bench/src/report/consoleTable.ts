import type { PhaseFigures } from "./types";
import { formatNumber, padTable } from "./format";

const HEADER = ["system / phase", "records", "rec/s", "MB/s", "p50 ms", "p99 ms", "srv us/rec", "cli us/rec", "srv cores", "cli cores", "other", "bound"];

/** One line per phase as it completes, aligned to the header printed first (widths fixed by the header). */
export class ConsoleTable {
  private readonly widths = HEADER.map((title, column) => Math.max(title.length, column === 0 ? 44 : 9));

  constructor(private readonly write: (line: string) => void) {}

  header(): void {
    this.write(this.format(HEADER));
  }

  row(label: string, figures: PhaseFigures): void {
    this.write(
      this.format([
        label,
        String(figures.records),
        formatNumber(figures.recordsPerSecond),
        formatNumber(figures.megabytesPerSecond),
        formatNumber(figures.latency.p50Ms),
        formatNumber(figures.latency.p99Ms),
        formatNumber(figures.serverCpuUsPerRecord),
        formatNumber(figures.clientCpuUsPerRecord),
        formatNumber(figures.cpu.serverCores),
        formatNumber(figures.cpu.clientCores),
        `${formatNumber(figures.cpu.otherCores)}${figures.cpu.noisy ? " NOISY" : ""}`,
        figures.bound,
      ]),
    );
  }

  private format(cells: readonly string[]): string {
    return padTable([this.widths.map((width) => "".padEnd(width)), cells])[1]!;
  }
}
