import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { plotlyPackedSource, plotlySource, showFigure, showHtml, type PlotlyFigure } from "@gpu-stream/shared";

interface DisplayData {
  data: { [mime: string]: string };
}

const PLOTLY_BANNER = "plotly.js (cartesian - minified)";
const figure: PlotlyFigure = { data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: { title: { text: "t" }, height: 300 } };

describe("showing charts in a tslab notebook", () => {
  test("outside a running kernel, says that a kernel is needed", () => {
    assert.throws(() => showFigure(figure), /showFigure needs a running tslab kernel \(a Jupyter notebook\)/);
    assert.throws(() => showHtml("<b>x</b>"), /showHtml needs a running tslab kernel/);
  });

  test("each figure is a div and a script that unpacks the Plotly it carries only where the page lacks it", () => {
    const shown: string[] = [];
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: ((data: DisplayData, update: boolean) => void) | null };
    jupyter.lastWriteDisplayData = (data) => shown.push(data.data["text/html"]!);
    try {
      showFigure(figure);
      showFigure(figure, { height: 640 });
      showFigure(figure);
      showHtml("<table><tr><td>1</td></tr></table>");
    } finally {
      jupyter.lastWriteDisplayData = null;
    }
    assert.equal(shown.length, 4);
    const packed = plotlyPackedSource();
    assert.equal(gunzipSync(Buffer.from(packed, "base64")).toString("utf8"), plotlySource(), "the packed Plotly is Plotly");
    const ids = shown.slice(0, 3).map((html) => /<div id="([^"]+)"/.exec(html)![1]!);
    assert.equal(new Set(ids).size, 3);
    shown.slice(0, 3).forEach((html, index) => {
      assert.equal(html.split(packed).length - 1, 1, "every figure carries Plotly, once");
      assert.ok(!html.includes(PLOTLY_BANNER), "packed, not inlined");
      assert.match(html, new RegExp(`Plotly\\.newPlot\\(document\\.getElementById\\("${ids[index]}"\\)`));
      assert.match(html, /if \(typeof window\.Plotly !== "undefined"\) \{ draw\(\); return; \}/);
      assert.match(html, /trust it \(File &gt; Trust Notebook\)/);
      assert.ok(html.length < packed.length + 10_000, `a figure is Plotly packed and a little more (${html.length} characters)`);
    });
    assert.match(shown[1]!, /"height":640/);
    assert.match(shown[2]!, /"height":300/);
    assert.equal(shown[3], "<table><tr><td>1</td></tr></table>");
  });
});
