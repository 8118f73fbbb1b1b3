import { badge } from "./badge.js";
import type { ObjectLink, PipelineState } from "./dashboardWire.js";
import { byId, fill, h } from "./dom.js";
import { formatBytes, formatClock, formatCount, formatDuration } from "./format.js";

function table(headings: readonly string[], rows: readonly (readonly (string | Node)[])[], numeric: readonly number[] = []): HTMLTableElement {
  const cell = (tag: "th" | "td", value: string | Node, index: number) => h(tag, numeric.includes(index) ? { class: "num" } : {}, value);
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, ...headings.map((heading, index) => cell("th", heading, index)))),
    h("tbody", {}, ...rows.map((row) => h("tr", {}, ...row.map((value, index) => cell("td", value, index))))),
  );
}

function objectLink(object: ObjectLink, text = object.key, className = "object-link"): HTMLAnchorElement {
  return h("a", { href: object.href, target: "_blank", class: className }, text);
}

/** The newest objects Firehose delivered, each a link to its content. */
export function renderObjects(state: PipelineState): void {
  const container = byId("objects");
  if (state.s3.status !== "ok") {
    fill(container, h("p", { class: "note" }, state.s3.message));
    return;
  }
  if (state.s3.newest.length === 0) {
    fill(container, h("p", { class: "note" }, `Nothing under s3://${state.s3.bucket}/${state.s3.dataPrefix} yet: Firehose writes an object when its buffer is due.`));
    return;
  }
  fill(
    container,
    table(["key", "size", "written"], state.s3.newest.map((object) => [objectLink(object, object.key.slice(state.s3.status === "ok" ? state.s3.dataPrefix.length : 0)), formatBytes(object.bytes), formatClock(object.lastModified)]), [1]),
    h("p", { class: "note" }, `The newest ${state.s3.newest.length} of ${state.s3.truncated ? "at least " : ""}${formatCount(state.s3.objects)} under s3://${state.s3.bucket}/${state.s3.dataPrefix}.`),
  );
}

/** The latest Athena result CSV and, locally, the run's CSV and report. */
export function renderResults(state: PipelineState): void {
  const items: Node[] = [];
  if (state.s3.status === "ok" && state.s3.latestResultCsv !== undefined) {
    const csv = state.s3.latestResultCsv;
    items.push(h("li", {}, objectLink(csv, "latest Athena result (CSV)", "file-link"), ` ${formatBytes(csv.bytes)}, ${formatClock(csv.lastModified)}`, h("div", { class: "note" }, csv.key)));
  }
  for (const file of state.files) {
    items.push(h("li", {}, h("a", { href: file.href, target: "_blank", class: "file-link" }, file.name), ` ${formatBytes(file.bytes)}, ${formatClock(file.modified)}`, h("div", { class: "note" }, file.description)));
  }
  fill(byId("results"), items.length === 0 ? h("p", { class: "note" }, "No results yet: Athena writes a CSV per query; npm start also writes the CSV and the report.") : h("ul", { class: "links" }, ...items));
}

/** Recent Athena queries, newest first. */
export function renderQueries(state: PipelineState): void {
  const container = byId("queries");
  if (state.athena.status !== "ok") {
    fill(container, h("p", { class: "note" }, state.athena.message));
    return;
  }
  if (state.athena.queries.length === 0) {
    fill(container, h("p", { class: "note" }, "No queries yet."));
    return;
  }
  fill(
    container,
    table(
      ["submitted", "state", "statement", "rows", "scanned", "runtime", "SQL"],
      state.athena.queries.map((query) => [
        query.submitted === undefined ? "" : formatClock(query.submitted),
        badge(query.state),
        query.statementType ?? "",
        query.resultHref === undefined ? (query.rows === undefined ? "n/a" : formatCount(query.rows)) : h("a", { href: query.resultHref, target: "_blank" }, query.rows === undefined ? "CSV" : formatCount(query.rows)),
        query.dataScannedBytes === undefined ? "" : formatBytes(query.dataScannedBytes),
        query.runtimeMs === undefined ? "" : formatDuration(query.runtimeMs),
        h("code", { title: query.error ?? query.query }, query.query),
      ]),
      [3, 4, 5],
    ),
  );
}
