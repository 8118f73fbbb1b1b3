import { correlationMatrix } from "./correlationMatrix";
import type { TelemetryRow } from "./denormalizedCsv";
import { writeHtmlReport, type HtmlReport } from "./htmlReport";
import { correlationFigure, metricDistributionsFigure, metricsOverTimeFigure } from "./plotlyFigures";
import { widePerSample } from "./widePerSample";
import { wideTableHtml } from "./wideTableHtml";
import { escapeHtml } from "./escapeHtml";
import { DENORMALIZED_CSV_FILE, DENORMALIZED_TABLE, type Rows } from "../query/analysis";

export interface ExerciseReportInput {
  /** The denormalized CSV's rows (parseDenormalizedCsv). */
  readonly rows: readonly TelemetryRow[];
  /** sql/metric_stats.sql's rows: tipo, records, min, avg, max. */
  readonly stats: Rows;
  /** Where the data came from, e.g. the clients' one-line description. */
  readonly source: string;
}

function statsTableHtml(stats: Rows): string {
  const columns = Object.keys(stats[0] ?? {});
  const head = columns.map((column) => `<th>${escapeHtml(column)}</th>`).join("");
  const body = stats.map((row) => `<tr>${columns.map((column) => `<td>${escapeHtml(row[column] ?? "")}</td>`).join("")}</tr>`).join("\n");
  return `<div class="wide-table"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** The exercise's charts of the denormalized CSV as one report: what notebook 03 shows, and what `npm start` writes. */
export function exerciseReport(input: ExerciseReportInput): HtmlReport {
  const wide = widePerSample(input.rows);
  const first = input.rows[0]?.timestamp ?? "";
  const last = input.rows[input.rows.length - 1]?.timestamp ?? "";
  return {
    title: "GPU telemetry: Kinesis -> Firehose -> S3 -> Glue -> Athena",
    subtitle: `${input.rows.length} records of ${DENORMALIZED_TABLE} (${DENORMALIZED_CSV_FILE}), ${first} to ${last} UTC; ${input.source}`,
    sections: [
      { title: "Each metric per tipo (Athena)", text: "Records, minimum, mean and maximum of each metric, from sql/metric_stats.sql.", html: statsTableHtml(input.stats) },
      { title: "Each metric over time", text: "One line per metric, from the CSV's rows.", figure: metricsOverTimeFigure(input.rows) },
      { title: "Distributions", text: "Where each metric's values fall within its range.", figure: metricDistributionsFigure(input.rows) },
      {
        title: "One row per sample",
        text: `The CSV holds one row per record. Pivoted: one row per ${wide.bucketMs} ms bucket, one column per metric (the mean when a bucket holds several records).`,
        html: wideTableHtml(wide, { limit: 20 }),
      },
      { title: "Correlations", text: "Pearson correlation of the metrics across the samples: power follows load, the clock boosts with it.", figure: correlationFigure(correlationMatrix(wide)) },
    ],
  };
}

export async function writeExerciseReport(path: string, input: ExerciseReportInput): Promise<void> {
  await writeHtmlReport(path, exerciseReport(input));
}
