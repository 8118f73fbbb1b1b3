const MIB = 1024 * 1024;

export function formatInteger(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "n/a";
}

/** Three significant digits, at most 2 decimals: enough for timings measured at this precision. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) {
    return "n/a";
  }
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) {
    return formatInteger(value);
  }
  return value.toFixed(magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2);
}

export function formatMiB(bytes: number): string {
  return formatNumber(bytes / MIB);
}

/** `ours` over `theirs`, written so that it reads naturally: 12× or 1/12. */
export function formatRatio(ours: number, theirs: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || ours <= 0 || theirs <= 0) {
    return "n/a";
  }
  const ratio = ours / theirs;
  return ratio >= 1 ? `${formatNumber(ratio)}×` : `1/${formatNumber(1 / ratio)}`;
}

export function padTable(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  "));
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], alignRightFrom = 1): string {
  const escape = (cell: string): string => cell.replaceAll("|", "\\|");
  const align = header.map((_, column) => (column >= alignRightFrom ? "---:" : "---"));
  return [header, align, ...rows].map((row) => `| ${row.map(escape).join(" | ")} |`).join("\n");
}
