import { Command } from "commander";
import { produceCommand } from "./produceCommand";
import { profileCommand } from "./profileCommand";
import { sampleLogCommand } from "./sampleLogCommand";

const program = new Command("gpu-stream")
  .description("GPU telemetry through Kinesis -> Firehose -> S3 -> Glue -> Athena, locally or on AWS")
  .showHelpAfterError()
  .addCommand(produceCommand())
  .addCommand(profileCommand())
  .addCommand(sampleLogCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`gpu-stream: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
