import { plotly } from "./plotlyApi.js";

const FONT = { family: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size: 12, color: "#1f2937" };

/** Ticks as clock times, with milliseconds once ticks are closer than a second (a short run spans seconds). */
const TIME_TICKS = [
  { dtickrange: [null, 1000], value: "%H:%M:%S.%L" },
  { dtickrange: [1000, null], value: "%H:%M:%S" },
];

/** The look every live chart shares (the report's colours and font), titled, with a time axis. */
export function chartLayout(title: string, yTitle: string, waitingText: string): object {
  return {
    title: { text: title, x: 0.01, xanchor: "left", font: { size: 14 } },
    height: 230,
    font: FONT,
    margin: { t: 36, r: 16, b: 36, l: 64 },
    paper_bgcolor: "white",
    plot_bgcolor: "#f8fafc",
    showlegend: false,
    xaxis: { type: "date", gridcolor: "#e5e7eb", tickformatstops: TIME_TICKS, hoverformat: "%Y-%m-%d %H:%M:%S.%3f", tickangle: 0, nticks: 7 },
    yaxis: { title: { text: yTitle }, gridcolor: "#e5e7eb", zeroline: false },
    annotations: [{ text: waitingText, xref: "paper", yref: "paper", x: 0.5, y: 0.5, showarrow: false, font: { color: "#9ca3af", size: 13 } }],
  };
}

/** Draws an empty chart that follows its box's width (the grid's columns change as the window does). */
export function newChart(element: HTMLElement, layout: object): Promise<unknown> {
  const drawn = plotly().newPlot(element, [], layout, { displayModeBar: false });
  void drawn.then(() => new ResizeObserver(() => plotly().Plots.resize(element)).observe(element));
  return drawn;
}
