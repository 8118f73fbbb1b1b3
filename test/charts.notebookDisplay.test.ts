import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { showFigure, showHtml, type PlotlyFigure } from "@gpu-stream/shared";

interface DisplayData {
  data: { [mime: string]: string };
}

const PLOTLY_BANNER = "plotly.js (cartesian - minified)";
const figure: PlotlyFigure = { data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: { title: { text: "t" }, height: 300 } };

describe("showing charts in a tslab notebook", () => {
  // Must run first: the kernel's first successful showFigure is the one carrying Plotly.
  test("outside a running kernel, says that a kernel is needed", () => {
    assert.throws(() => showFigure(figure), /showFigure needs a running tslab kernel \(a Jupyter notebook\)/);
    assert.throws(() => showHtml("<b>x</b>"), /showHtml needs a running tslab kernel/);
  });

  test("inlines Plotly with the first figure only; each figure is a div and a newPlot call", () => {
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
    assert.deepEqual(shown.map((html) => html.split(PLOTLY_BANNER).length - 1), [1, 0, 0, 0]);
    assert.ok(shown[0]!.indexOf(PLOTLY_BANNER) < shown[0]!.indexOf("Plotly.newPlot("), "Plotly is defined before it is used");
    const ids = shown.slice(0, 3).map((html) => /<div id="([^"]+)"/.exec(html)![1]!);
    assert.equal(new Set(ids).size, 3);
    shown.slice(0, 3).forEach((html, index) => {
      assert.match(html, new RegExp(`Plotly\\.newPlot\\(document\\.getElementById\\("${ids[index]}"\\)`));
      assert.match(html, /typeof window\.Plotly === "undefined"/);
      assert.match(html, /Restart the kernel and run the notebook from the top/);
    });
    assert.match(shown[1]!, /"height":640/);
    assert.match(shown[2]!, /"height":300/);
    assert.equal(shown[3], "<table><tr><td>1</td></tr></table>");
    assert.ok(shown[1]!.length < 10_000, `a later figure is small (${shown[1]!.length} characters)`);
  });
});
