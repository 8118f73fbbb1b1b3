import { CommanderError } from "commander";
import { parseExerciseOptions } from "./exercise/exerciseOptions";
import { ExerciseInterrupt } from "./exercise/exerciseInterrupt";
import { formatSummary, isExerciseInterrupted, runExercise } from "./exercise/runExercise";

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
  // Locally Ctrl-C ends the process as it always did: the run's emulator dies with it and bills nothing. On AWS the
  // first Ctrl-C must reach the run's teardown, or the data stream would bill by the hour until someone notices.
  const interrupt = options.aws ? new ExerciseInterrupt() : undefined;
  interrupt?.listen(say);
  try {
    const summary = await runExercise(options, say, (made) => say(formatSummary(made)), interrupt);
    if (!summary.consistent) {
      process.exitCode = 1;
    }
  } catch (error) {
    if (!isExerciseInterrupted(error)) {
      throw error;
    }
    say(`\n${error.message}${options.keep ? "" : ": what the run made on AWS is torn down"}`);
    process.exitCode = 130;
  } finally {
    interrupt?.dispose();
  }
}

main().catch((error: unknown) => {
  const debug = process.env["GPU_STREAM_DEBUG"] !== undefined;
  const detail = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  process.stderr.write(`npm start failed: ${detail}${debug ? "" : " (GPU_STREAM_DEBUG=1 shows where)"}\n`);
  process.exitCode = 1;
});
