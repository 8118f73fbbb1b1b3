import { METRIC_INFO } from "../gpuLog/metrics";
import { escapeHtml } from "./escapeHtml";
import type { WideTable } from "./widePerSample";

export interface WideTableHtmlOptions {
  /** Rows shown. Default 20. */
  readonly limit?: number;
}

const DEFAULT_LIMIT = 20;

function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) {
    return `${ms / 60_000} min`;
  }
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The wide per-sample table as an HTML table: its first rows, each metric with its unit and usual decimals. */
export function wideTableHtml(table: WideTable, options: WideTableHtmlOptions = {}): string {
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const shown = table.rows.slice(0, limit);
  const header = ["time (UTC)", ...table.metrics.map((metric) => `${metric} (${METRIC_INFO[metric].unit})`)]
    .map((name) => `<th>${escapeHtml(name)}</th>`)
    .join("");
  const body = shown.map((row) => {
    const cells = table.metrics.map((metric) => {
      const value = row.values[metric];
      return value === undefined ? `<td class="missing">–</td>` : `<td>${value.toFixed(METRIC_INFO[metric].decimals)}</td>`;
    });
    return `<tr><td>${escapeHtml(row.label)}</td>${cells.join("")}</tr>`;
  });
  const total = `${table.rows.length} row${table.rows.length === 1 ? "" : "s"}`;
  const which = shown.length === table.rows.length ? `All ${total}` : `The first ${shown.length} of ${total}`;
  const note = `${which}: one row per ${formatDuration(table.bucketMs)}, each cell the mean of that metric's records in it (– where there is none).`;
  return `<div class="wide-table">
<table>
<thead><tr>${header}</tr></thead>
<tbody>
${body.join("\n")}
</tbody>
</table>
<p class="note">${escapeHtml(note)}</p>
</div>`;
}
