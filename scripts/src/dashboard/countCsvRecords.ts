import { parse } from "csv-parse/sync";

/** CSV records in the text, blank lines not counted (a quoted field may hold line breaks, as Athena's result CSVs may). */
export function countCsvRecords(text: string): number {
  return (parse(text, { skip_empty_lines: true, relax_column_count: true }) as unknown[]).length;
}
