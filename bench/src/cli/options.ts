import { join } from "node:path";

export interface BenchOptions {
  readonly quick: boolean;
  /** Where results go; default bench/results. */
  readonly outDir: string;
  /** Only the Kinesis comparison, not the emulator-only scenarios. */
  readonly kinesisOnly: boolean;
  /** Restrict to systems whose id contains one of these (e.g. gpu-stream, kinesalite-memory). */
  readonly systems: readonly string[];
  /** Run the servers under `node --cpu-prof`, profiles in a fresh temporary directory. */
  readonly cpuProfile: boolean;
}

export const USAGE = `usage: npm run bench -- [--quick] [--out DIR] [--only kinesis] [--system ID]... [--cpu-prof]
  --quick          a smoke run (under a minute); writes quick-<date>.json/.md
  --out DIR        where to write results (default bench/results)
  --only kinesis   skip the emulator-only scenarios
  --system ID      only systems whose id contains ID: gpu-stream-h2, gpu-stream-h1, kinesalite-memory, kinesalite-path
  --cpu-prof       run each server under node --cpu-prof; profiles in a temporary directory it prints
`;

/** A command line the bench does not understand: shown with the usage, without a stack. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export function parseOptions(argv: readonly string[], defaultOutDir = join(__dirname, "..", "..", "results")): BenchOptions {
  let quick = false;
  let outDir = defaultOutDir;
  let kinesisOnly = false;
  let cpuProfile = false;
  const systems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) {
        throw new UsageError(`${flag} needs a value`);
      }
      return next;
    };
    if (flag === "--quick") {
      quick = true;
    } else if (flag === "--out") {
      outDir = value();
    } else if (flag === "--only") {
      const what = value();
      if (what !== "kinesis") {
        throw new UsageError(`--only takes 'kinesis', got '${what}'`);
      }
      kinesisOnly = true;
    } else if (flag === "--system") {
      systems.push(value());
    } else if (flag === "--cpu-prof") {
      cpuProfile = true;
    } else {
      throw new UsageError(`unknown flag ${flag}`);
    }
  }
  return { quick, outDir, kinesisOnly, systems, cpuProfile };
}
