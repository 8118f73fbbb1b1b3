import type { GpuSample } from "./GpuSample";
import { METRICS } from "./metrics";

export interface GpuzLogWriteOptions {
  /** Lines written first, each prefixed with `# ` (GPU-Z writes none; parseGpuzLog skips them). */
  readonly headerComment?: readonly string[];
}

type Values = GpuSample["values"];

interface WrittenColumn {
  readonly header: string;
  readonly decimals: number;
  readonly value: (values: Values) => number;
}

/** Assumed board power limit, for the `% TDP` column. */
const TDP_W = 75;
const IDLE_CLOCK_MHZ = 700;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * The columns of an NVIDIA card's GPU-Z log, in GPU-Z's order. The five metrics are written as they are;
 * the others, which a sample does not hold, follow from them plausibly and deterministically.
 */
const COLUMNS: readonly WrittenColumn[] = [
  { header: "GPU Clock [MHz]", decimals: 1, value: (v) => v.Frequencia },
  { header: "Memory Clock [MHz]", decimals: 1, value: (v) => (v.Frequencia < IDLE_CLOCK_MHZ ? 405 : 2001) },
  { header: "GPU Temperature [°C]", decimals: 1, value: (v) => v.temperatura },
  { header: "Hot Spot [°C]", decimals: 1, value: (v) => v.temperatura + 7.5 + 0.08 * v.Uso },
  { header: "Fan Speed (%) [%]", decimals: 0, value: (v) => (v.temperatura < 50 ? 0 : clamp(30 + 2 * (v.temperatura - 50), 30, 100)) },
  { header: "Memory Used [MB]", decimals: 0, value: (v) => v.usoVRAM },
  { header: "GPU Load [%]", decimals: 0, value: (v) => v.Uso },
  { header: "Memory Controller Load [%]", decimals: 0, value: (v) => 0.45 * v.Uso },
  { header: "Board Power Draw [W]", decimals: 1, value: (v) => v.energia },
  { header: "GPU Chip Power Draw [W]", decimals: 1, value: (v) => 0.62 * v.energia },
  { header: "PCIe Slot Power [W]", decimals: 1, value: (v) => 0.35 * v.energia },
  { header: "8-Pin #1 Power [W]", decimals: 1, value: (v) => 0.65 * v.energia },
  { header: "Power Consumption (%) [% TDP]", decimals: 1, value: (v) => (100 * v.energia) / TDP_W },
  // PerfCap: 16 is "Idle", 4 "VRel" (reliability voltage), what an NVIDIA card reports at rest and under load.
  { header: "PerfCap Reason []", decimals: 0, value: (v) => (v.Uso < 15 ? 16 : 4) },
  { header: "GPU Voltage [V]", decimals: 4, value: (v) => clamp(0.625 + (0.425 * (v.Frequencia - 300)) / 1700, 0.625, 1.05) },
  { header: "CPU Temperature [°C]", decimals: 1, value: (v) => 38 + 0.25 * v.Uso },
  { header: "System Memory Used [MB]", decimals: 0, value: (v) => 6100 + 2 * v.usoVRAM },
];

const DATE_WIDTH = 20;
/** GPU-Z pads each value to its header cell's width, leaving three spaces after it. */
const VALUE_TRAILING_SPACES = 3;

function pad2(value: number): string {
  return String(value).padStart(2, "0");
}

/** GPU-Z's `YYYY-MM-DD HH:MM:SS`, here in UTC; the sub-second part is dropped, as GPU-Z does. */
function formatGpuzDate(timeUs: number): string {
  const date = new Date(Math.floor(timeUs / 1000));
  return (
    `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} ` +
    `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`
  );
}

function checkSamples(samples: readonly GpuSample[]): void {
  const gpuIds = [...new Set(samples.map((sample) => sample.gpuId))];
  if (gpuIds.length > 1) {
    throw new RangeError(`a GPU-Z log holds one GPU, the samples are of ${gpuIds.length}: ${gpuIds.join(", ")}`);
  }
  samples.forEach((sample, index) => {
    for (const metric of METRICS) {
      if (!Number.isFinite(sample.values[metric])) {
        throw new RangeError(`sample ${index}: ${metric} is ${sample.values[metric]}, not a finite number`);
      }
    }
  });
}

/**
 * A GPU-Z-style sensor log of the samples (one GPU), times in UTC, layout and columns as GPU-Z writes them
 * for an NVIDIA card. parseGpuzLog reads it back to the five metrics at the printed precision.
 */
export function formatGpuzLog(samples: readonly GpuSample[], options: GpuzLogWriteOptions = {}): string {
  checkSamples(samples);
  const comments = (options.headerComment ?? []).flatMap((text) => text.split(/\r\n|\r|\n/)).map((line) => (line === "" ? "#" : `# ${line}`));
  const headerCells = COLUMNS.map((column) => ` ${column.header} `);
  const header = `${"Date".padStart(12).padEnd(DATE_WIDTH)},${headerCells.map((cell) => `${cell},`).join("")}`;
  const rows = samples.map((sample) => {
    const cells = COLUMNS.map((column, index) => {
      const text = column.value(sample.values).toFixed(column.decimals);
      return `${text.padStart(headerCells[index]!.length - VALUE_TRAILING_SPACES)}${" ".repeat(VALUE_TRAILING_SPACES)},`;
    });
    return `${formatGpuzDate(sample.timeUs).padEnd(DATE_WIDTH)},${cells.join("")}`;
  });
  return [...comments, header, ...rows].map((line) => `${line}\n`).join("");
}
