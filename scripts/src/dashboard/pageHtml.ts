import { escapeHtml, scriptSafeJson } from "@gpu-stream/shared";
import type { DashboardConfig } from "./page/dashboardWire";

/** The report's look (shared/src/charts/htmlReport.ts): dark header, white cards on grey, system font. */
const STYLE = `
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body { margin: 0; background: #f3f4f6; color: #1f2937; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  header { background: #111827; color: white; padding: 18px 28px 14px; display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 24px; }
  header h1 { margin: 0; font-size: 22px; font-weight: 650; }
  header p { margin: 0; color: #d1d5db; }
  #connection { margin-left: auto; }
  main { max-width: 1320px; margin: 0 auto; padding: 18px 20px 40px; }
  section { background: white; border-radius: 10px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.08); padding: 16px 20px; margin-bottom: 18px; }
  section h2 { margin: 0 0 4px; font-size: 17px; font-weight: 620; }
  section > p { margin: 0 0 8px; color: #4b5563; }
  .flow { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 16px; background: none; box-shadow: none; padding: 0; }
  .card { background: white; border-radius: 10px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.08); padding: 12px 14px; position: relative; min-height: 190px; }
  .card + .card::before { content: "→"; position: absolute; left: -14px; top: 40%; color: #9ca3af; font-size: 16px; }
  .card h3 { margin: 0 0 6px; font-size: 13px; font-weight: 600; display: flex; flex-direction: column; }
  .card .service { color: #6b7280; font-weight: 500; text-transform: uppercase; letter-spacing: 0.04em; font-size: 11px; }
  .card .resource { overflow-wrap: anywhere; }
  .headline { color: #4b5563; margin: 2px 0 6px; }
  .big { font-size: 26px; font-weight: 650; color: #111827; font-variant-numeric: tabular-nums; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 8px 0 0; font-size: 12.5px; }
  dt { color: #6b7280; white-space: nowrap; }
  dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
  .badge { display: inline-block; border-radius: 999px; padding: 0 8px; font-size: 11.5px; font-weight: 600; line-height: 18px; }
  .badge.good { background: #dcfce7; color: #166534; }
  .badge.busy { background: #fef3c7; color: #92400e; }
  .badge.bad { background: #fee2e2; color: #991b1b; }
  .badge.neutral { background: #e5e7eb; color: #374151; }
  .note { color: #6b7280; font-size: 12.5px; margin: 4px 0 0; }
  .refusal { background: #fee2e2; color: #991b1b; border-radius: 10px; padding: 12px 20px; margin-bottom: 18px; font-weight: 550; }
  .bad-text { color: #991b1b; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 8px 16px; margin-top: 8px; }
  .live-chart, .rate-chart { min-height: 230px; min-width: 0; }
  .details { display: grid; grid-template-columns: 3fr 2fr; gap: 18px; background: none; box-shadow: none; padding: 0; }
  .details > div { background: white; border-radius: 10px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.08); padding: 16px 20px; min-width: 0; }
  table { border-collapse: collapse; font-size: 12.5px; width: 100%; font-variant-numeric: tabular-nums; }
  th, td { padding: 4px 10px 4px 0; border-bottom: 1px solid #e5e7eb; text-align: left; vertical-align: top; }
  th { font-weight: 600; color: #374151; }
  .num { text-align: right; white-space: nowrap; }
  td code { font-size: 12px; color: #374151; overflow-wrap: anywhere; }
  a { color: #1d4ed8; text-decoration: none; }
  a:hover { text-decoration: underline; }
  .object-link { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; overflow-wrap: anywhere; }
  ul.links { margin: 0; padding-left: 18px; }
  ul.links li { margin-bottom: 8px; }
  @media (max-width: 1100px) { .flow { grid-template-columns: repeat(2, minmax(0, 1fr)); } .card + .card::before { content: none; } .details { grid-template-columns: 1fr; } }
`;

/**
 * The page: a skeleton the page's script fills in. Its configuration travels in a JSON script element (not
 * executed), so the page needs no inline script and the Content-Security-Policy can forbid them.
 */
export function pageHtml(config: DashboardConfig): string {
  const names = config.names;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gpu-stream: live pipeline</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
<script type="application/json" id="dashboard-config">${scriptSafeJson(config)}</script>
<script src="/plotly.js"></script>
<script type="module" src="/page/main.js"></script>
</head>
<body>
<header>
<h1>gpu-stream: the pipeline, live</h1>
<p>${escapeHtml(config.target)}</p>
<p id="connection">connecting…</p>
</header>
<main>
<p class="refusal" id="refusal" role="alert" hidden></p>
<section class="flow" aria-label="the pipeline">
<article class="card" id="card-stream"><h3>Kinesis data stream</h3><p class="note">loading…</p></article>
<article class="card" id="card-firehose"><h3>Firehose</h3></article>
<article class="card" id="card-s3"><h3>S3</h3></article>
<article class="card" id="card-crawler"><h3>Glue crawler</h3></article>
<article class="card" id="card-athena"><h3>Athena</h3></article>
</section>
<section>
<h2>The stream as a consumer reads it</h2>
<p>Each point is one record read from <b>${escapeHtml(names.stream)}</b> (GetShardIterator, then GetRecords on each shard every ${config.readPollMs} ms), at its timestamp; each chart keeps the newest ${config.windowPoints} points. <span id="consumer"></span></p>
<div class="charts" id="charts"></div>
</section>
<section class="details">
<div><h2>Delivered objects</h2><div id="objects"><p class="note">loading…</p></div></div>
<div><h2>Results</h2><div id="results"><p class="note">loading…</p></div></div>
</section>
<section>
<h2>Recent Athena queries</h2>
<div id="queries"><p class="note">loading…</p></div>
</section>
</main>
</body>
</html>
`;
}
