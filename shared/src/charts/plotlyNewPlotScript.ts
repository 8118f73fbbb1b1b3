import { scriptSafeJson } from "./scriptSafeJson";
import type { PlotlyFigure } from "./plotlyFigures";

/** Resizes with its container; no link to Plotly's site, as the page may be read offline. */
export const PLOTLY_CONFIG = { responsive: true, displaylogo: false } as const;

/** JavaScript drawing a figure into the element with this id, once window.Plotly exists. */
export function plotlyNewPlotScript(elementId: string, figure: PlotlyFigure): string {
  return `Plotly.newPlot(document.getElementById(${scriptSafeJson(elementId)}), ${scriptSafeJson(figure.data)}, ${scriptSafeJson(figure.layout)}, ${scriptSafeJson(PLOTLY_CONFIG)});`;
}
