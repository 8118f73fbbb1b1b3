import { createServer } from "node:http";
import { METRIC_COLORS, METRIC_INFO, METRICS, type AwsClients, type PipelineNames } from "@gpu-stream/shared";
import { handleDashboardRequest } from "./dashboardRoutes";
import { EventChannel } from "./EventChannel";
import { listenOnPort } from "./listenOnPort";
import type { DashboardConfig, PointsEvent } from "./page/dashboardWire";
import { pageHtml } from "./pageHtml";
import { PipelineStateReader } from "./PipelineStateReader";
import { RecentPoints } from "./RecentPoints";
import { StreamConsumer } from "./StreamConsumer";

export const DEFAULT_DASHBOARD_PORT = 4570;
const HOST = "127.0.0.1";

export interface DashboardOptions {
  /** The helper module's clients (createAwsClients, connectPipeline): the emulator or AWS. Read only. */
  readonly clients: Pick<AwsClients, "kinesis" | "firehose" | "s3" | "glue" | "athena" | "target">;
  readonly names: PipelineNames;
  /** Local mode: the emulator's URL, whose Firehose tells what it buffers (AWS exposes no such thing). */
  readonly emulatorUrl?: string;
  /** Default 4570; 0 picks a free port. */
  readonly port?: number;
  /** When `port` is taken, listen on a free one instead (default true). */
  readonly fallBackToFreePort?: boolean;
  /** Where the run's report.html and Dadosdesnormalizados.csv are, to link them (npm start's --out). */
  readonly filesDir?: string;
  /** GetRecords on each shard this often. Default 500 ms locally, 1000 ms on AWS (5 reads/s per shard, shared with Firehose). */
  readonly readPollMs?: number;
  /** The page asks for the state this often. Default 1000 ms locally, 3000 ms on AWS. */
  readonly statePollMs?: number;
  /** Points kept per chart. Default 300. */
  readonly windowPoints?: number;
}

export interface RunningDashboard {
  /** e.g. http://127.0.0.1:4570/ */
  readonly url: string;
  readonly port: number;
  /** The port asked for was taken: `port` is another, free one. */
  readonly fellBack: boolean;
  /** Stops reading the stream, ends the pages' event streams and stops listening. Closes no client. */
  close(): Promise<void>;
}

/** The names the page shows (not the account, the roles, the sidebar's). */
function pageNames(names: PipelineNames): DashboardConfig["names"] {
  const { stream, deliveryStream, bucket, dataPrefix, resultsPrefix, database, crawler } = names;
  return { stream, deliveryStream, bucket, dataPrefix, resultsPrefix, database, crawler };
}

/**
 * The live view of the pipeline, served on 127.0.0.1: five charts of the records as a consumer reads them from
 * the stream, and the state of the stream, Firehose, the bucket, the crawler and Athena, read with read-only
 * calls. The clients stay the caller's: they are not closed.
 */
export async function startDashboard(options: DashboardOptions): Promise<RunningDashboard> {
  const aws = options.clients.target.mode === "aws";
  const config: DashboardConfig = {
    mode: options.clients.target.mode,
    target: options.clients.target.description,
    names: pageNames(options.names),
    metrics: METRICS.map((metric) => ({ metric, unit: METRIC_INFO[metric].unit, description: METRIC_INFO[metric].description, color: METRIC_COLORS[metric] })),
    readPollMs: options.readPollMs ?? (aws ? 1000 : 500),
    windowPoints: options.windowPoints ?? 300,
    statePollMs: options.statePollMs ?? (aws ? 3000 : 1000),
  };
  const recent = new RecentPoints(config.windowPoints);
  const events = new EventChannel();
  const consumer = new StreamConsumer({
    kinesis: options.clients.kinesis,
    streamName: options.names.stream,
    pollMs: config.readPollMs,
    readsPerRound: aws ? 1 : 5,
    onRead: (points, stats) => {
      recent.add(points);
      events.send("points", { points, stats } satisfies PointsEvent);
    },
  });
  const state = new PipelineStateReader({
    clients: options.clients,
    names: options.names,
    ...(options.emulatorUrl === undefined ? {} : { emulatorUrl: options.emulatorUrl }),
    ...(options.filesDir === undefined ? {} : { filesDir: options.filesDir }),
    consumerStats: () => consumer.stats(),
  });
  let hosts: ReadonlySet<string> = new Set();
  const context = {
    html: pageHtml(config),
    state,
    events,
    firstEvents: () => [{ event: "snapshot", data: { points: recent.all(), stats: consumer.stats() } satisfies PointsEvent }],
    s3: options.clients.s3,
    bucket: options.names.bucket,
    ...(options.filesDir === undefined ? {} : { filesDir: options.filesDir }),
    hosts: () => hosts,
  };
  const server = createServer((request, response) => {
    handleDashboardRequest(context, request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      }
      response.end(`dashboard error: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  let listening;
  try {
    listening = await listenOnPort(server, options.port ?? DEFAULT_DASHBOARD_PORT, HOST, options.fallBackToFreePort ?? true);
  } catch (error) {
    events.close();
    throw error;
  }
  hosts = new Set([`${HOST}:${listening.port}`, `localhost:${listening.port}`]);
  consumer.start();
  let closed: Promise<void> | undefined;
  return {
    url: `http://${HOST}:${listening.port}/`,
    port: listening.port,
    fellBack: listening.fellBack,
    close: () => {
      closed ??= (async () => {
        events.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await consumer.close();
        await stopped;
      })();
      return closed;
    },
  };
}
