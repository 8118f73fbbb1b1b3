import { badge } from "./badge.js";
import type { DashboardConfig, PipelineState, Section } from "./dashboardWire.js";
import { byId, fill, h } from "./dom.js";
import { formatBytes, formatClock, formatCount, formatRate, formatRelative } from "./format.js";

type Fact = readonly [label: string, value: string | Node, title?: string];

function facts(rows: readonly Fact[]): HTMLDListElement {
  return h("dl", {}, ...rows.flatMap(([label, value, title]) => [h("dt", {}, label), h("dd", title === undefined ? {} : { title }, value)]));
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? "" : "s"}`;
}

function when(iso: string | undefined, nowMs: number): string {
  return iso === undefined ? "none yet" : `${formatClock(iso)} (${formatRelative(iso, nowMs)})`;
}

/** A card's body for a section that is missing, refused or failed, or the facts of one that is there. */
function body<T>(section: Section<T>, render: (value: T) => Node[]): Node[] {
  if (section.status === "ok") {
    return render(section);
  }
  return [badge(section.status === "missing" ? "not created yet" : section.status), h("p", { class: "note" }, section.message)];
}

function card(id: string, service: string, name: string, children: readonly Node[]): void {
  fill(byId(id), h("h3", {}, h("span", { class: "service" }, service), h("span", { class: "resource" }, name)), ...children);
}

/** The five cards of the flow: stream -> Firehose -> S3 -> crawler -> Athena. */
export function renderFlow(state: PipelineState, config: DashboardConfig, nowMs: number): void {
  const names = config.names;
  card("card-stream", "Kinesis data stream", names.stream, body(state.stream, (stream) => [
    h("div", { class: "headline" }, h("span", { class: "big", id: "records-per-second" }, formatRate(stream.consumer.recordsPerSecond)), " records/s in"),
    badge(stream.streamStatus),
    facts([
      ["shards", `${stream.openShards} open (${stream.capacityMode.toLowerCase().replace("_", "-")})`, stream.shardIds.join(", ")],
      ["read so far", `${formatCount(stream.consumer.recordsRead)} records`],
      ["reader", stream.consumer.status === "reading" ? `${stream.consumer.millisBehindLatest ?? 0} ms behind` : (stream.consumer.message ?? stream.consumer.status)],
      ["retention", `${stream.retentionHours} h`],
    ]),
  ]));
  card("card-firehose", "Firehose", names.deliveryStream, body(state.firehose, (firehose) => {
    const buffer = firehose.buffer;
    const hints = [firehose.bufferIntervalSeconds === undefined ? "" : `${firehose.bufferIntervalSeconds} s`, firehose.bufferSizeMB === undefined ? "" : `${firehose.bufferSizeMB} MiB`].filter(Boolean).join(" or ");
    return [
      h("div", { class: "headline" }, h("span", { class: "big", id: "buffered-records" }, buffer === undefined ? "n/a" : formatCount(buffer.bufferedRecords)), " records buffered"),
      badge(firehose.deliveryStreamStatus),
      facts([
        ...(buffer === undefined
          ? ([["buffer", h("span", { class: "note" }, firehose.bufferNote)]] as Fact[])
          : ([
              ["buffered", formatBytes(buffer.bufferedBytes)],
              ["next delivery", buffer.nextDelivery === undefined ? "when records arrive" : formatRelative(buffer.nextDelivery, nowMs)],
              ["delivered", `${plural(buffer.objectsDelivered, "object")}, ${plural(buffer.recordsDelivered, "record")}`],
              ["last delivery", when(buffer.lastDelivery, nowMs)],
            ] as Fact[])),
        ["delivers after", hints || "AWS defaults"],
        ["records", firehose.newlineDelimited ? "one per line" : "back to back (no delimiter)"],
        ...(buffer?.error === undefined ? [] : ([["failing", h("span", { class: "bad-text" }, buffer.error)]] as Fact[])),
      ]),
    ];
  }));
  card("card-s3", "S3", `${names.bucket}/${names.dataPrefix}`, body(state.s3, (bucket) => [
    h("div", { class: "headline" }, h("span", { class: "big", id: "objects-delivered" }, `${bucket.truncated ? "≥ " : ""}${formatCount(bucket.objects)}`), ` object${bucket.objects === 1 ? "" : "s"}`),
    facts([
      ["size", formatBytes(bucket.bytes)],
      ["last delivery", when(bucket.lastDelivery, nowMs)],
      ["latest CSV", bucket.latestResultCsv === undefined ? "none yet" : h("a", { href: bucket.latestResultCsv.href, target: "_blank" }, bucket.latestResultCsv.key.split("/").pop() ?? "")],
    ]),
  ]));
  card("card-crawler", "Glue crawler", names.crawler, body(state.crawler, (crawler) => [
    h("div", { class: "headline" }, h("span", { class: "big" }, formatCount(crawler.tables.length)), ` table${crawler.tables.length === 1 ? "" : "s"} in ${crawler.database}`),
    badge(crawler.state),
    facts([
      ["last crawl", crawler.lastCrawl === undefined ? "never" : `${crawler.lastCrawl.status}${crawler.lastCrawl.started === undefined ? "" : `, ${formatRelative(crawler.lastCrawl.started, nowMs)}`}`, crawler.lastCrawl?.message],
      ...crawler.tables.slice(0, 3).map((table): Fact => [table.name, `${table.columns} columns, ${table.partitionKeys} partition keys`, table.location]),
    ]),
  ]));
  card("card-athena", "Athena", `workgroup ${state.athena.status === "ok" ? state.athena.workGroup : "primary"}`, body(state.athena, (athena) => {
    const last = athena.queries[0];
    const scanned = athena.queries.reduce((sum, query) => sum + (query.dataScannedBytes ?? 0), 0);
    return [
      h("div", { class: "headline" }, h("span", { class: "big" }, formatCount(athena.queries.length)), athena.queries.length === 1 ? " recent query" : " recent queries"),
      ...(last === undefined ? [] : [badge(last.state)]),
      facts([
        ["last", last === undefined ? "none yet" : `${last.statementType ?? "query"}, ${last.submitted === undefined ? "" : formatRelative(last.submitted, nowMs)}`],
        ["scanned", formatBytes(scanned)],
      ]),
    ];
  }));
}
