import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { GpuLogError } from "../gpuLog/GpuLog";
import type { GpuSample } from "../gpuLog/GpuSample";
import { NVIDIA_SMI_QUERY_FIELDS, parseNvidiaSmiLine } from "../gpuLog/parseNvidiaSmiCsv";

export interface NvidiaSmiSamplesOptions {
  /** nvidia-smi's sampling interval (`-lms`), in milliseconds. */
  readonly intervalMs: number;
  /** Ends the samples and stops nvidia-smi. */
  readonly signal?: AbortSignal;
  /** The nvidia-smi executable. Default: the `NVIDIA_SMI` environment variable, else `nvidia-smi` on the PATH. */
  readonly command?: string;
  /** The GPUs to read (nvidia-smi's `--id`: indexes, UUIDs or PCI bus ids). Default all. Samples carry the GPU's index. */
  readonly gpuIds?: readonly string[];
}

/** How long nvidia-smi may go on after printing something other than samples (its error) before it is stopped. */
const EXIT_GRACE_MS = 2000;
const KEPT_OUTPUT_CHARS = 2000;

/** The nvidia-smi command line of the live source. */
export function nvidiaSmiArguments(intervalMs: number, gpuIds?: readonly string[]): string[] {
  if (!Number.isFinite(intervalMs) || intervalMs < 1) {
    throw new RangeError(`nvidia-smi's sampling interval must be at least 1 ms, got ${intervalMs}`);
  }
  const ids = gpuIds !== undefined && gpuIds.length > 0 ? [`--id=${gpuIds.join(",")}`] : [];
  return [`--query-gpu=${NVIDIA_SMI_QUERY_FIELDS.join(",")}`, "--format=csv,noheader,nounits", "-lms", String(Math.round(intervalMs)), ...ids];
}

type Outcome = { readonly error: NodeJS.ErrnoException } | { readonly code: number | null; readonly signal: NodeJS.Signals | null };

function failure(command: string, outcome: Outcome, message: string, printedOther: boolean, stoppedByUs: boolean): Error | undefined {
  if ("error" in outcome) {
    if (outcome.error.code === "ENOENT") {
      return new Error(
        `'${command}' was not found: no NVIDIA GPU driver to read here (nvidia-smi is installed with it). ` +
          "Use the 'realistic' source for simulated telemetry, or set NVIDIA_SMI to nvidia-smi's path.",
      );
    }
    return new Error(`could not start '${command}': ${outcome.error.message}`);
  }
  const detail = message === "" ? "" : `: ${message}`;
  if (outcome.code !== null && outcome.code !== 0) {
    return new Error(`${command} failed (exit code ${outcome.code})${detail}`);
  }
  if (printedOther) {
    return new Error(`${command} printed something other than samples of ${NVIDIA_SMI_QUERY_FIELDS.join(",")}${detail}`);
  }
  if (!stoppedByUs && outcome.signal !== null) {
    return new Error(`${command} was ended by ${outcome.signal}${detail}`);
  }
  return undefined;
}

/**
 * Live samples of this machine's NVIDIA GPUs, one per GPU each `intervalMs`, read from
 * `nvidia-smi --query-gpu=... --format=csv,noheader,nounits -lms <intervalMs>` as it prints them.
 * nvidia-smi is stopped when the consumer stops iterating or the signal aborts (the samples then end).
 */
export async function* nvidiaSmiSamples(options: NvidiaSmiSamplesOptions): AsyncGenerator<GpuSample, void> {
  const args = nvidiaSmiArguments(options.intervalMs, options.gpuIds);
  const command = options.command ?? process.env["NVIDIA_SMI"] ?? "nvidia-smi";
  const { signal } = options;
  if (signal?.aborted) {
    return;
  }
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  const outcome = new Promise<Outcome>((resolve) => {
    child.once("error", (error) => resolve({ error }));
    child.once("close", (code, exitSignal) => resolve({ code, signal: exitSignal }));
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-KEPT_OUTPUT_CHARS);
  });
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  let stoppedByUs = false;
  const stop = (): void => {
    if (child.exitCode === null && child.signalCode === null) {
      stoppedByUs = true;
      child.kill();
    }
    // Without waiting for the pipes to close: a process nvidia-smi started could hold them open.
    lines.close();
    child.stdout.destroy();
    child.stderr.destroy();
  };
  signal?.addEventListener("abort", stop, { once: true });
  let otherOutput = "";
  let graceTimer: NodeJS.Timeout | undefined;
  try {
    for await (const line of lines) {
      if (signal?.aborted) {
        return;
      }
      if (line.trim() === "") {
        continue;
      }
      if (otherOutput !== "") {
        otherOutput = `${otherOutput}\n${line}`.slice(0, KEPT_OUTPUT_CHARS);
        continue;
      }
      let sample: GpuSample | undefined;
      try {
        sample = parseNvidiaSmiLine(line, NVIDIA_SMI_QUERY_FIELDS);
      } catch (error) {
        if (!(error instanceof GpuLogError)) {
          throw error;
        }
        // Most likely nvidia-smi's own error message, printed to stdout before it exits.
        otherOutput = line;
        graceTimer = setTimeout(stop, EXIT_GRACE_MS);
        continue;
      }
      if (sample !== undefined) {
        yield sample;
      }
    }
    const ended = await outcome;
    if (signal?.aborted) {
      return;
    }
    const message = (stderr.trim() === "" ? otherOutput : stderr).trim();
    const error = failure(command, ended, message, otherOutput !== "", stoppedByUs);
    if (error !== undefined) {
      throw error;
    }
  } finally {
    clearTimeout(graceTimer);
    signal?.removeEventListener("abort", stop);
    stop();
  }
}
