import { isMetric, METRIC_INFO, METRICS, type Metric } from "../gpuLog/metrics";
import type { GpuSample } from "../gpuLog/GpuSample";

/**
 * The record the producers put into the stream, field for field as the original exercise wrote it,
 * so the course's SQL runs unchanged: all four values are strings.
 * Extra fields (the GPU's id, the unit) may follow the four; they never replace them.
 */
export interface TelemetryRecord {
  readonly idtemp: string;
  readonly dado: string;
  readonly tipo: Metric;
  /** UTC, `YYYY-MM-DD HH:MM:SS.ffffff`: Athena casts it with `CAST("timestamp" AS timestamp)`. */
  readonly timestamp: string;
  readonly gpu?: string;
  readonly unidade?: string;
}

export class RecordError extends Error {
  override readonly name = "RecordError";
}

const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{6})$/;
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** Formats epoch microseconds as the record's UTC timestamp, e.g. `2026-11-28 06:29:32.123456`. */
export function formatRecordTimestamp(timeUs: number): string {
  const wholeMs = Math.floor(timeUs / 1000);
  const date = new Date(wholeMs);
  const micros = Math.floor(timeUs - Math.floor(timeUs / 1_000_000) * 1_000_000);
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)} ` +
    `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(micros, 6)}`
  );
}

/** Parses a record timestamp back to epoch microseconds; throws RecordError when it is not in the record's format. */
export function parseRecordTimestamp(text: string): number {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (match === null) {
    throw new RecordError(`timestamp '${text}' is not UTC 'YYYY-MM-DD HH:MM:SS.ffffff'`);
  }
  const [year, month, day, hour, minute, second, micros] = match.slice(1).map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new RecordError(`timestamp '${text}' is not a valid date and time`);
  }
  return ms * 1000 + micros;
}

/** Formats a metric's value with the decimals worth keeping, without trailing zeros (`1410`, `36.2107`). */
export function formatValue(metric: Metric, value: number): string {
  if (!Number.isFinite(value)) {
    throw new RecordError(`${metric} value ${value} is not a finite number`);
  }
  const fixed = value.toFixed(METRIC_INFO[metric].decimals);
  const trimmed = fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
  return trimmed === "-0" ? "0" : trimmed;
}

export interface RecordOptions {
  /** Adds `gpu` and `unidade` after the original four fields. Default true. */
  readonly extraFields?: boolean;
}

/** The record of one metric of a sample; `idtemp` is the producer's running count, as in the original. */
export function toRecord(sample: GpuSample, metric: Metric, idtemp: number, options: RecordOptions = {}): TelemetryRecord {
  const record: TelemetryRecord = {
    idtemp: String(idtemp),
    dado: formatValue(metric, sample.values[metric]),
    tipo: metric,
    timestamp: formatRecordTimestamp(sample.timeUs),
  };
  return options.extraFields === false ? record : { ...record, gpu: sample.gpuId, unidade: METRIC_INFO[metric].unit };
}

/** The record's JSON form, as put into the stream (no trailing newline: Firehose's delimiter processor adds it). */
export function serializeRecord(record: TelemetryRecord): string {
  return JSON.stringify(record);
}

function requireString(object: Record<string, unknown>, field: string): string {
  const value = object[field];
  if (value === undefined) {
    throw new RecordError(`missing field '${field}'`);
  }
  if (typeof value !== "string") {
    throw new RecordError(`field '${field}' must be a string (the original record keeps every value as text), got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Checks that a decoded JSON value is a well-formed record; throws RecordError naming the first problem. */
export function validateRecord(value: unknown): TelemetryRecord {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RecordError(`a record must be a JSON object, got ${Array.isArray(value) ? "an array" : JSON.stringify(value)}`);
  }
  const object = value as Record<string, unknown>;
  const idtemp = requireString(object, "idtemp");
  if (!/^\d+$/.test(idtemp)) {
    throw new RecordError(`idtemp '${idtemp}' must be a non-negative whole number`);
  }
  const dado = requireString(object, "dado");
  if (!DECIMAL_PATTERN.test(dado)) {
    throw new RecordError(`dado '${dado}' must be a decimal number`);
  }
  const tipo = requireString(object, "tipo");
  if (!isMetric(tipo)) {
    throw new RecordError(`tipo '${tipo}' must be one of ${METRICS.join(", ")}`);
  }
  const timestamp = requireString(object, "timestamp");
  parseRecordTimestamp(timestamp);
  for (const optional of ["gpu", "unidade"] as const) {
    if (object[optional] !== undefined) {
      requireString(object, optional);
    }
  }
  return object as unknown as TelemetryRecord;
}

/** Parses one record from its JSON text or bytes; throws RecordError for bad JSON or a bad record. */
export function parseRecord(input: string | Uint8Array): TelemetryRecord {
  const text = typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: false }).decode(input);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RecordError(`not JSON: ${(error as Error).message}`);
  }
  return validateRecord(value);
}
