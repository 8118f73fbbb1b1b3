import { escapeHtml } from "./escapeHtml";

export interface TableOptions {
  /** Decimals kept for numbers with a fraction, including decimal strings such as Athena's "41.2345". Default 2. */
  readonly digits?: number;
  /** Shown above the table. */
  readonly caption?: string;
  /** Rows shown; a note under the table says how many there are. Default 20. */
  readonly limit?: number;
}

const DEFAULT_DIGITS = 2;
const DEFAULT_LIMIT = 20;
const DECIMAL_TEXT = /^-?\d+\.\d+$/;

function cellHtml(value: unknown, digits: number): string {
  if (value === null || value === undefined) {
    return `<td class="missing">–</td>`;
  }
  if (typeof value === "number" || typeof value === "bigint") {
    const text = typeof value === "number" && !Number.isInteger(value) ? value.toFixed(digits) : String(value);
    return `<td class="number" style="text-align: right;">${escapeHtml(text)}</td>`;
  }
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (DECIMAL_TEXT.test(text)) {
    return `<td class="number" style="text-align: right;">${Number(text).toFixed(digits)}</td>`;
  }
  if (/^-?\d+$/.test(text)) {
    return `<td class="number" style="text-align: right;">${text}</td>`;
  }
  return `<td>${escapeHtml(text)}</td>`;
}

/**
 * Rows of objects as an HTML table: one column per key (in the order keys first appear), no index column,
 * numbers rounded to `digits` and right-aligned, missing values as "–".
 */
export function tableHtml(rows: readonly Record<string, unknown>[], options: TableOptions = {}): string {
  const digits = Math.max(0, Math.floor(options.digits ?? DEFAULT_DIGITS));
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const shown = rows.slice(0, limit);
  const caption = options.caption === undefined ? "" : `<caption>${escapeHtml(options.caption)}</caption>\n`;
  const header = columns.map((column) => `<th>${escapeHtml(column)}</th>`).join("");
  const body = shown.map((row) => `<tr>${columns.map((column) => cellHtml(row[column], digits)).join("")}</tr>`);
  const note =
    shown.length === rows.length
      ? ""
      : `\n<p class="note">${escapeHtml(`The first ${shown.length} of ${rows.length} rows.`)}</p>`;
  return `<div class="gpu-stream-table">
<table>
${caption}<thead><tr>${header}</tr></thead>
<tbody>
${body.join("\n")}
</tbody>
</table>${note}
</div>`;
}
