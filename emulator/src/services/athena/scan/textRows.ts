import { mkdir, open, type FileHandle } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Column } from "@aws-sdk/client-glue";
import { QueryError } from "../errors/athenaErrors";
import { objectLines } from "./objectLines";
import { javaTrim, OpenxJsonError, parseOpenxJson, UnquotedToken, type OpenxValue } from "./parseOpenxJson";
import type { SourceFile, TableFormat } from "./tableScan";

/** What the JavaScript reader reads, and where it writes the rows: plain data, so that a worker thread can take it. */
export interface TextRowsRequest {
  readonly files: readonly SourceFile[];
  readonly columns: readonly Column[];
  readonly format: Exclude<TableFormat, { kind: "parquet" }>;
  /** Whether each row carries its file's index (for the hidden columns). */
  readonly hidden: boolean;
  readonly workFile: string;
}

function serdeText(value: OpenxValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (value instanceof UnquotedToken) return value.text;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * A JSON table's row as the OpenX JsonSerDe reads it from one line: a line starting with `{` is an object whose
 * keys (lower-cased, or renamed by `mapping.*`) name the columns; one starting with `[` an array whose elements fill
 * the columns by position; any other line (blank, a number, a string, text that is not JSON) a row of NULLs, never
 * an error, answered here as undefined. Only a line starting with `{` or `[` that does not parse fails the query,
 * `HIVE_CURSOR_ERROR: Row is not a valid JSON Object - JSONException: ...`, or reads as a row of NULLs where the
 * table sets `ignore.malformed.json`. Sources: Trino's OpenXJsonDeserializer.deserialize ("only object and array
 * lines are supported; everything else results in a null row"), fed every line by TextLineReader.readLine, an empty
 * one included (trinodb/trino, lib/trino-hive-formats).
 */
function jsonRow(rawLine: string, names: readonly string[], format: Extract<TableFormat, { kind: "json" }>): (string | null)[] | undefined {
  if (rawLine === "") return undefined;
  const line = javaTrim(rawLine);
  if (!line.startsWith("{") && !line.startsWith("[")) return undefined;
  let parsed: ReturnType<typeof parseOpenxJson>;
  try {
    parsed = parseOpenxJson(line);
  } catch (error) {
    if (!(error instanceof OpenxJsonError)) throw error;
    if (!format.ignoreMalformed) {
      throw new QueryError("HIVE_CURSOR_ERROR", `Row is not a valid JSON Object - JSONException: ${error.message}`);
    }
    return undefined;
  }
  if (Array.isArray(parsed)) {
    const elements = parsed;
    return names.map((_, index) => serdeText(elements[index]));
  }
  const record = parsed;
  return names.map((name) => serdeText(record[name]));
}

function splitQuoted(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let current = "";
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const character = line[i]!;
    if (inQuotes) {
      if (character === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (character === '"') inQuotes = false;
      else current += character;
    } else if (character === '"') inQuotes = true;
    else if (line.startsWith(delimiter, i)) {
      fields.push(current);
      current = "";
      i += delimiter.length - 1;
    } else current += character;
  }
  fields.push(current);
  return fields;
}

function delimitedRow(rawLine: string, columns: readonly Column[], format: Extract<TableFormat, { kind: "delimited" }>): (string | null)[] {
  const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
  const fields = format.quoted ? splitQuoted(line, format.delimiter) : line.split(format.delimiter);
  return columns.map((_, index) => {
    const field = fields[index];
    return field === undefined || (!format.quoted && field === "\\N") ? null : field;
  });
}

/** What the reader wrote: how many rows, and whether any line of the work file stands for a run of rows. */
export interface TextRowsWritten {
  readonly rows: number;
  readonly runs: boolean;
}

/** Output to the work file, written a batch at a time: never all of a table's rows in memory. */
const WRITE_BATCH_BYTES = 1024 * 1024;
/**
 * The longest run of identical rows one line of the work file stands for: DuckDB expands a line through a list of
 * this many elements at most (tableScan.ts, selectRows).
 */
const MAX_RUN_ROWS = 1024;

/**
 * The work file's lines, one JSON array of strings a row; consecutive identical rows (blank lines, a record
 * repeated) are written once, their count (as text) after the fields, up to MAX_RUN_ROWS a line. So 250 MiB of
 * empty lines, 262 million rows of NULLs on Athena, costs a compare each and a quarter of a million short lines.
 */
class WorkFileRows {
  private batch = "";
  private previous: string | undefined;
  private count = 0;
  rows = 0;
  runs = false;

  constructor(private readonly output: FileHandle) {}

  /** A row as its JSON array's text. */
  add(row: string): void {
    this.rows++;
    if (row === this.previous && this.count < MAX_RUN_ROWS) {
      this.count++;
      return;
    }
    this.endRun();
    this.previous = row;
    this.count = 1;
  }

  private endRun(): void {
    if (this.previous === undefined) return;
    if (this.count === 1) this.batch += `${this.previous}\n`;
    else {
      this.runs = true;
      const fields = this.previous.slice(1, -1);
      this.batch += `[${fields}${fields === "" ? "" : ","}"${this.count}"]\n`;
    }
    this.previous = undefined;
  }

  /** Writes the batch once it is large enough, or all that is held when `all`. */
  async flush(all = false): Promise<void> {
    if (all) this.endRun();
    if (this.batch.length >= WRITE_BATCH_BYTES || (all && this.batch !== "")) {
      await this.output.write(this.batch);
      this.batch = "";
    }
  }
}

/**
 * Reads text objects line by line with the table's SerDe into `workFile`, one JSON array of strings per row (its
 * partition values, and with hidden columns its file's index, after the columns; runs of identical rows written
 * once, see WorkFileRows). Stops between chunks once `signal` is aborted.
 */
export async function writeTextRows({ files, columns, format, hidden, workFile }: TextRowsRequest, signal?: AbortSignal): Promise<TextRowsWritten> {
  const names = format.kind === "json" ? columns.map((column) => format.mapping[(column.Name ?? "").toLowerCase()] ?? (column.Name ?? "").toLowerCase()) : [];
  await mkdir(dirname(workFile), { recursive: true });
  const output = await open(workFile, "w");
  const rows = new WorkFileRows(output);
  try {
    for (const [fileIndex, file] of files.entries()) {
      const extra = [...file.partitionValues, ...(hidden ? [String(fileIndex)] : [])];
      // One text for every row of NULLs of this file, so that a run of them compares as the same string at once.
      const nullRow = JSON.stringify([...names.map(() => null), ...extra]);
      let skip = format.kind === "delimited" ? format.skipHeaderLines : 0;
      for await (const lines of objectLines(file)) {
        signal?.throwIfAborted();
        for (const line of lines) {
          if (skip > 0) {
            skip--;
            continue;
          }
          if (format.kind === "json") {
            const row = jsonRow(line, names, format);
            rows.add(row === undefined ? nullRow : JSON.stringify([...row, ...extra]));
          } else rows.add(JSON.stringify([...delimitedRow(line, columns, format), ...extra]));
        }
        await rows.flush();
      }
    }
    await rows.flush(true);
  } finally {
    await output.close();
  }
  return { rows: rows.rows, runs: rows.runs };
}

/**
 * Plain objects smaller than this in all are read on the event loop: their longest line parses in well under 50 ms.
 * Larger ones, and any gzip object (a few bytes may inflate to a 32 MiB line, seconds of parsing), are read on a
 * worker thread, whose parsing and garbage collection never pause the other services.
 */
const IN_THREAD_BYTES = 256 * 1024;

/** A failure in the worker as plain data: a QueryError keeps its name and category. */
export type WorkerAnswer = { readonly written: TextRowsWritten } | { readonly error: { readonly errorName?: string; readonly message: string; readonly category?: 1 | 2 | 3 } };

function failureOf(answer: Extract<WorkerAnswer, { error: unknown }>): Error {
  const { errorName, message, category } = answer.error;
  return errorName === undefined ? new Error(message) : new QueryError(errorName, message.slice(errorName.length + 2), category);
}

/**
 * writeTextRows, on a worker thread unless the objects are small and plain (see IN_THREAD_BYTES). Once `signal` is
 * aborted (StopQueryExecution, the emulator stopping) the worker is terminated wherever it is, a line's parsing
 * included, and this fails with the signal's reason; the work file is the caller's to delete.
 */
export async function readTextRows(request: TextRowsRequest, signal: AbortSignal): Promise<TextRowsWritten> {
  signal.throwIfAborted();
  const bytes = request.files.reduce((sum, file) => sum + file.size, 0);
  if (bytes < IN_THREAD_BYTES && request.files.every((file) => !file.gzip)) return writeTextRows(request, signal);
  const worker = new Worker(join(__dirname, "textRowsWorker.js"), { workerData: request });
  const terminate = (): void => void worker.terminate();
  signal.addEventListener("abort", terminate, { once: true });
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(signal.aborted ? signal.reason : new Error(`the text reader's worker exited (${code}) before answering`)));
    });
    if ("error" in answer) throw failureOf(answer);
    return answer.written;
  } finally {
    signal.removeEventListener("abort", terminate);
    await worker.terminate();
  }
}
