import { Command, Option } from "commander";
import { DEFAULT_DASHBOARD_PORT } from "../dashboard";
import { parseBatchSize, parseInteger, parseNonNegativeNumber, parsePort, parsePositiveInteger } from "../optionParsers";

export interface ExerciseOptions {
  readonly aws: boolean;
  /** AWS: leave the resources in place after the run (default: tear them down). */
  readonly keep: boolean;
  readonly recordsPerMetric: number;
  readonly intervalMs: number;
  readonly batchSize: number;
  readonly shards: number;
  readonly onDemand: boolean;
  readonly region?: string;
  readonly profile?: string;
  /** AWS: roles the user already has, used instead of creating the pipeline's own (and never deleted). */
  readonly firehoseRoleArn?: string;
  readonly crawlerRoleArn?: string;
  readonly seed: number;
  /** Where the CSV, the report and the run's emulator state go. */
  readonly outputDir: string;
  /** The live dashboard's port (0: any free port); undefined: no dashboard. */
  readonly dashboardPort?: number;
  /** After the run, keep the dashboard (and locally the run's emulator) open until Ctrl-C. */
  readonly keepDashboard: boolean;
}

/** `npm start` accelerates the course: 10 s between records becomes this, and each producer stops after RECORDS. */
export const DEFAULT_RECORDS_PER_METRIC = 120;
export const DEFAULT_INTERVAL_MS = 50;

export function parseExerciseOptions(argv: readonly string[]): ExerciseOptions {
  const program = new Command("npm start --")
    .description(
      "The whole exercise, headless: profile the GPU log, five producers -> Kinesis -> Firehose -> S3 -> Glue crawler -> Athena -> CSV -> HTML report. Local emulator by default.",
    )
    .option("--aws", "run against real AWS (default credential chain) instead of the local emulator", false)
    .option("--keep", "AWS: keep the resources after the run instead of tearing them down", false)
    .option("--records <n>", "records each of the five producers puts", parsePositiveInteger, DEFAULT_RECORDS_PER_METRIC)
    .option("--interval-ms <ms>", "pause between a producer's records (the original: 10000)", parseNonNegativeNumber, DEFAULT_INTERVAL_MS)
    .option("--batch <n>", "1: PutRecord per record, as the original; 2-500: PutRecords batches", parseBatchSize, 1)
    .option("--shards <n>", "shards of the data stream (provisioned mode); the five producers' partition keys spread over them", parsePositiveInteger, 1)
    .option("--on-demand", "AWS: an on-demand data stream instead of provisioned shards", false)
    .addOption(new Option("--region <region>", "AWS: the region (default: AWS_REGION or the profile's)"))
    .addOption(new Option("--profile <name>", "AWS: the shared-config profile (default: AWS_PROFILE or default)"))
    .addOption(new Option("--firehose-role-arn <arn>", "AWS: an existing role for Firehose to assume instead of creating one (teardown keeps it)"))
    .addOption(new Option("--crawler-role-arn <arn>", "AWS: an existing role for the Glue crawler instead of creating one (teardown keeps it)"))
    .option("--seed <n>", "seed of the simulated GPU", parseInteger, 20230826)
    .option("--out <dir>", "where the CSV, the report and the run's state go", "data")
    .option("--dashboard-port <n>", "port of the live dashboard on 127.0.0.1 (0: any free port; a taken port falls back to a free one)", parsePort, DEFAULT_DASHBOARD_PORT)
    .option("--no-dashboard", "do not serve the live dashboard")
    .option("--keep-dashboard", "after the run, keep the dashboard (and the run's emulator) open until Ctrl-C", false)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program.parse([...argv], { from: "user" });
  const flags = program.opts<{
    aws: boolean;
    keep: boolean;
    records: number;
    intervalMs: number;
    batch: number;
    shards: number;
    onDemand: boolean;
    region?: string;
    profile?: string;
    firehoseRoleArn?: string;
    crawlerRoleArn?: string;
    seed: number;
    out: string;
    dashboard: boolean;
    dashboardPort: number;
    keepDashboard: boolean;
  }>();
  return {
    aws: flags.aws,
    keep: flags.keep,
    recordsPerMetric: flags.records,
    intervalMs: flags.intervalMs,
    batchSize: flags.batch,
    shards: flags.shards,
    onDemand: flags.onDemand,
    ...(flags.region === undefined ? {} : { region: flags.region }),
    ...(flags.profile === undefined ? {} : { profile: flags.profile }),
    ...(flags.firehoseRoleArn === undefined ? {} : { firehoseRoleArn: flags.firehoseRoleArn }),
    ...(flags.crawlerRoleArn === undefined ? {} : { crawlerRoleArn: flags.crawlerRoleArn }),
    seed: flags.seed,
    outputDir: flags.out,
    ...(flags.dashboard ? { dashboardPort: flags.dashboardPort } : {}),
    keepDashboard: flags.dashboard && flags.keepDashboard,
  };
}
