import { request, type Agent, type ClientRequest } from "node:http";
import { connect as connectHttp2, constants as http2Constants, type ClientSessionRequestOptions, type OutgoingHttpHeaders } from "node:http2";
import { connect } from "node:net";

/** One request of a fuzz run, as sent: what a failure prints so it can be replayed by hand. */
export interface FuzzRequest {
  /** What was done to it: `Kinesis PutRecords: Records.1.member.Data -> invalid base64 "YQ"`. */
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

/** What came back: an answer, a connection closed or reset without one, or nothing in time. */
export type Outcome =
  | { readonly kind: "answer"; readonly status: number; readonly headers: Readonly<Record<string, string | string[] | undefined>>; readonly body: Buffer }
  | { readonly kind: "closed"; readonly detail: string }
  | { readonly kind: "silent" }
  /** The client library refused to send it (an invalid header character): nothing reached the server. */
  | { readonly kind: "unsent"; readonly detail: string };

function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/** Sends a well-framed HTTP/1.1 request over a keep-alive agent and reads the whole answer. */
export function sendHttp1(port: number, agent: Agent, fuzz: FuzzRequest, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    let req: ClientRequest;
    try {
      // Node's client sends a GET/DELETE/OPTIONS body with neither Content-Length nor chunked framing (the
      // server then takes it for the next request): say its length.
      const headers = fuzz.body === undefined || hasHeader(fuzz.headers, "content-length") ? fuzz.headers : { ...fuzz.headers, "content-length": String(fuzz.body.length) };
      req = request({ host: "127.0.0.1", port, method: fuzz.method, path: fuzz.path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ kind: "answer", status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", (error) => resolve({ kind: "closed", detail: error.message }));
      });
    } catch (error) {
      resolve({ kind: "unsent", detail: (error as Error).message });
      return;
    }
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ kind: "silent" });
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ kind: "closed", detail: error.code ?? error.message }));
    req.end(fuzz.body);
  });
}

/** Sends one HTTP/2 request on its own cleartext session (as the SDK's Kinesis client does) and reads the answer. */
export function sendHttp2(url: string, fuzz: FuzzRequest, timeoutMs: number, options: ClientSessionRequestOptions = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const session = connectHttp2(url);
    let settled = false;
    const finish = (outcome: Outcome): void => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        session.destroy();
        resolve(outcome);
      }
    };
    const timer = setTimeout(() => finish({ kind: "silent" }), timeoutMs);
    session.on("error", (error: NodeJS.ErrnoException) => finish({ kind: "closed", detail: error.code ?? error.message }));
    const headers: OutgoingHttpHeaders = { ...fuzz.headers, [http2Constants.HTTP2_HEADER_METHOD]: fuzz.method, [http2Constants.HTTP2_HEADER_PATH]: fuzz.path };
    let stream;
    try {
      // The client ends GET, HEAD and DELETE streams with their headers unless told otherwise.
      stream = session.request(headers, { endStream: fuzz.body === undefined, ...options });
    } catch (error) {
      finish({ kind: "unsent", detail: (error as Error).message });
      return;
    }
    let status = 0;
    let responseHeaders: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];
    stream.on("response", (received) => {
      status = Number(received[":status"]);
      responseHeaders = received as Record<string, string | string[] | undefined>;
    });
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => finish(status === 0 ? { kind: "closed", detail: "stream ended without headers" } : { kind: "answer", status, headers: responseHeaders, body: Buffer.concat(chunks) }));
    stream.on("error", (error: NodeJS.ErrnoException) => finish({ kind: "closed", detail: error.code ?? error.message }));
    stream.end(fuzz.body);
  });
}

/** A piece of a raw exchange: bytes to write, or a pause. */
export type RawStep = Buffer | { readonly pauseMs: number };

export interface RawResult {
  /** Every byte the server sent back. */
  readonly received: Buffer;
  /** How it ended: `closed` by the server (FIN or reset), or `timeout` (we gave up and closed it). */
  readonly ending: "closed" | "timeout";
  /** Bytes we managed to write before it ended. */
  readonly written: number;
}

/**
 * Writes `steps` on a fresh TCP connection, exactly as given (no framing of ours), then waits for the server to
 * close or for `timeoutMs`; `leave: true` closes our side after the last step, as a client that gives up.
 */
export function rawExchange(port: number, steps: readonly RawStep[], options: { timeoutMs: number; leave?: boolean }): Promise<RawResult> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let written = 0;
    let ended = false;
    const finish = (ending: RawResult["ending"]): void => {
      if (!ended) {
        ended = true;
        clearTimeout(timer);
        socket.destroy();
        resolve({ received: Buffer.concat(chunks), ending, written });
      }
    };
    const timer = setTimeout(() => finish("timeout"), options.timeoutMs);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => finish("closed"));
    socket.on("close", () => finish("closed"));
    socket.once("connect", async () => {
      for (const step of steps) {
        if (ended) {
          return;
        }
        if (Buffer.isBuffer(step)) {
          socket.write(step);
          written += step.length;
        } else {
          await new Promise((resume) => setTimeout(resume, step.pauseMs));
        }
      }
      if (options.leave === true && !ended) {
        socket.end();
      }
    });
  });
}

/** The status of the first HTTP/1.1 answer in raw bytes, if any. */
export function rawStatus(received: Buffer): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(received.subarray(0, 32).toString("latin1"));
  return match === null ? undefined : Number(match[1]);
}

/** Runs `work` over `items` with at most `concurrency` in flight; results in item order. */
export async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
