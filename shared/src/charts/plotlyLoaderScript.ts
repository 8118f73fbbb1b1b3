import { plotlyPackedSource } from "./plotlyPackedSource";

/** Where the page keeps its one unpacking of Plotly, so the figures of one Run All unpack it once between them. */
const LOADING = "window.gpuStreamPlotlyLoading";

/**
 * JavaScript calling `draw()` once window.Plotly exists: at once when the page has it, else after unpacking the
 * Plotly this script carries (gzip, base64) into the page. The page may lack Plotly although the kernel showed a
 * figure before: the page was reloaded, the notebook reopened, or the earlier output cleared. Calls `failed(message)`
 * where the browser cannot unpack it (DecompressionStream: https://developer.mozilla.org/docs/Web/API/DecompressionStream).
 */
export function plotlyLoaderScript(draw: string, failed: string): string {
  return `(function (draw, failed) {
  if (typeof window.Plotly !== "undefined") { draw(); return; }
  if (typeof DecompressionStream === "undefined") { failed("this browser cannot unpack Plotly (no DecompressionStream)"); return; }
  if (!${LOADING}) {
    var packed = "${plotlyPackedSource()}";
    ${LOADING} = new Response(new Blob([Uint8Array.from(atob(packed), function (c) { return c.charCodeAt(0); })])
      .stream().pipeThrough(new DecompressionStream("gzip"))).text().then(function (source) {
        if (typeof window.Plotly === "undefined") {
          var script = document.createElement("script");
          script.text = source;
          document.head.appendChild(script);
        }
      });
  }
  ${LOADING}.then(draw, function (error) { ${LOADING} = undefined; failed(String(error)); });
})(${draw}, ${failed});`;
}
