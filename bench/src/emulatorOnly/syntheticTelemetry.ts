import { randomUUID } from "node:crypto";
import { formatRecordTimestamp, formatValue, METRIC_INFO, METRICS, SeededRandom, serializeRecord } from "@gpu-stream/shared";

export interface SyntheticObject {
  /** Firehose's layout: `<prefix>YYYY/MM/DD/HH/<name>-1-YYYY-MM-DD-HH-MM-SS-<uuid>`. */
  readonly key: string;
  /** Newline-delimited JSON records, as Firehose writes them with AppendDelimiterToRecord. */
  readonly body: string;
  readonly records: number;
}

export interface SyntheticLayout {
  readonly records: number;
  readonly objects: number;
  readonly hourFolders: number;
  readonly prefix: string;
  readonly deliveryStreamName: string;
}

/** The course's date, so every run writes the same folders. */
const FIRST_HOUR_MS = Date.UTC(2026, 10, 28, 6);
const HOUR_MS = 3_600_000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

function objectKey(layout: SyntheticLayout, deliveredMs: number): string {
  const d = new Date(deliveredMs);
  const [year, month, day, hour] = [pad(d.getUTCFullYear(), 4), pad(d.getUTCMonth() + 1), pad(d.getUTCDate()), pad(d.getUTCHours())];
  const stamp = `${year}-${month}-${day}-${hour}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}`;
  return `${layout.prefix}${year}/${month}/${day}/${hour}/${layout.deliveryStreamName}-1-${stamp}-${randomUUID()}`;
}

/**
 * The telemetry of five producers (one record per metric per sample, each producer counting its own idtemp) spread
 * evenly over `hourFolders` hours and cut into `objects` objects, each filed under the hour of its last record.
 */
export function* syntheticObjects(layout: SyntheticLayout, seed = 20230826): Generator<SyntheticObject> {
  const random = new SeededRandom(seed);
  const samples = Math.ceil(layout.records / METRICS.length);
  const sampleGapUs = (layout.hourFolders * HOUR_MS * 1000) / samples;
  const perObject = Math.ceil(layout.records / layout.objects);
  let written = 0;
  while (written < layout.records) {
    const count = Math.min(perObject, layout.records - written);
    const lines: string[] = new Array<string>(count);
    let lastUs = 0;
    for (let i = 0; i < count; i++) {
      const index = written + i;
      const sample = Math.floor(index / METRICS.length);
      const metric = METRICS[index % METRICS.length]!;
      const range = METRIC_INFO[metric].originalRange;
      lastUs = FIRST_HOUR_MS * 1000 + Math.floor(sample * sampleGapUs);
      lines[i] = serializeRecord({
        idtemp: String(sample),
        dado: formatValue(metric, random.between(range.min, range.max)),
        tipo: metric,
        timestamp: formatRecordTimestamp(lastUs),
        gpu: "GPU-0",
        unidade: METRIC_INFO[metric].unit,
      });
    }
    written += count;
    yield { key: objectKey(layout, Math.floor(lastUs / 1000)), body: `${lines.join("\n")}\n`, records: count };
  }
}
