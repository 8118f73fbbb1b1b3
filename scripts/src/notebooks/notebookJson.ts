import { readFile, writeFile } from "node:fs/promises";

/** nbformat 4 JSON, as far as this project reads and writes it (https://nbformat.readthedocs.io/en/latest/format_description.html). */

/** Jupyter stores text either whole or as lines that keep their "\n". */
export type MultilineString = string | string[];

/** mime type -> content: text as MultilineString, application/json and the like as JSON. */
export type MimeBundle = Record<string, unknown>;

export interface CellMetadata {
  /** papermill's convention: the cell tagged "parameters" holds the notebook's parameters. */
  tags?: string[];
  [key: string]: unknown;
}

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}

export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient?: { display_id?: string };
}

export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

export type CellOutput = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CodeCell {
  cell_type: "code";
  id?: string;
  source: MultilineString;
  metadata: CellMetadata;
  execution_count: number | null;
  outputs: CellOutput[];
}

export interface MarkdownCell {
  cell_type: "markdown";
  id?: string;
  source: MultilineString;
  metadata: CellMetadata;
  attachments?: Record<string, MimeBundle>;
}

export interface RawCell {
  cell_type: "raw";
  id?: string;
  source: MultilineString;
  metadata: CellMetadata;
  attachments?: Record<string, MimeBundle>;
}

export type Cell = CodeCell | MarkdownCell | RawCell;

export interface NotebookJson {
  nbformat: 4;
  nbformat_minor: number;
  metadata: {
    kernelspec?: { name: string; display_name: string; language?: string };
    language_info?: { name: string; [key: string]: unknown };
    [key: string]: unknown;
  };
  cells: Cell[];
}

export function sourceText(source: MultilineString): string {
  return typeof source === "string" ? source : source.join("");
}

/** Text back into the form `like` had: lines keeping their "\n" when it was a list, as Jupyter writes them. */
export function toMultiline(text: string, like: MultilineString): MultilineString {
  if (typeof like === "string") {
    return text;
  }
  return text.split(/(?<=\n)/).filter((line) => line !== "");
}

export function hasTag(cell: Cell, tag: string): boolean {
  return Array.isArray(cell.metadata?.tags) && cell.metadata.tags.includes(tag);
}

/** The code cells with their index among all cells (the index Jupyter and nbclient report). */
export function codeCells(notebook: NotebookJson): { index: number; cell: CodeCell }[] {
  return notebook.cells.flatMap((cell, index) => (cell.cell_type === "code" ? [{ index, cell }] : []));
}

export function parseNotebook(text: string, name = "notebook"): NotebookJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${name} is not JSON: ${(error as Error).message}`);
  }
  const notebook = value as Partial<NotebookJson> | null;
  if (notebook === null || typeof notebook !== "object" || notebook.nbformat !== 4 || !Array.isArray(notebook.cells)) {
    throw new Error(`${name} is not an nbformat 4 notebook (expected an object with "nbformat": 4 and "cells")`);
  }
  return notebook as NotebookJson;
}

export async function readNotebook(path: string): Promise<NotebookJson> {
  return parseNotebook(await readFile(path, "utf8"), path);
}

/** As Jupyter writes it: one-space indent, a final newline. */
export async function writeNotebook(path: string, notebook: NotebookJson): Promise<void> {
  await writeFile(path, `${JSON.stringify(notebook, null, 1)}\n`);
}
