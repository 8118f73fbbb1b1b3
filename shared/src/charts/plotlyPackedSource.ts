import { gzipSync } from "node:zlib";
import { plotlySource } from "./plotlySource";

let cached: string | undefined;

/**
 * Plotly's bundle gzipped and base64-encoded (about 660 KB instead of 1.5 MB), for an output to carry and
 * unpack in the browser with DecompressionStream only when the page lacks Plotly. Computed once per process.
 */
export function plotlyPackedSource(): string {
  if (cached === undefined) {
    cached = gzipSync(plotlySource(), { level: 9 }).toString("base64");
  }
  return cached;
}
