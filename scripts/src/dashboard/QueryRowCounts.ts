import { GetQueryRuntimeStatisticsCommand, type AthenaClient, type QueryExecution } from "@aws-sdk/client-athena";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { countCsvRecords } from "./countCsvRecords";

/** A result CSV larger than this is not read to count its rows. */
const MAX_CSV_BYTES = 8 * 1024 * 1024;

function isNotImplemented(error: unknown): boolean {
  const failed = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return failed.name === "NotImplemented" || failed.$metadata?.httpStatusCode === 501;
}

/**
 * Rows of finished queries, remembered (a finished query never changes): AWS's GetQueryRuntimeStatistics
 * where the service has it; otherwise, for a SELECT whose result is a CSV in the pipeline's bucket, the CSV's
 * records less its header row. Unknown rows stay unknown rather than guessed.
 */
export class QueryRowCounts {
  private readonly known = new Map<string, number | undefined>();
  private runtimeStatistics = true;

  constructor(
    private readonly athena: AthenaClient,
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async rowsOf(execution: QueryExecution): Promise<number | undefined> {
    const id = execution.QueryExecutionId;
    if (id === undefined || execution.Status?.State !== "SUCCEEDED") {
      return undefined;
    }
    if (!this.known.has(id)) {
      this.known.set(id, await this.count(execution, id));
    }
    return this.known.get(id);
  }

  private async count(execution: QueryExecution, id: string): Promise<number | undefined> {
    if (this.runtimeStatistics) {
      try {
        const { QueryRuntimeStatistics: statistics } = await this.athena.send(new GetQueryRuntimeStatisticsCommand({ QueryExecutionId: id }));
        if (statistics?.Rows?.OutputRows !== undefined) {
          return statistics.Rows.OutputRows;
        }
      } catch (error) {
        if (!isNotImplemented(error)) {
          return undefined;
        }
        this.runtimeStatistics = false;
      }
    }
    return this.countResultCsv(execution);
  }

  private async countResultCsv(execution: QueryExecution): Promise<number | undefined> {
    const location = execution.ResultConfiguration?.OutputLocation;
    const prefix = `s3://${this.bucket}/`;
    if (execution.StatementType !== "DML" || location === undefined || !location.startsWith(prefix) || !location.endsWith(".csv")) {
      return undefined;
    }
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: location.slice(prefix.length) }));
      if ((object.ContentLength ?? 0) > MAX_CSV_BYTES) {
        object.Body?.transformToWebStream().cancel().catch(() => undefined);
        return undefined;
      }
      const text = (await object.Body?.transformToString("utf8")) ?? "";
      return Math.max(0, countCsvRecords(text) - 1);
    } catch {
      return undefined;
    }
  }
}
