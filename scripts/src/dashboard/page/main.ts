import type { ConsumerStats, DashboardConfig, PipelineState, PointsEvent } from "./dashboardWire.js";
import { renderObjects, renderQueries, renderResults } from "./detailTables.js";
import { byId, fill } from "./dom.js";
import { renderFlow } from "./flowCards.js";
import { badge } from "./badge.js";
import { formatCount, formatRate } from "./format.js";
import { LiveCharts } from "./LiveCharts.js";

/** After this many failed polls in a row the server is taken to be gone (the run ended) and the page stops asking. */
const GIVE_UP_AFTER_FAILURES = 5;

function readConfig(): DashboardConfig {
  return JSON.parse(byId("dashboard-config").textContent ?? "{}") as DashboardConfig;
}

function showConnection(state: string, detail: string): void {
  fill(byId("connection"), badge(state), detail === "" ? "" : ` ${detail}`);
}

/** The one explanation of a refused signature, above the cards; hidden while every service takes the dashboard's key. */
function showRefusal(refusal: string | undefined): void {
  const banner = byId("refusal");
  banner.hidden = refusal === undefined;
  banner.textContent = refusal ?? "";
}

function showConsumer(stats: ConsumerStats, config: DashboardConfig): void {
  const reading = stats.status === "reading" ? `${stats.shardsRead} shard${stats.shardsRead === 1 ? "" : "s"}` : (stats.message ?? stats.status);
  const unreadable = stats.unreadable > 0 ? `, ${formatCount(stats.unreadable)} not telemetry records` : "";
  fill(byId("consumer"), `${config.names.stream}: ${reading}, ${formatRate(stats.recordsPerSecond)} records/s, ${formatCount(stats.recordsRead)} records read${unreadable}`);
  const headline = document.getElementById("records-per-second");
  if (headline !== null) {
    headline.textContent = formatRate(stats.recordsPerSecond);
  }
}

function listenForPoints(config: DashboardConfig, charts: LiveCharts, stop: AbortSignal): void {
  const events = new EventSource("/api/events");
  stop.addEventListener("abort", () => events.close(), { once: true });
  let snapshots = 0;
  const onPoints = (message: MessageEvent<string>): void => {
    const event = JSON.parse(message.data) as PointsEvent;
    if (message.type === "snapshot" && snapshots++ > 0) {
      // Reconnected: the server sends its whole recent window again (or a new run's), which replaces ours.
      charts.clear();
    }
    charts.add(event.points);
    if (message.type === "points") {
      charts.addRate(new Date(), event.stats.recordsPerSecond);
    }
    showConsumer(event.stats, config);
  };
  events.addEventListener("snapshot", onPoints);
  events.addEventListener("points", onPoints);
  events.addEventListener("open", () => showConnection("live", "records arrive as they are read"));
  events.addEventListener("error", () => showConnection("connecting", "reconnecting to the dashboard server…"));
}

async function pollState(config: DashboardConfig, stop: AbortController): Promise<void> {
  let failures = 0;
  while (!stop.signal.aborted) {
    try {
      const response = await fetch("/api/state", { cache: "no-store" });
      if (!response.ok) {
        throw new Error(`answered ${response.status}`);
      }
      const state = (await response.json()) as PipelineState;
      failures = 0;
      const now = Date.now();
      showRefusal(state.refusal);
      renderFlow(state, config, now);
      renderObjects(state);
      renderResults(state);
      renderQueries(state);
    } catch (error) {
      failures += 1;
      if (failures >= GIVE_UP_AFTER_FAILURES) {
        showConnection("stopped", "the dashboard server is gone (the run may have ended): reload the page once it runs again");
        stop.abort();
        return;
      }
      showConnection("connecting", `the dashboard server did not answer (${error instanceof Error ? error.message : String(error)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, config.statePollMs));
  }
}

function main(): void {
  const config = readConfig();
  // Two minutes of the reader's rate, one point per read.
  const charts = new LiveCharts(byId("charts"), config.metrics, config.windowPoints, Math.ceil(120_000 / config.readPollMs));
  const stop = new AbortController();
  listenForPoints(config, charts, stop.signal);
  void pollState(config, stop);
}

main();
