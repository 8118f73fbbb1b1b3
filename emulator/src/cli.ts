import { Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_HOST, DEFAULT_PORT, start } from "./start";

interface EmulatorFlags {
  port: number;
  host: string;
  dataDir: string;
  reset?: boolean;
  createStreamDelay: number;
  shardLimits?: boolean;
  fsync?: boolean;
}

export const DEFAULT_DATA_DIR = "data/emulator";

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`expected a port from 0 to 65535, got '${text}'`);
  }
  return port;
}

function parseMilliseconds(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(`expected milliseconds >= 0, got '${text}'`);
  }
  return value;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

async function run(flags: EmulatorFlags): Promise<void> {
  if (!LOOPBACK.test(flags.host)) {
    process.stderr.write(`warning: listening on ${flags.host}, beyond this machine; the emulator checks no credentials, so anyone who can reach it can read and write its data\n`);
  }
  const emulator = await start({
    port: flags.port,
    host: flags.host,
    dataDir: flags.dataDir,
    reset: flags.reset === true,
    createStreamDelayMs: flags.createStreamDelay,
    enforceShardLimits: flags.shardLimits === true,
    fsync: flags.fsync === true,
  });
  process.stdout.write(`gpu-stream emulator: Kinesis, Firehose, S3, Glue and Athena at ${emulator.url} (data in ${emulator.dataDir})\n`);
  process.stdout.write(`  e.g. aws --endpoint-url ${emulator.url} kinesis list-streams   (Ctrl-C stops it)\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    process.stderr.write(`${signal}: delivering Firehose buffers and closing files...\n`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

new Command("emulator")
  .description("the local AWS emulator (Kinesis Data Streams, Firehose, S3) on one endpoint, for the AWS SDK, CLI and boto3")
  .option("-p, --port <port>", "TCP port (0: any free one)", parsePort, DEFAULT_PORT)
  .option("--host <address>", "address to listen on", DEFAULT_HOST)
  .option("-d, --data-dir <path>", "where all state lives, as plain files", DEFAULT_DATA_DIR)
  .option("--reset", "delete all state first")
  .addOption(new Option("--create-stream-delay <ms>", "how long a new stream stays CREATING (the SDK's waiter polls every 10 s)").argParser(parseMilliseconds).default(0))
  .option("--shard-limits", "enforce AWS's per-shard write limits (1 MiB/s, 1000 records/s) with ProvisionedThroughputExceededException")
  .option("--fsync", "fsync Kinesis records before acknowledging them (survives power loss; group commit keeps it cheap)")
  .action(run)
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === "EADDRINUSE" ? `${(error as Error).message}: another emulator (or LocalStack) is using that port; stop it or pass --port` : String((error as Error).message ?? error);
    process.stderr.write(`emulator: ${message}\n`);
    process.exitCode = 1;
  });
