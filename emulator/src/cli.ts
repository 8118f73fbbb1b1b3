#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from "commander";
import { parseAccessKey, parseAccessKeys, type AccessKey } from "./server/auth/AccessKey";
import { emulatorDataDir, findRecordedEmulator } from "./control/emulatorRecord";
import { removePidRecord, writePidRecord } from "./pidRecord";
import { DEFAULT_HOST, DEFAULT_PORT, start } from "./start";

interface EmulatorFlags {
  port: number;
  host: string;
  dataDir?: string;
  reset?: boolean;
  createStreamDelay: number;
  shardLimits?: boolean;
  enforceIam?: boolean;
  fsync?: boolean;
  credentials: AccessKey[];
  allowHost: string[];
  maxConnections?: number;
}

/** Where the keys come from when no --credentials is given (several: separated by commas or spaces). */
const CREDENTIALS_ENV = "GPU_STREAM_EMULATOR_CREDENTIALS";

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

function parseConnectionCount(text: string): number {
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1) {
    throw new InvalidArgumentError(`expected a whole number >= 1, got '${text}'`);
  }
  return count;
}

/** A name as it would appear in Host: letters, digits, dots, hyphens (and underscores, which Docker names allow); no port. */
function collectHostName(text: string, previous: string[]): string[] {
  const name = text.trim().toLowerCase();
  if (!/^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?\.?$/.test(name)) {
    throw new InvalidArgumentError(`expected a host name such as localstack or host.docker.internal (no port, no scheme), got '${text}'`);
  }
  return [...previous, name];
}

function collectAccessKey(text: string, previous: AccessKey[]): AccessKey[] {
  try {
    return [...previous, parseAccessKey(text)];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** --credentials wins; else the environment variable; else none (no credential is checked). */
function configuredCredentials(flags: EmulatorFlags): AccessKey[] {
  if (flags.credentials.length > 0) {
    return flags.credentials;
  }
  const fromEnvironment = process.env[CREDENTIALS_ENV];
  try {
    return fromEnvironment === undefined ? [] : parseAccessKeys(fromEnvironment);
  } catch (error) {
    throw new Error(`${CREDENTIALS_ENV}: ${(error as Error).message}`);
  }
}

async function run(flags: EmulatorFlags): Promise<void> {
  const credentials = configuredCredentials(flags);
  const dataDir = emulatorDataDir(flags.dataDir);
  const running = await findRecordedEmulator(dataDir);
  if (running !== undefined) {
    throw new Error(`the emulator at ${running.url} (pid ${running.pid}) already serves ${dataDir}; two emulators must not share a data directory: use that one, or stop it first`);
  }
  // start() warns when listening beyond loopback.
  const emulator = await start({
    port: flags.port,
    host: flags.host,
    dataDir,
    reset: flags.reset === true,
    createStreamDelayMs: flags.createStreamDelay,
    enforceShardLimits: flags.shardLimits === true,
    enforceIam: flags.enforceIam === true,
    fsync: flags.fsync === true,
    credentials,
    allowHosts: flags.allowHost,
    ...(flags.maxConnections === undefined ? {} : { connectionLimits: { maxConnections: flags.maxConnections } }),
  });
  // This checkout's notebooks and scripts find it by this record (control/emulatorRecord.ts).
  await writePidRecord(dataDir, { pid: process.pid, url: emulator.url, startedAt: new Date().toISOString() });
  process.stdout.write(`gpu-stream emulator: Kinesis, Firehose, S3, Glue and Athena at ${emulator.url} (data in ${emulator.dataDir})\n`);
  if (credentials.length > 0) {
    process.stdout.write(`  checking SigV4 signatures: ${credentials.length === 1 ? "1 access key" : `${credentials.length} access keys`} (${credentials.map((key) => key.accessKeyId).join(", ")})\n`);
  }
  if (flags.enforceIam === true) {
    process.stdout.write(`  enforcing IAM: a role ARN must name a role created in the emulator's IAM (--enforce-iam)\n`);
  }
  if (flags.allowHost.length > 0) {
    process.stdout.write(`  also answering at the host names ${flags.allowHost.join(", ")} (--allow-host)\n`);
  }
  process.stdout.write(`  e.g. aws --endpoint-url ${emulator.url} kinesis list-streams   (Ctrl-C stops it)\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    process.stderr.write(`${signal}: delivering Firehose buffers and closing files...\n`);
    emulator
      .close()
      .then(() => removePidRecord(dataDir, process.pid))
      .then(
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
  .description("the local AWS emulator (Kinesis Data Streams, Firehose, S3, Glue, Athena, IAM, STS, CloudWatch Logs) on one endpoint, for the AWS SDK, CLI and boto3")
  .option("-p, --port <port>", "TCP port (0: any free one)", parsePort, DEFAULT_PORT)
  .option("--host <address>", "address to listen on", DEFAULT_HOST)
  .addOption(
    new Option(
      "--allow-host <name>",
      "also answer requests whose Host header names this (a container's or proxy's name, e.g. localstack or host.docker.internal); repeat for more names. Always answered: localhost, *.localhost, IP addresses, the --host address and this machine's name; any other name gets 421 Misdirected Request (a guard against DNS rebinding)",
    )
      .argParser(collectHostName)
      .default([], "none"),
  )
  .addOption(new Option("--max-connections <count>", "connections open at once (default: 512); past it the longest-idle one is closed to make room").argParser(parseConnectionCount))
  .addOption(new Option("-d, --data-dir <path>", "where all state lives, as plain files").default(undefined, "$GPU_STREAM_EMULATOR_DATA_DIR, else data/emulator in this checkout"))
  .option("--reset", "delete all state first")
  .addOption(new Option("--create-stream-delay <ms>", "how long a new stream stays CREATING, and a deleted one DELETING (the SDK's waiter polls every 10 s)").argParser(parseMilliseconds).default(0))
  .option("--shard-limits", "enforce AWS's per-shard write limits (1 MiB/s, 1000 records/s) with ProvisionedThroughputExceededException")
  .option(
    "--enforce-iam",
    "refuse a role ARN that names no role in the emulator's IAM, as AWS does (Firehose: 'Firehose is unable to assume role'); by default such a role acts unrestricted, since local mode names roles it never creates. Roles that exist are always evaluated",
  )
  .option("--fsync", "fsync Kinesis records before acknowledging them (survives power loss; group commit keeps it cheap)")
  .addOption(
    new Option(
      "--credentials <id:secret>",
      "accept only requests signed (SigV4) with this key; repeat for more keys; id:secret:token also requires that session token. /_emulator/ paths need no signature",
    )
      .argParser(collectAccessKey)
      .default([], `$${CREDENTIALS_ENV} (keys separated by commas), else none: no credential is checked`),
  )
  .action(run)
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === "EADDRINUSE" ? `${(error as Error).message}: another emulator (or LocalStack) is using that port; stop it or pass --port` : String((error as Error).message ?? error);
    process.stderr.write(`emulator: ${message}\n`);
    process.exitCode = 1;
  });
