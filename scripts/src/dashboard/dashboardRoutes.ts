import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { plotlySource } from "@gpu-stream/shared";
import type { EventChannel } from "./EventChannel";
import { LOCAL_FILES } from "./localFiles";
import { serveObject } from "./objectProxy";
import { pageAsset } from "./pageAssets";
import type { PipelineStateReader } from "./PipelineStateReader";

export interface DashboardRouteContext {
  readonly html: string;
  readonly state: PipelineStateReader;
  readonly events: EventChannel;
  /** What a page gets first on connecting: the recent window. */
  readonly firstEvents: () => readonly { readonly event: string; readonly data: unknown }[];
  readonly s3: S3Client;
  readonly bucket: string;
  readonly filesDir?: string;
  /** `Host` headers the dashboard answers (its own address): anything else is refused, against DNS rebinding. */
  readonly hosts: () => ReadonlySet<string>;
}

/** The page may load only its own scripts; Plotly adds inline styles. */
const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), "x-content-type-options": "nosniff", ...headers });
  response.end(body);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  send(response, status, "text/plain; charset=utf-8", `${text}\n`);
}

/**
 * The dashboard's routes, all GET: `/` the page, `/plotly.js` Plotly from its npm package, `/page/<module>.js`
 * the page's script, `/api/state` the pipeline's state (JSON), `/api/events` the records read (Server-Sent
 * Events), `/api/object?key=` an object of the bucket, `/files/<name>` the run's report and CSV.
 */
export async function handleDashboardRequest(context: DashboardRouteContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!context.hosts().has((request.headers.host ?? "").toLowerCase())) {
    sendText(response, 421, `this dashboard answers only at ${[...context.hosts()].join(" or ")}`);
    return;
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    send(response, 405, "text/plain; charset=utf-8", "the dashboard only reads: GET\n", { allow: "GET, HEAD" });
    return;
  }
  const url = new URL(request.url ?? "/", "http://dashboard");
  const path = url.pathname;
  if (path === "/" || path === "/index.html") {
    send(response, 200, "text/html; charset=utf-8", context.html, { "content-security-policy": PAGE_CSP, "cache-control": "no-store" });
  } else if (path === "/plotly.js") {
    send(response, 200, "text/javascript; charset=utf-8", plotlySource(), { "cache-control": "max-age=3600" });
  } else if (path.startsWith("/page/")) {
    const asset = await pageAsset(path.slice("/page/".length));
    if (asset === undefined) {
      sendText(response, 404, `no page module ${path}: is the page built? (npm run build)`);
    } else {
      send(response, 200, asset.contentType, asset.body, { "cache-control": "no-cache" });
    }
  } else if (path === "/api/state") {
    send(response, 200, "application/json", JSON.stringify(await context.state.read()), { "cache-control": "no-store" });
  } else if (path === "/api/events" && request.method === "GET") {
    context.events.open(request, response, context.firstEvents());
  } else if (path === "/api/object") {
    await serveObject(context.s3, context.bucket, url.searchParams.get("key"), response);
  } else if (path.startsWith("/files/")) {
    const file = LOCAL_FILES.find((candidate) => `/files/${candidate.name}` === path);
    const body = file === undefined || context.filesDir === undefined ? undefined : await readFile(join(context.filesDir, file.name)).catch(() => undefined);
    if (file === undefined || body === undefined) {
      sendText(response, 404, `no such file: ${path}`);
    } else {
      send(response, 200, file.contentType, body, { "cache-control": "no-store" });
    }
  } else {
    sendText(response, 404, `nothing at ${path}`);
  }
}
