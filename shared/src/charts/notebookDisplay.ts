import { randomUUID } from "node:crypto";
import { escapeHtml } from "./escapeHtml";
import { plotlyNewPlotScript } from "./plotlyNewPlotScript";
import type { PlotlyFigure } from "./plotlyFigures";
import { plotlySource } from "./plotlySource";
import { tableHtml, type TableOptions } from "./tableHtml";

interface TslabDisplay {
  html(html: string): void;
}

export interface ShowFigureOptions {
  /** Height in pixels; default the figure's own. */
  readonly height?: number;
}

const PLOTLY_MISSING =
  "This chart needs Plotly, which the first chart's output loads into the page, and this page does not have it. " +
  "Restart the kernel and run the notebook from the top.";

let plotlyLoadedInKernel = false;

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
 * Draws a Plotly figure in the notebook's output. The kernel's first figure carries Plotly's source
 * (1.5 MB, once per kernel); the later ones are a div and a call to Plotly.newPlot.
 */
export function showFigure(figure: PlotlyFigure, options: ShowFigureOptions = {}): void {
  const id = `gpu-stream-figure-${randomUUID()}`;
  const sized: PlotlyFigure = options.height === undefined ? figure : { data: figure.data, layout: { ...figure.layout, height: options.height } };
  const draw = `(function () {
  var element = document.getElementById("${id}");
  if (!element || typeof window.Plotly === "undefined") return;
  element.textContent = "";
  ${plotlyNewPlotScript(id, sized)}
})();`;
  const loader = plotlyLoadedInKernel ? "" : `<script>${plotlySource()}</script>\n`;
  displayHtml(
    "showFigure",
    `${loader}<div id="${id}" style="width: 100%;"><p style="color: #b45309;">${escapeHtml(PLOTLY_MISSING)}</p></div>\n<script>\n${draw}\n</script>`,
  );
  plotlyLoadedInKernel = true;
}

/** Shows HTML in the notebook's output (for example wideTableHtml's table). */
export function showHtml(html: string): void {
  displayHtml("showHtml", html);
}

/** Shows rows of objects as an HTML table (see tableHtml): readable in the classic Notebook and JupyterLab alike. */
export function showTable(rows: readonly Record<string, unknown>[], options: TableOptions = {}): void {
  displayHtml("showTable", tableHtml(rows, options));
}
