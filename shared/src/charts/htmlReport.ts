import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { escapeHtml } from "./escapeHtml";
import { plotlyNewPlotScript } from "./plotlyNewPlotScript";
import type { PlotlyFigure } from "./plotlyFigures";
import { plotlySource } from "./plotlySource";

export interface ReportSection {
  readonly title: string;
  /** Plain text, escaped; a blank line starts a new paragraph. */
  readonly text?: string;
  readonly figure?: PlotlyFigure;
  /** Trusted HTML inserted as is (for example wideTableHtml's table), after the text and the figure. */
  readonly html?: string;
}

export interface HtmlReport {
  readonly title: string;
  readonly subtitle?: string;
  readonly sections: readonly ReportSection[];
}

const STYLE = `
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body { margin: 0; background: #f3f4f6; color: #1f2937; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  header { background: #111827; color: white; padding: 28px 32px 22px; }
  header h1 { margin: 0; font-size: 26px; font-weight: 650; }
  header p { margin: 6px 0 0; color: #d1d5db; }
  main { max-width: 1180px; margin: 0 auto; padding: 24px 20px 40px; }
  section { background: white; border-radius: 10px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.08); padding: 20px 24px; margin-bottom: 22px; }
  section h2 { margin: 0 0 8px; font-size: 19px; font-weight: 620; }
  section p { margin: 0 0 10px; max-width: 80ch; }
  .figure { width: 100%; margin-top: 8px; }
  .wide-table { overflow-x: auto; margin-top: 8px; }
  .wide-table table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 13.5px; }
  .wide-table th, .wide-table td { padding: 5px 12px; border-bottom: 1px solid #e5e7eb; text-align: right; white-space: nowrap; }
  .wide-table th { background: #f9fafb; font-weight: 600; position: sticky; top: 0; }
  .wide-table th:first-child, .wide-table td:first-child { text-align: left; }
  .wide-table tbody tr:nth-child(even) { background: #fafafa; }
  .wide-table .missing { color: #9ca3af; }
  .wide-table .note { color: #6b7280; font-size: 13px; margin-top: 8px; }
`;

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join("\n");
}

/**
 * One self-contained HTML file: Plotly's source is inlined once (when a section has a figure), so the
 * report opens offline, from a file or an e-mail attachment.
 */
export function renderHtmlReport(report: HtmlReport): string {
  const scripts: string[] = [];
  const sections = report.sections.map((section, index) => {
    const parts = [`<h2>${escapeHtml(section.title)}</h2>`];
    if (section.text !== undefined) {
      parts.push(paragraphs(section.text));
    }
    if (section.figure !== undefined) {
      const id = `figure-${index + 1}`;
      parts.push(`<div class="figure" id="${id}"></div>`);
      scripts.push(plotlyNewPlotScript(id, section.figure));
    }
    if (section.html !== undefined) {
      parts.push(section.html);
    }
    return `<section>\n${parts.join("\n")}\n</section>`;
  });
  const subtitle = report.subtitle === undefined ? "" : `\n<p>${escapeHtml(report.subtitle)}</p>`;
  const plotly = scripts.length === 0 ? "" : `<script>${plotlySource()}</script>\n<script>\n${scripts.join("\n")}\n</script>\n`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(report.title)}</h1>${subtitle}
</header>
<main>
${sections.join("\n")}
</main>
${plotly}</body>
</html>
`;
}

/** Writes renderHtmlReport's file, creating its folder. */
export async function writeHtmlReport(path: string, report: HtmlReport): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, renderHtmlReport(report), "utf8");
}
