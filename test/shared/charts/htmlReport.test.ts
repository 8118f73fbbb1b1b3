import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderHtmlReport, wideTableHtml, writeHtmlReport, type PlotlyFigure, type WideTable } from "@gpu-stream/shared";

const PLOTLY_BANNER = "plotly.js (cartesian - minified)";

function figure(title: string): PlotlyFigure {
  return { data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }], layout: { title: { text: title } } };
}

/** The report with Plotly's 1.5 MB replaced by a marker, so a failing assertion prints something readable. */
function withoutPlotly(html: string): string {
  return html.replace(/<script>\/\*\*\n\* plotly\.js[^]*?<\/script>/, "<script>[Plotly]</script>");
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** The JavaScript of the inline script that draws the figures (the last script element). */
function drawingScript(html: string): string {
  const open = html.lastIndexOf("<script>");
  return html.slice(open + "<script>".length, html.indexOf("</script>", open));
}

describe("the HTML report", () => {
  test("inlines Plotly once for all its figures and draws each in its own div", () => {
    const full = renderHtmlReport({ title: "GPU", sections: [{ title: "one", figure: figure("1") }, { title: "two", text: "no chart" }, { title: "three", figure: figure("3") }] });
    assert.equal(count(full, PLOTLY_BANNER), 1);
    const html = withoutPlotly(full);
    assert.match(html, /<script>\[Plotly\]<\/script>/);
    assert.equal(count(html, "Plotly.newPlot("), 2);
    assert.match(html, /<div class="figure" id="figure-1"><\/div>/);
    assert.match(html, /<div class="figure" id="figure-3"><\/div>/);
    assert.match(drawingScript(html), /"responsive":true/);
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|<img/i, "nothing is fetched from the network");
  });

  test("leaves Plotly out of a report without figures", () => {
    const html = renderHtmlReport({ title: "Only text", sections: [{ title: "words", text: "hello" }] });
    assert.equal(count(html, PLOTLY_BANNER), 0);
    assert.equal(count(html, "<script"), 0);
  });

  test("escapes the title, subtitle, section titles and text, and splits text into paragraphs", () => {
    const html = renderHtmlReport({ title: `<b>"GPU" & 'co'</b>`, subtitle: "a < b", sections: [{ title: "x > y", text: "first <i>\nstill first\n\nsecond & last" }] });
    assert.match(html, /<title>&lt;b&gt;&quot;GPU&quot; &amp; &#39;co&#39;&lt;\/b&gt;<\/title>/);
    assert.match(html, /<p>a &lt; b<\/p>/);
    assert.match(html, /<h2>x &gt; y<\/h2>/);
    assert.match(html, /<p>first &lt;i&gt;\nstill first<\/p>\n<p>second &amp; last<\/p>/);
    assert.doesNotMatch(html, /<i>|<b>/);
  });

  test("embeds a figure's JSON so that no string in it can end the script", () => {
    const hostile = figure("</script><script>alert(1)</script> <!-- \u2028 \u2029");
    const html = withoutPlotly(renderHtmlReport({ title: "t", sections: [{ title: "s", figure: hostile }] }));
    const script = drawingScript(html);
    assert.doesNotMatch(script, /<\/script|<!--|\u2028|\u2029/i);
    assert.equal(count(html, "</script>"), 2, "Plotly's script and the drawing script, nothing more");
    const json = /Plotly\.newPlot\(document\.getElementById\("figure-1"\), (.*), (.*), (\{.*\})\);/.exec(script);
    assert.ok(json !== null);
    assert.deepEqual(JSON.parse(json[2]!), hostile.layout);
  });

  test("inserts a section's html as is, after its text", () => {
    const html = renderHtmlReport({ title: "t", sections: [{ title: "s", text: "before", html: "<table><tr><td>1</td></tr></table>" }] });
    assert.match(html, /<p>before<\/p>\n<table><tr><td>1<\/td><\/tr><\/table>/);
  });

  test("is written to a file, its folder created", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "report-")), "deep", "er", "report.html");
    const report = { title: "written", sections: [{ title: "s", figure: figure("f") }] };
    await writeHtmlReport(path, report);
    assert.equal(await readFile(path, "utf8"), renderHtmlReport(report));
  });
});

describe("the wide table in HTML", () => {
  const start = Date.UTC(2026, 10, 28, 6, 0, 0);
  const table: WideTable = {
    bucketMs: 1000,
    metrics: ["energia", "Frequencia", "usoVRAM"],
    rows: Array.from({ length: 30 }, (_, index) => ({
      timeMs: start + index * 1000,
      label: `2026-11-28 06:00:${String(index).padStart(2, "0")}.000`,
      values: index === 1 ? { energia: 36.21074 } : { energia: 36.2, Frequencia: 1410.25, usoVRAM: 1100.4 },
    })),
  };

  test("shows the first rows with units, the metric's decimals and a dash where a metric has no value", () => {
    const html = wideTableHtml(table, { limit: 3 });
    assert.match(html, /<th>time \(UTC\)<\/th><th>energia \(W\)<\/th><th>Frequencia \(MHz\)<\/th><th>usoVRAM \(MB\)<\/th>/);
    assert.equal(count(html, "<tr><td>"), 3);
    assert.match(html, /<tr><td>2026-11-28 06:00:00.000<\/td><td>36.2000<\/td><td>1410.3<\/td><td>1100<\/td><\/tr>/);
    assert.match(html, /<tr><td>2026-11-28 06:00:01.000<\/td><td>36.2107<\/td><td class="missing">–<\/td><td class="missing">–<\/td><\/tr>/);
    assert.match(html, /The first 3 of 30 rows: one row per 1 s/);
  });

  test("shows 20 rows by default, and says so when it shows them all", () => {
    assert.equal(count(wideTableHtml(table), "<tr><td>"), 20);
    assert.match(wideTableHtml(table, { limit: 100 }), /All 30 rows: one row per 1 s/);
    assert.match(wideTableHtml({ ...table, bucketMs: 60_000, rows: table.rows.slice(0, 1) }), /All 1 row: one row per 1 min/);
  });
});
