/** The part of Plotly's API the page uses; `/plotly.js` (the npm package's bundle) defines `window.Plotly`. */
export interface PlotlyTrace {
  x: unknown[];
  y: unknown[];
  [key: string]: unknown;
}

export interface PlotlyGraphDiv extends HTMLDivElement {
  data: PlotlyTrace[];
}

export interface PlotlyApi {
  newPlot(div: HTMLElement, data: readonly object[], layout: object, config?: object): Promise<PlotlyGraphDiv>;
  addTraces(div: HTMLElement, traces: object | readonly object[]): Promise<PlotlyGraphDiv>;
  deleteTraces(div: HTMLElement, indices: number[]): Promise<PlotlyGraphDiv>;
  extendTraces(div: HTMLElement, update: { x: unknown[][]; y: unknown[][] }, indices: number[], maxPoints?: number): Promise<PlotlyGraphDiv>;
  relayout(div: HTMLElement, update: object): Promise<PlotlyGraphDiv>;
  Plots: { resize(div: HTMLElement): void };
}

export function plotly(): PlotlyApi {
  const api = (window as unknown as { Plotly?: PlotlyApi }).Plotly;
  if (api === undefined) {
    throw new Error("Plotly did not load (/plotly.js)");
  }
  return api;
}
