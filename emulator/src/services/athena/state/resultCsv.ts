/**
 * The result file as Athena writes it to the output location: a header row, every value in double quotes
 * (quotes inside doubled), NULL as an empty unquoted field, lines ending in `\n`.
 */
export function resultCsv(header: readonly string[] | undefined, rows: readonly (readonly (string | undefined)[])[]): string {
  const field = (value: string | undefined): string => (value === undefined ? "" : `"${value.replace(/"/g, '""')}"`);
  const lines = [...(header === undefined ? [] : [header.map(field).join(",")]), ...rows.map((row) => row.map(field).join(","))];
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
