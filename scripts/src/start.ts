import { CommanderError } from "commander";
import { parseExerciseOptions } from "./exercise/exerciseOptions";
import { formatSummary, runExercise } from "./exercise/runExercise";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** `npm start [-- flags]`: the whole exercise, headless; `npm start -- --help` lists the flags. */
async function main(): Promise<void> {
  let options;
  try {
    options = parseExerciseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    throw error;
  }
  say(options.aws ? "gpu-stream on AWS: the course exercise end to end, on real resources" : "gpu-stream: the course exercise end to end, on the local emulator");
  const summary = await runExercise(options, say, (made) => say(formatSummary(made)));
  if (!summary.consistent) {
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  const debug = process.env["GPU_STREAM_DEBUG"] !== undefined;
  const detail = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  process.stderr.write(`npm start failed: ${detail}${debug ? "" : " (GPU_STREAM_DEBUG=1 shows where)"}\n`);
  process.exitCode = 1;
});
