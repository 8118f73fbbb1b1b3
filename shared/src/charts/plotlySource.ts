import { readFileSync } from "node:fs";

let cached: string | undefined;

/** Plotly's cartesian bundle (defines `window.Plotly`), read once from the installed package, safe to inline in a `<script>`. */
export function plotlySource(): string {
  if (cached === undefined) {
    const source = readFileSync(require.resolve("plotly.js-cartesian-dist-min"), "utf8");
    // Only inside a string, regular expression or comment can this appear, where `\/` reads the same as `/`.
    cached = source.replace(/<\/script/gi, "<\\/script");
  }
  return cached;
}
