import type { IncomingMessage, ServerResponse } from "node:http";

/** A comment line every so often keeps proxies and idle timeouts from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

/** Server-Sent Events to every open page: `event: <name>` with one line of JSON. */
export class EventChannel {
  private readonly clients = new Set<ServerResponse>();
  private readonly keepAlive: NodeJS.Timeout;

  constructor() {
    this.keepAlive = setInterval(() => {
      for (const client of this.clients) {
        client.write(": keep-alive\n\n");
      }
    }, KEEP_ALIVE_MS);
    this.keepAlive.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Takes over the response as an event stream; `first` events go to this page alone (the recent window). */
  open(request: IncomingMessage, response: ServerResponse, first: readonly { readonly event: string; readonly data: unknown }[]): void {
    response.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive", "x-content-type-options": "nosniff" });
    // A page that loses the connection tries again after 2 s (EventSource does it on its own).
    response.write("retry: 2000\n\n");
    for (const { event, data } of first) {
      response.write(EventChannel.format(event, data));
    }
    this.clients.add(response);
    request.on("close", () => this.clients.delete(response));
  }

  send(event: string, data: unknown): void {
    if (this.clients.size === 0) {
      return;
    }
    const text = EventChannel.format(event, data);
    for (const client of this.clients) {
      client.write(text);
    }
  }

  close(): void {
    clearInterval(this.keepAlive);
    for (const client of this.clients) {
      client.end();
    }
    this.clients.clear();
  }

  private static format(event: string, data: unknown): string {
    // JSON.stringify never writes a raw line break, so the data is one `data:` line.
    return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  }
}
