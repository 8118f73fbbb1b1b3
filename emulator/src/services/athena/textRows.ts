import { open } from "node:fs/promises";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Column } from "@aws-sdk/client-glue";
import { QueryError } from "./athenaErrors";
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
 * an error. Only a line starting with `{` or `[` that does not parse fails the query, `HIVE_CURSOR_ERROR: Row is
 * not a valid JSON Object - JSONException: ...`, or reads as a row of NULLs where the table sets
 * `ignore.malformed.json`.
 */
function jsonRow(rawLine: string, names: readonly string[], format: Extract<TableFormat, { kind: "json" }>): (string | null)[] {
  const line = javaTrim(rawLine);
  let parsed: ReturnType<typeof parseOpenxJson> | undefined;
  if (line.startsWith("{") || line.startsWith("[")) {
    try {
      parsed = parseOpenxJson(line);
    } catch (error) {
      if (!(error instanceof OpenxJsonError)) throw error;
      if (!format.ignoreMalformed) {
        throw new QueryError("HIVE_CURSOR_ERROR", `Row is not a valid JSON Object - JSONException: ${error.message}`);
      }
    }
  }
  if (parsed === undefined) return names.map(() => null);
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

/** Output to the work file, written a batch at a time: never all of a table's rows in memory. */
const WRITE_BATCH_BYTES = 1024 * 1024;

/**
 * Reads text objects line by line with the table's SerDe into `workFile`, one JSON array of strings per row (its
 * partition values, and with hidden columns its file's index, after the columns). Answers how many rows it wrote.
 */
export async function writeTextRows({ files, columns, format, hidden, workFile }: TextRowsRequest): Promise<number> {
  const names = format.kind === "json" ? columns.map((column) => format.mapping[(column.Name ?? "").toLowerCase()] ?? (column.Name ?? "").toLowerCase()) : [];
  const output = await open(workFile, "w");
  let rows = 0;
  try {
    for (const [fileIndex, file] of files.entries()) {
      const extra = [...file.partitionValues, ...(hidden ? [String(fileIndex)] : [])];
      let skip = format.kind === "delimited" ? format.skipHeaderLines : 0;
      for await (const lines of objectLines(file)) {
        let batch = "";
        for (const line of lines) {
          if (skip > 0) {
            skip--;
            continue;
          }
          const row = format.kind === "json" ? jsonRow(line, names, format) : delimitedRow(line, columns, format);
          batch += `${JSON.stringify([...row, ...extra])}\n`;
          rows++;
          if (batch.length >= WRITE_BATCH_BYTES) {
            await output.write(batch);
            batch = "";
          }
        }
        if (batch !== "") await output.write(batch);
      }
    }
  } finally {
    await output.close();
  }
  return rows;
}

/**
 * Plain objects smaller than this in all are read on the event loop: their longest line parses in well under 50 ms.
 * Larger ones, and any gzip object (a few bytes may inflate to a 32 MiB line, seconds of parsing), are read on a
 * worker thread, whose parsing and garbage collection never pause the other services.
 */
const IN_THREAD_BYTES = 256 * 1024;

/** A failure in the worker as plain data: a QueryError keeps its name and category. */
export type WorkerAnswer = { readonly rows: number } | { readonly error: { readonly errorName?: string; readonly message: string; readonly category?: 1 | 2 | 3 } };

function failureOf(answer: Extract<WorkerAnswer, { error: unknown }>): Error {
  const { errorName, message, category } = answer.error;
  return errorName === undefined ? new Error(message) : new QueryError(errorName, message.slice(errorName.length + 2), category);
}

/** writeTextRows, on a worker thread unless the objects are small and plain (see IN_THREAD_BYTES). */
export async function readTextRows(request: TextRowsRequest): Promise<number> {
  const bytes = request.files.reduce((sum, file) => sum + file.size, 0);
  if (bytes < IN_THREAD_BYTES && request.files.every((file) => !file.gzip)) return writeTextRows(request);
  const worker = new Worker(join(__dirname, "textRowsWorker.js"), { workerData: request });
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the text reader's worker exited (${code}) before answering`)));
    });
    if ("error" in answer) throw failureOf(answer);
    return answer.rows;
  } finally {
    await worker.terminate();
  }
}
