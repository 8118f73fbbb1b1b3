import { Command } from "commander";

// The AWS SDK clients are pinned to versions that support Node 20; their warning about later versions needing
// Node 22 says nothing about this program, so it would only confuse a student on every run.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
import { dashboardCommand } from "./dashboardCommand";
import { produceCommand } from "./produceCommand";
import { profileCommand } from "./profileCommand";
import { sampleLogCommand } from "./sampleLogCommand";
import { teardownCommand } from "./teardownCommand";

const program = new Command("gpu-stream")
  .description("GPU telemetry through Kinesis -> Firehose -> S3 -> Glue -> Athena, locally or on AWS")
  .showHelpAfterError()
  .addCommand(produceCommand())
  .addCommand(profileCommand())
  .addCommand(sampleLogCommand())
  .addCommand(dashboardCommand())
  .addCommand(teardownCommand());

/** The hint a user needs when the local emulator is not there. */
function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const refused = /ECONNREFUSED/.test(message) || /ECONNREFUSED/.test(String((error as { cause?: unknown })?.cause));
  return refused ? `${message}\nNothing answers at that endpoint: is the local emulator running? (or use --mode aws)` : message;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`gpu-stream: ${explain(error)}\n`);
  process.exitCode = 1;
});
