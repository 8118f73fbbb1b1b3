import { randomUUID } from "node:crypto";
import { escapeHtml } from "./escapeHtml";
import { plotlyNewPlotScript } from "./plotlyNewPlotScript";
import type { PlotlyFigure } from "./plotlyFigures";
import { plotlyLoaderScript } from "./plotlyLoaderScript";
import { tableHtml, type TableOptions } from "./tableHtml";

interface TslabDisplay {
  html(html: string): void;
}

export interface ShowFigureOptions {
  /** Height in pixels; default the figure's own. */
  readonly height?: number;
}

/** Shown until the output's script draws the chart; stays where the notebook is not trusted, as scripts then do not run. */
const NOT_DRAWN =
  "The chart is drawn by this output's script, which has not run: if the notebook was reopened, trust it " +
  "(File > Trust Notebook) and reload the page, or run this cell again.";

/** tslab's display, loaded only when a cell shows something, so the module also works outside a notebook. */
function displayHtml(caller: string, html: string): void {
  let tslab: { display: TslabDisplay };
  try {
    tslab = require("tslab") as { display: TslabDisplay };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") {
      throw new Error(`${caller} shows output in a Jupyter notebook running the tslab kernel, and tslab is not installed here (npm install tslab)`);
    }
    throw error;
  }
  try {
    tslab.display.html(html);
  } catch (error) {
    throw new Error(`${caller} needs a running tslab kernel (a Jupyter notebook): ${(error as Error).message}`);
  }
}

/**
 * Draws a Plotly figure in the notebook's output. Every figure's output carries Plotly (packed, about 660 KB) and
 * unpacks it only where the page lacks it, so charts draw when a notebook is re-run in an open page, reopened, or
 * run from a cell in the middle: whether the page has Plotly is the browser's state, which the kernel cannot see.
 */
export function showFigure(figure: PlotlyFigure, options: ShowFigureOptions = {}): void {
  const id = `gpu-stream-figure-${randomUUID()}`;
  const sized: PlotlyFigure = options.height === undefined ? figure : { data: figure.data, layout: { ...figure.layout, height: options.height } };
  const draw = `function () {
  var element = document.getElementById("${id}");
  if (!element) return;
  element.textContent = "";
  ${plotlyNewPlotScript(id, sized)}
}`;
  const failed = `function (why) {
  var element = document.getElementById("${id}");
  if (element) element.firstChild.textContent = "This chart cannot be drawn here: " + why + ".";
}`;
  displayHtml(
    "showFigure",
    `<div id="${id}" style="width: 100%;"><p style="color: #b45309;">${escapeHtml(NOT_DRAWN)}</p></div>\n<script>\n${plotlyLoaderScript(draw, failed)}\n</script>`,
  );
}

/** Shows HTML in the notebook's output (for example wideTableHtml's table). */
export function showHtml(html: string): void {
  displayHtml("showHtml", html);
}

/** Shows rows of objects as an HTML table (see tableHtml): readable in the classic Notebook and JupyterLab alike. */
export function showTable(rows: readonly Record<string, unknown>[], options: TableOptions = {}): void {
  displayHtml("showTable", tableHtml(rows, options));
}
