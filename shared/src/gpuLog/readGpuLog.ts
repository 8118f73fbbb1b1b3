import { readFile } from "node:fs/promises";
import { GpuLogError, type GpuLog, type GpuLogFormat } from "./GpuLog";
import { parseGpuzLog } from "./parseGpuzLog";
import { parseNvidiaSmiCsv } from "./parseNvidiaSmiCsv";

export interface GpuLogOptions {
  /** The log's format; default: told from its header. */
  readonly format?: GpuLogFormat;
  /**
   * The zone of the log's wall-clock times, in minutes east of UTC. Default: UTC for GPU-Z logs, this
   * process's local zone for nvidia-smi output (which is usually read on the machine that wrote it).
   */
  readonly utcOffsetMinutes?: number;
  /** The samples' gpuId where the log does not name its GPU (GPU-Z; nvidia-smi without index). Default `0`. */
  readonly gpuId?: string;
}

/** GPU-Z's header starts with `Date`; nvidia-smi's names dotted query fields (`power.draw [W]`) or `timestamp`. */
export function detectGpuLogFormat(text: string): GpuLogFormat {
  const header = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .find((line) => line !== "" && !line.startsWith("#"));
  const fields = (header ?? "").split(",").map((field) => field.trim().toLowerCase());
  if (fields[0] === "date") {
    return "gpu-z";
  }
  if (fields.some((field) => field === "timestamp" || /^[a-z_]+\.[a-z_.]+(?: \[|$)/.test(field))) {
    return "nvidia-smi";
  }
  const shown = header === undefined ? "it is empty" : `its first line is '${header.slice(0, 120)}'`;
  throw new GpuLogError(
    `not a GPU log this project reads (${shown}): expected a GPU-Z sensor log (header starting with 'Date') ` +
      "or nvidia-smi --query-gpu=... --format=csv output (header with timestamp, power.draw, ...)",
  );
}

/** Parses a GPU-Z sensor log or nvidia-smi CSV, telling which from the header unless `format` says. */
export function parseGpuLog(text: string, options: GpuLogOptions = {}): GpuLog {
  const withoutBom = text.replace(/^\uFEFF/, "");
  const format = options.format ?? detectGpuLogFormat(withoutBom);
  const { format: _format, ...parserOptions } = options;
  return format === "gpu-z" ? parseGpuzLog(withoutBom, parserOptions) : parseNvidiaSmiCsv(withoutBom, parserOptions);
}

/**
 * UTF-8 when the bytes are valid UTF-8, else Latin-1: GPU-Z on Windows writes `°` as the single byte 0xB0 of
 * Windows-1252, which Latin-1 reads alike (they differ only in 0x80-0x9F, which no sensor log holds).
 */
export function decodeLogBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  }
}

/** Reads a GPU log file (GPU-Z sensor log or nvidia-smi CSV); errors about its content name the file. */
export async function readGpuLog(path: string, options: GpuLogOptions = {}): Promise<GpuLog> {
  const text = decodeLogBytes(await readFile(path));
  try {
    return parseGpuLog(text, options);
  } catch (error) {
    if (error instanceof GpuLogError) {
      throw new GpuLogError(`${path}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
