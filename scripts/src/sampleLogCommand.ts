import { writeFile, mkdir, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { Command } from "commander";
import { SAMPLE_LOG_DEFAULTS, SAMPLE_LOG_PATH, syntheticSampleLog } from "@gpu-stream/shared";
import { parseInteger, parsePositiveInteger, parsePositiveNumber } from "./optionParsers";

interface SampleLogFlags {
  out: string;
  seed: number;
  samples: number;
  interval: number;
}

async function runSampleLog(flags: SampleLogFlags): Promise<void> {
  const text = syntheticSampleLog({ seed: flags.seed, samples: flags.samples, stepMs: flags.interval * 1000 });
  await mkdir(dirname(flags.out), { recursive: true });
  const temporary = `${flags.out}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, flags.out);
  process.stdout.write(`wrote ${flags.out}: ${flags.samples} synthetic samples of the realistic GPU model, seed ${flags.seed}\n`);
}

export function sampleLogCommand(): Command {
  return new Command("sample-log")
    .description("regenerate the synthetic sample GPU log (GPU-Z sensor log layout) from the realistic model and a fixed seed")
    .option("-o, --out <path>", "where to write it", SAMPLE_LOG_PATH)
    .option("--seed <n>", "the model's seed", parseInteger, SAMPLE_LOG_DEFAULTS.seed)
    .option("--samples <n>", "how many samples", parsePositiveInteger, SAMPLE_LOG_DEFAULTS.samples)
    .option("-i, --interval <seconds>", "seconds between samples", parsePositiveNumber, SAMPLE_LOG_DEFAULTS.stepMs / 1000)
    .action(runSampleLog);
}
