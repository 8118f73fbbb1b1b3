import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  countDeliveredRecords,
  DEFAULT_PROFILE_PATH,
  DENORMALIZED_CSV_FILE,
  denormalize,
  describeDeliveryError,
  estimateHourlyCost,
  estimateRunningCost,
  explainLakeFormationDenial,
  firehoseErrorLog,
  flushLocalFirehose,
  formatCostEstimate,
  formatProfileTable,
  METRICS,
  parseDenormalizedCsv,
  produceMetricsConcurrently,
  profileGpuLog,
  provisionCatalog,
  provisionStorageAndStream,
  readGpuLog,
  runCrawler,
  runNamedQuery,
  s3Uri,
  SAMPLE_LOG_PATH,
  teardownPipeline,
  waitForDeliveredRecords,
  writeExerciseReport,
  writeProfile,
  type DeliveredRecords,
  type Metric,
} from "@gpu-stream/shared";
import type { OpenDashboard } from "../dashboard";
import { describeAwsLeftovers } from "./awsLeftovers";
import { startExerciseDashboard, untilInterrupted } from "./exerciseDashboard";
import { ExerciseInterrupted, type ExerciseInterrupt } from "./exerciseInterrupt";
import type { ExerciseOptions } from "./exerciseOptions";
import { openAwsTarget, openLocalTarget, type ExerciseTarget } from "./exerciseTarget";
import { formatRows } from "./formatRows";
import { barGroup, waitBar } from "./progressBars";

export interface StepTiming {
  readonly step: string;
  readonly seconds: number;
}

export interface ExerciseSummary {
  readonly mode: "local" | "aws";
  readonly recordsProduced: number;
  readonly recordsFailed: number;
  readonly objectsInS3: number;
  readonly recordsInS3: number;
  readonly rowsInTable: number;
  readonly rowsInCsv: number;
  /** Records produced = records in S3 = rows in the table = rows in the CSV. */
  readonly consistent: boolean;
  readonly csvPath: string;
  readonly reportPath: string;
  readonly profilePath: string;
  /** Local: the run's emulator data directory. */
  readonly emulatorDataDir?: string;
  readonly steps: readonly StepTiming[];
  readonly totalSeconds: number;
}

const STEP_COUNT = 8;
/** On AWS, Firehose delivers when this many seconds have passed since a buffer's first record. */
const AWS_BUFFER_INTERVAL_SECONDS = 10;

type Say = (line: string) => void;

class StepClock {
  readonly timings: StepTiming[] = [];
  private number = 0;
  private readonly started = performance.now();

  constructor(
    private readonly say: Say,
    private readonly interrupt?: ExerciseInterrupt,
  ) {}

  /** Runs the step unless the run was stopped; a step that saw the stop throws ExerciseInterrupted after it. */
  async run<T>(name: string, title: string, step: () => Promise<T>): Promise<T> {
    this.interrupt?.throwIfStopped();
    this.number += 1;
    this.say(`\n[${this.number}/${STEP_COUNT}] ${title}`);
    const started = performance.now();
    let result: T;
    try {
      result = await step();
    } catch (error) {
      this.interrupt?.throwIfStopped();
      throw error;
    }
    this.interrupt?.throwIfStopped();
    this.timings.push({ step: name, seconds: (performance.now() - started) / 1000 });
    return result;
  }

  totalSeconds(): number {
    return (performance.now() - this.started) / 1000;
  }
}

function countCsvRows(csv: string): number {
  return Math.max(0, csv.split("\n").filter((line) => line !== "").length - 1);
}

/**
 * The course exercise end to end, as the notebooks do it step by step: profile, set-up, five producers,
 * delivery, crawl, Athena, CSV and report; on AWS, teardown unless kept. The live dashboard, unless turned off,
 * serves the run from the moment the target is there. `onSummary` hears the summary as soon as it is made:
 * before a kept dashboard waits for Ctrl-C, and before teardown. `interrupt` (start.ts's, on AWS) stops the run on
 * Ctrl-C: producing and waiting for delivery end at once, set-up and a crawl finish their call first (AWS cannot
 * delete a stream that is still CREATING), and the run throws ExerciseInterrupted after tearing down.
 */
export async function runExercise(
  options: ExerciseOptions,
  say: Say,
  onSummary?: (summary: ExerciseSummary) => void,
  interrupt?: ExerciseInterrupt,
): Promise<ExerciseSummary> {
  const clock = new StepClock(say, interrupt);
  const signal = interrupt === undefined ? {} : { signal: interrupt.signal };
  const csvPath = join(options.outputDir, DENORMALIZED_CSV_FILE);
  const reportPath = join(options.outputDir, "report.html");
  const profilePath = options.outputDir === "data" ? DEFAULT_PROFILE_PATH : join(options.outputDir, "generator-profile.json");

  const profile = await clock.run("profile", `profiling ${SAMPLE_LOG_PATH} (a synthetic GPU-Z sensor log) with danfo.js`, async () => {
    const profiled = await profileGpuLog(await readGpuLog(SAMPLE_LOG_PATH), SAMPLE_LOG_PATH);
    await writeProfile(profilePath, profiled);
    say(formatProfileTable(profiled));
    say(`      wrote ${profilePath}: the ranges the producers draw from`);
    return profiled;
  });

  const target: ExerciseTarget = await clock.run("target", options.aws ? "connecting to AWS" : "starting the local emulator", async () => {
    if (!options.aws) {
      const dataDir = join(options.outputDir, "run", "emulator");
      const local = await openLocalTarget(dataDir);
      say(`      emulator at ${local.emulatorUrl}, state in ${dataDir}/ (fresh for this run)`);
      return local;
    }
    const remote = await openAwsTarget(options);
    interrupt?.setLeftovers(() => describeAwsLeftovers(remote.names, awsLeftoverScope(options, remote.names.region)));
    say(`      ${remote.clients.target.description}; account ${remote.names.accountId}, region ${remote.names.region}`);
    say(formatCostEstimate(estimateHourlyCost({ streamMode: options.onDemand ? "ON_DEMAND" : "PROVISIONED", shardCount: options.shards, region: remote.names.region })));
    return remote;
  });
  const { clients, names } = target;
  let dashboard: OpenDashboard | undefined;

  try {
    dashboard = await startExerciseDashboard(target, options, say);
    await clock.run("set-up", "set-up: bucket, data stream, Firehose delivery stream (newline-delimited)", async () => {
      const provisioned = await provisionStorageAndStream(clients, names, {
        ...(target.iam === undefined ? {} : { iam: target.iam }),
        ...(target.existingRoleArns === undefined ? {} : { existingRoleArns: target.existingRoleArns }),
        streamMode: options.aws && options.onDemand ? "ON_DEMAND" : "PROVISIONED",
        shardCount: options.shards,
        bufferIntervalSeconds: options.aws ? AWS_BUFFER_INTERVAL_SECONDS : 60,
        onStep: (line) => say(`      ${line}`),
      });
      return provisioned;
    });

    const produced = await clock.run("produce", 
      `producing: ${METRICS.length} producers at once, ${options.recordsPerMetric} records each, one every ${options.intervalMs} ms with ${options.batchSize === 1 ? "PutRecord" : `PutRecords x ${options.batchSize}`}`,
      async () => {
        const bars = barGroup(METRICS, options.recordsPerMetric, "records");
        try {
          const reports = await produceMetricsConcurrently({
            kinesis: clients.kinesis,
            streamName: names.stream,
            profile,
            metrics: METRICS,
            recordsPerMetric: options.recordsPerMetric,
            intervalMs: options.intervalMs,
            batchSize: options.batchSize,
            seed: options.seed,
            ...signal,
            onProgress: (metric, progress) => bars.update(metric, progress.sent),
          });
          bars.stop();
          const rows = METRICS.map((metric: Metric) => {
            const report = reports[metric]!;
            return { producer: metric, sent: report.sent, failed: report.failed, retried: report.retried, "records/s": report.recordsPerSecond.toFixed(1) };
          });
          say(formatRows(rows));
          return { sent: rows.reduce((sum, row) => sum + row.sent, 0), failed: rows.reduce((sum, row) => sum + row.failed, 0) };
        } finally {
          bars.stop();
        }
      },
    );

    const delivered = await clock.run("deliver", `delivery: Firehose writes the stream's records to ${s3Uri(names.bucket, names.dataPrefix)}`, async (): Promise<DeliveredRecords> => {
      if (target.emulatorUrl !== undefined) {
        say(`      asking the emulator's Firehose to deliver its buffer now (AWS would wait for the buffering hints)`);
        await flushLocalFirehose(target.emulatorUrl);
        const counted = await countDeliveredRecords(clients.s3, names.bucket, names.dataPrefix);
        return counted;
      }
      const bar = waitBar("records in S3", produced.sent, "records");
      try {
        return await waitForDeliveredRecords(clients.s3, names.bucket, names.dataPrefix, produced.sent, {
          pollMs: 5000,
          ...signal,
          // Set-up made the delivery stream log its errors there: the bar shows the most frequent one.
          deliveryErrors: { logs: clients.logs, logGroupName: firehoseErrorLog(names).logGroupName },
          onPoll: (found, elapsedMs, errors) => {
            const logged = errors[0] === undefined ? "" : `; ${describeDeliveryError(errors[0])}`;
            bar.update(found.records, `${found.objects} objects, ${Math.round(elapsedMs / 1000)} s${logged}`);
          },
        });
      } finally {
        bar.stop();
      }
    });
    say(`      ${delivered.objects} objects, ${delivered.records} records, ${delivered.lines} lines (one record per line), ${delivered.bytes} bytes`);

    const crawlerRoleArn = target.existingRoleArns?.crawler;
    const lakeFormationExplained = <T>(run: () => Promise<T>): Promise<T> => explainLakeFormationDenial(names, run, crawlerRoleArn);
    await clock.run("crawl", `crawl: the Glue crawler catalogs ${s3Uri(names.bucket, names.dataPrefix)} as ${names.database}.${names.table}`, () => lakeFormationExplained(async () => {
      await provisionCatalog(clients, names, {
        ...(target.iam === undefined ? {} : { iam: target.iam }),
        ...(target.existingRoleArns === undefined ? {} : { existingRoleArns: target.existingRoleArns }),
        onStep: (line) => say(`      ${line}`),
      });
      const bar = waitBar("crawler", options.aws ? 120 : 2, "s");
      try {
        await runCrawler(clients.glue, names.crawler, { onState: (state, elapsedMs) => bar.update(Math.round(elapsedMs / 1000), state) });
      } finally {
        bar.stop();
      }
    }));

    const analysis = await clock.run("athena", `Athena: records per tipo, min/avg/max per metric, the denormalization CTAS and its CSV`, () => lakeFormationExplained(async () => {
      const stats = await runNamedQuery(clients.athena, names, "metric_stats");
      say(formatRows(stats));
      const [{ rows: tableRows } = { rows: "0" }] = (await runNamedQuery(clients.athena, names, "count_rows")) as { rows: string }[];
      const csv = await denormalize(clients.athena, clients.s3, names);
      await mkdir(options.outputDir, { recursive: true });
      await writeFile(csvPath, csv);
      say(`      wrote ${csvPath}: ${countCsvRows(csv)} rows of dados_tratados`);
      return { stats, tableRows: Number(tableRows), csv };
    }));

    await clock.run("report", "report: charts of the CSV", async () => {
      const rows = parseDenormalizedCsv(analysis.csv);
      await writeExerciseReport(reportPath, { rows, stats: analysis.stats, source: target.clients.target.description });
      say(`      wrote ${reportPath}: each metric over time, their distributions, one row per sample, correlations`);
    });

    const rowsInCsv = countCsvRows(analysis.csv);
    const summary: ExerciseSummary = {
      mode: options.aws ? "aws" : "local",
      recordsProduced: produced.sent,
      recordsFailed: produced.failed,
      objectsInS3: delivered.objects,
      recordsInS3: delivered.records,
      rowsInTable: analysis.tableRows,
      rowsInCsv,
      consistent: produced.failed === 0 && produced.sent === delivered.records && delivered.records === analysis.tableRows && analysis.tableRows === rowsInCsv,
      csvPath,
      reportPath,
      profilePath,
      ...(options.aws ? {} : { emulatorDataDir: join(options.outputDir, "run", "emulator") }),
      steps: clock.timings,
      totalSeconds: clock.totalSeconds(),
    };
    await mkdir(join(options.outputDir, "run"), { recursive: true });
    await writeFile(join(options.outputDir, "run", "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
    onSummary?.(summary);
    if (options.keepDashboard && dashboard !== undefined) {
      say(`\nThe dashboard stays open at ${dashboard.url}${target.emulatorUrl === undefined ? " (the AWS resources stay until then)" : ` with the run's emulator at ${target.emulatorUrl}`}: Ctrl-C ends.`);
      // On AWS start.ts's interrupt owns Ctrl-C: its first one ends the wait and the teardown follows.
      await (interrupt === undefined ? untilInterrupted() : interrupt.stopped());
    }
    return summary;
  } finally {
    await dashboard?.close();
    if (options.aws && options.keep) {
      say(`\n--keep: the run's resources stay on AWS.\n${describeAwsLeftovers(names, awsLeftoverScope(options, names.region))}`);
    }
    if (options.aws && !options.keep) {
      say(`\ntearing down what the run created on AWS (--keep leaves it)`);
      const running = await estimateRunningCost(clients, names);
      if (running !== undefined) {
        say(`      while it existed it cost about $${running.usdPerHour.toFixed(3)} per hour, plus what was used; after teardown nothing bills by the hour`);
      }
      await teardownPipeline(clients, names, {
        ...(target.iam === undefined ? {} : { iam: target.iam }),
        ...(target.existingRoleArns === undefined ? {} : { existingRoleArns: target.existingRoleArns }),
        deleteBucket: true,
        onStep: (line) => say(`      ${line}`),
      });
    }
    await target.shutdown();
  }
}

function awsLeftoverScope(options: ExerciseOptions, region: string) {
  return {
    region,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    givenRoles: {
      ...(options.firehoseRoleArn === undefined ? {} : { firehose: options.firehoseRoleArn }),
      ...(options.crawlerRoleArn === undefined ? {} : { crawler: options.crawlerRoleArn }),
    },
  };
}

/** The line start.ts prints when the run was stopped. */
export function isExerciseInterrupted(error: unknown): error is ExerciseInterrupted {
  return error instanceof ExerciseInterrupted;
}

export function formatSummary(summary: ExerciseSummary): string {
  const lines = [
    "",
    `records produced ${summary.recordsProduced}${summary.recordsFailed > 0 ? ` (${summary.recordsFailed} failed)` : ""} = records in S3 ${summary.recordsInS3} (${summary.objectsInS3} object${summary.objectsInS3 === 1 ? "" : "s"}) = rows in the table ${summary.rowsInTable} = rows in the CSV ${summary.rowsInCsv}: ${summary.consistent ? "all accounted for" : "MISMATCH"}`,
    "",
    formatRows(summary.steps.map((timing) => ({ step: timing.step, seconds: timing.seconds.toFixed(2) })), "  "),
    "",
    `done in ${summary.totalSeconds.toFixed(1)} s. Outputs:`,
    `  ${summary.csvPath}  the denormalized CSV (dados_tratados)`,
    `  ${summary.reportPath}  the charts (open it in a browser)`,
    `  ${summary.profilePath}  the generator profile`,
  ];
  if (summary.emulatorDataDir !== undefined) {
    lines.push(`  ${summary.emulatorDataDir}/  the run's emulator state: serve it with 'npm run emulator -- --data-dir ${summary.emulatorDataDir}'`);
  }
  lines.push(`Next: the notebooks, step by step (README: JupyterLab).`);
  return lines.join("\n");
}
