import { formatRecordTimestamp, METRICS } from "@gpu-stream/shared";
import { PARTITION_KEYS } from "./partitionKeys";

/** The size of every record, as the issue fixes it: a telemetry record of the project's shape. */
export const RECORD_BYTES = 110;

const INDEX_DIGITS = 8;
const PREFIX = '{"idtemp":"';
const BASE_TIME_US = Date.UTC(2026, 10, 28, 6, 0, 0) * 1000;

/**
 * Record `index` of a run: the project's telemetry record whose `idtemp` is the index (fixed width, at a fixed offset,
 * so a reader finds it without parsing), padded to RECORD_BYTES by its `gpu` field. Pure function of the index, so
 * the verifier regenerates what was written instead of keeping a million records.
 */
export function recordText(index: number): string {
  const metric = METRICS[index % METRICS.length]!;
  const value = (((index * 7919) % 100_000) / 1000).toFixed(3);
  const timestamp = formatRecordTimestamp(BASE_TIME_US + index * 1000);
  const head = `${PREFIX}${String(index).padStart(INDEX_DIGITS, "0")}","dado":"${value}","tipo":"${metric}","timestamp":"${timestamp}","gpu":"`;
  const gpu = String(index % PARTITION_KEYS.length).padStart(RECORD_BYTES - head.length - 2, "0");
  return `${head}${gpu}"}`;
}

export function recordBytes(index: number): Buffer {
  return Buffer.from(recordText(index), "latin1");
}

export function partitionKeyOf(index: number): string {
  return PARTITION_KEYS[index % PARTITION_KEYS.length]!;
}

/** The index a record carries, or undefined when the bytes are not one of ours. */
export function indexOfRecord(data: Uint8Array): number | undefined {
  if (data.length !== RECORD_BYTES) {
    return undefined;
  }
  let index = 0;
  for (let offset = PREFIX.length; offset < PREFIX.length + INDEX_DIGITS; offset++) {
    const digit = data[offset]! - 48;
    if (digit < 0 || digit > 9) {
      return undefined;
    }
    index = index * 10 + digit;
  }
  return index;
}
