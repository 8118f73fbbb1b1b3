/** Rows as an aligned text table (numbers right-aligned), indented for the step output. */
export function formatRows(rows: readonly Record<string, string | number | null | undefined>[], indent = "      "): string {
  if (rows.length === 0) {
    return `${indent}(no rows)`;
  }
  const columns = Object.keys(rows[0]!);
  const cells = rows.map((row) => columns.map((column) => String(row[column] ?? "")));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((line) => line[index]!.length)));
  const numeric = columns.map((_, index) => cells.every((line) => line[index] === "" || Number.isFinite(Number(line[index]))));
  const align = (text: string, index: number): string => (numeric[index] ? text.padStart(widths[index]!) : text.padEnd(widths[index]!));
  const lines = [columns.map(align), columns.map((_, index) => "-".repeat(widths[index]!)), ...cells.map((line) => line.map(align))];
  return lines.map((line) => `${indent}${line.join("  ").trimEnd()}`).join("\n");
}
