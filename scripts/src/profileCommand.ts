import { Command } from "commander";
import { DEFAULT_PROFILE_PATH, formatProfileTable, METRICS, profileGpuLog, readGpuLog, writeProfile } from "@gpu-stream/shared";
import { parseInteger } from "./optionParsers";

interface ProfileFlags {
  out: string;
  utcOffset?: number;
  json?: boolean;
}

async function runProfile(logPath: string, flags: ProfileFlags): Promise<void> {
  const log = await readGpuLog(logPath, flags.utcOffset === undefined ? {} : { utcOffsetMinutes: flags.utcOffset });
  const profile = await profileGpuLog(log, logPath);
  await writeProfile(flags.out, profile);
  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify(profile, null, 2)}\n`);
    return;
  }
  const columns = METRICS.map((metric) => `  ${metric.padEnd(11)} <- ${log.columns[metric]}`).join("\n");
  const skipped = log.skippedRows > 0 ? `, ${log.skippedRows} rows skipped (a metric missing or not a number)` : "";
  process.stdout.write(`${logPath}: ${log.format} log, ${log.samples.length} samples${skipped}\n${columns}\n\n`);
  process.stdout.write(`${formatProfileTable(profile)}\n\nwrote ${flags.out}\n`);
}

export function profileCommand(): Command {
  return new Command("profile")
    .description("profile a GPU log (GPU-Z sensor log or nvidia-smi CSV) with danfo.js and write the generator profile the producers read")
    .argument("<log>", "the GPU log, e.g. data/sample-gpu-z-sensor-log.txt")
    .option("-o, --out <path>", "where to write the profile", DEFAULT_PROFILE_PATH)
    .option("--utc-offset <minutes>", "the log's local time zone as minutes east of UTC (GPU-Z and nvidia-smi log local time; default: UTC for GPU-Z, this machine's zone for nvidia-smi)", parseInteger)
    .option("--json", "print the profile as JSON instead of a table")
    .action(runProfile);
}
