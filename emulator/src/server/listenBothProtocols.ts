import { createServer as createHttp1Server, maxHeaderSize, type IncomingMessage, type ServerResponse } from "node:http";
import type { Http2Server, Http2ServerRequest, Http2ServerResponse } from "node:http2";
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from "node:net";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { answerClientError } from "./answerClientError";
import { lingerThenCut, type Linger } from "./lingerThenCut";
import { connectionLimits, type ConnectionLimits } from "./connectionLimits";
import type { HttpResponse, RequestHandler } from "../protocol/HttpExchange";
import type { GateRequest, RequestGate } from "./hostGate";
import { OpenConnections } from "./OpenConnections";

/** RFC 9113 section 7's error codes sent in RST_STREAM (node:http2's NGHTTP2_NO_ERROR and NGHTTP2_CANCEL). */
const HTTP2_NO_ERROR = 0x0;
const HTTP2_CANCEL = 0x8;

/**
 * node:http2, loaded when the first HTTP/2 connection arrives: about 5 ms of a cold start, and a client of
 * HTTP/1.1 alone (the AWS CLI, boto3, a first health check) never needs it.
 */
function loadHttp2(): typeof import("node:http2") {
  return require("node:http2") as typeof import("node:http2");
}

/** The client connection preface of HTTP/2 with prior knowledge starts with these bytes; no HTTP/1 method does. */
const HTTP2_PREFACE_START = Buffer.from("PRI", "latin1");

/**
 * How much request body an HTTP/2 client may send before the server acknowledges it: per stream (SETTINGS_INITIAL_
 * WINDOW_SIZE) and per session (the connection window, raised with WINDOW_UPDATE). Both start at 65,535 bytes
 * (RFC 9113 section 6.9.2), below a PutRecords of 500 telemetry records (about 100 KB): the client sent 64 KB, then
 * waited for the server's WINDOW_UPDATE. Measured with the SDK, PutRecords x500 over one session: about 10% less
 * server CPU per record and more records/s with these. Bodies are read as they come (readBody), and a body over a
 * service's limit is refused, so the window bounds a burst, not what is kept.
 */
const HTTP2_STREAM_WINDOW_BYTES = 1024 * 1024;
const HTTP2_SESSION_WINDOW_BYTES = 4 * 1024 * 1024;

export interface DualProtocolServer {
  readonly port: number;
  close(): Promise<void>;
}

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

/**
 * After an answer given before the whole body arrived (a 413, an error found in the headers), how much more of
 * the body an HTTP/1.1 connection reads and drops, and for how long, before it is cut (lingerThenCut). Closing at
 * once makes the kernel answer the client's next bytes with a reset, and a client still writing then reports that
 * (Node's http client: EPIPE), not the answer waiting in its buffer; a bounded linger lets it read the answer, and
 * keeps the connection for its next request. Past the bound the client is sending far more than anyone should
 * buffer: cut, as AWS's front ends cut oversized requests (sendgridlabs/go-kinesis#48).
 */
const LINGER: Linger = { bytes: 32 * 1024 * 1024, ms: 5_000 };

function drainThenCut(req: IncomingMessage): void {
  lingerThenCut(req, () => req.socket.destroy(), LINGER, "keep");
}

/**
 * HTTP/2 says how to stop a body nobody will read (RFC 9113 section 8.1): after a complete answer, RST_STREAM
 * with NO_ERROR. The client's session, and its other streams, carry on.
 */
function stopStreamAfterAnswer(req: Http2ServerRequest, res: Http2ServerResponse): void {
  req.resume();
  res.once("finish", () => {
    if (!req.complete && !req.stream.closed) {
      req.stream.close(HTTP2_NO_ERROR);
    }
  });
}

async function writeResponse(response: HttpResponse, req: AnyRequest, res: AnyResponse): Promise<void> {
  const headers: Record<string, string | number> = { ...response.headers };
  // Answered before the body was read (refused early). The rest of it is still on its way: drop it, bounded, so
  // the client reads this answer (a handler that said `connection: close` has the connection closed instead).
  // A client waiting on `Expect: 100-continue` has sent no body and must not be invited to: close.
  if (!req.complete) {
    if (req.httpVersionMajor === 2) {
      stopStreamAfterAnswer(req as Http2ServerRequest, res as Http2ServerResponse);
    } else if (String(req.headers["expect"] ?? "").toLowerCase() === "100-continue") {
      headers["connection"] = "close";
    } else if (!Object.entries(headers).some(([name, value]) => name.toLowerCase() === "connection" && String(value).toLowerCase() === "close")) {
      drainThenCut(req as IncomingMessage);
    }
  }
  const body = response.body;
  if (body === undefined || typeof body === "string" || body instanceof Uint8Array) {
    const bytes = body === undefined ? undefined : typeof body === "string" ? Buffer.from(body, "utf8") : body;
    if (headers["content-length"] === undefined) {
      headers["content-length"] = bytes?.length ?? 0;
    }
    (res as ServerResponse).writeHead(response.statusCode, headers);
    (res as ServerResponse).end(bytes);
    return;
  }
  try {
    (res as ServerResponse).writeHead(response.statusCode, headers);
  } catch (error) {
    // A header Node will not send (ERR_INVALID_CHAR): the body, often an open file, would never be read or closed.
    (body as Readable).destroy();
    throw error;
  }
  await pipeline(body as Readable, res as ServerResponse);
}

/** Where the request says it is going, for the gate: every Host line, `:authority`, an absolute-form target's authority. */
function gateRequest(req: AnyRequest): GateRequest {
  const hostLines: string[] = [];
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    if (req.rawHeaders[index]!.toLowerCase() === "host") {
      hostLines.push(req.rawHeaders[index + 1]!);
    }
  }
  const url = req.url ?? "/";
  const authority = req.headers[":authority"];
  let targetAuthority: string | undefined;
  if (!url.startsWith("/") && url !== "*") {
    try {
      targetAuthority = new URL(url).host;
    } catch {
      // Not absolute-form either: the services answer the odd target as they do now.
    }
  }
  return {
    url,
    headers: req.headers,
    hostLines,
    ...(typeof authority === "string" ? { authority } : {}),
    ...(targetAuthority === undefined ? {} : { targetAuthority }),
  };
}

/**
 * The longest silence allowed while a request is in flight is `bodyIdleMs`, but only the client's silence
 * counts: mid-body (the body is not all here), or not reading our answer (our writes are stuck). A handler
 * still working on a complete request is not the client's fault, and keeps its connection.
 */
function limitSilence(req: AnyRequest, res: AnyResponse, bodyIdleMs: number): void {
  if (req.httpVersionMajor === 2) {
    const stream = (req as Http2ServerRequest).stream;
    // Http2Stream timeouts count frames either way, and skip a wait while writes are still draining (node:http2).
    stream.setTimeout(bodyIdleMs, () => {
      if (stream.state.remoteClose !== 1 || stream.writableLength > 0) {
        stream.close(HTTP2_CANCEL);
      }
    });
    return;
  }
  const socket = (req as IncomingMessage).socket;
  // Node's http server answers a socket timeout by emitting 'timeout' on the request while it is incomplete, then
  // on the response, and destroys the socket only if nobody listened (lib/_http_server.js, socketOnTimeout).
  socket.setTimeout(bodyIdleMs);
  req.on("timeout", () => socket.destroy());
  res.on("timeout", () => {
    if (!req.complete || socket.writableNeedDrain) {
      socket.destroy();
    }
  });
}

function exchange(handler: RequestHandler, onError: (error: unknown) => void, gate: RequestGate | undefined, bodyIdleMs: number) {
  return (req: AnyRequest, res: AnyResponse): void => {
    limitSilence(req, res, bodyIdleMs);
    const refusal = gate?.(gateRequest(req));
    if (refusal !== undefined) {
      writeResponse(refusal, req, res).catch(() => res.destroy());
      return;
    }
    const request = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      body: req as unknown as Readable,
      httpVersion: req.httpVersionMajor === 2 ? ("2" as const) : ("1.1" as const),
    };
    handler(request)
      .then((response) => writeResponse(response, req, res))
      .catch((error: unknown) => {
        // Usually a client that went away mid-request; the response may be unwritable by now.
        if (res.destroyed || (req as { aborted?: boolean }).aborted === true) {
          return;
        }
        onError(error);
        try {
          if (!res.headersSent) {
            (res as ServerResponse).writeHead(500, { "content-type": "text/plain" });
          }
          (res as ServerResponse).end();
        } catch {
          res.destroy();
        }
      });
  };
}

/**
 * One TCP port serving HTTP/1.1 (AWS CLI, boto3, most SDK clients) and cleartext HTTP/2 with prior
 * knowledge (the SDK v3 Kinesis client's default). Each connection's first bytes decide which server
 * gets it: they are read, pushed back, and the socket handed over untouched (resuming it here would
 * lose the HTTP/2 preface). Every phase of a connection has a time limit and their number a cap
 * (connectionLimits.ts); `gate` may answer a request before any service sees it (the Host check).
 */
export async function listenBothProtocols(options: {
  port: number;
  host: string;
  handler: RequestHandler;
  onError: (error: unknown) => void;
  gate?: RequestGate;
  limits?: Partial<ConnectionLimits>;
  /** Where the cap says it is reached; default nowhere. */
  log?: (message: string) => void;
}): Promise<DualProtocolServer> {
  const limits = connectionLimits(options.limits);
  const connections = new OpenConnections(limits.maxConnections, options.log ?? (() => undefined));
  const handle = exchange(options.handler, options.onError, options.gate, limits.bodyIdleTimeoutMs);
  // requestTimeout (a limit on the whole request, body included) is off: limitSilence bounds a body's pauses instead.
  const http1 = createHttp1Server(
    {
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: 0,
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    handle,
  );
  // headersTimeout is enforced by a timer Node's http server starts on its 'listening' event, which a server that
  // only receives sockets from another never emits (lib/_http_server.js, setupConnectionsTracking): start it here.
  // Without it a client may take forever over its headers (test/emulator/server/connections.test.ts checks it applies).
  http1.emit("listening");
  const trackHttp1 = (req: IncomingMessage, res: ServerResponse): void => {
    connections.busy(req.socket);
    res.once("close", () => connections.done(req.socket));
  };
  http1.on("request", trackHttp1);
  http1.on("clientError", (error: Error & { code?: string }, socket) => answerClientError(error, socket, LINGER));
  // `Expect: 100-continue` (the AWS CLI and the SDK send it with S3 uploads): say "continue" only when a handler
  // starts reading the body, so an upload to a missing bucket is refused before its bytes are sent.
  http1.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    trackHttp1(req, res);
    const sendContinue = (event: string | symbol): void => {
      if (event === "data" || event === "readable") {
        req.off("newListener", sendContinue);
        res.writeContinue();
      }
    };
    req.on("newListener", sendContinue);
    handle(req, res);
  });
  // HTTP/2's header list gets the limit HTTP/1.1's parser applies (http.maxHeaderSize, 16 KiB unless
  // --max-http-header-size says otherwise). Node advertises no limit by default and takes any size; with this
  // setting it advertises SETTINGS_MAX_HEADER_LIST_SIZE and refuses a larger block with RST_STREAM
  // ENHANCE_YOUR_CALM, the session going on. (One field over 64 KiB is nghttp2's own COMPRESSION_ERROR: GOAWAY.)
  const createHttp2 = (): Http2Server => {
    const http2 = loadHttp2().createServer({ settings: { maxHeaderListSize: maxHeaderSize, initialWindowSize: HTTP2_STREAM_WINDOW_BYTES } }, handle);
    // Protocol garbage from a client ends its session; it must never reach the process as an unhandled error.
    http2.on("sessionError", () => undefined);
    http2.on("session", onHttp2Session);
    return http2;
  };
  let http2: Http2Server | undefined;
  // Set just before a socket is handed to the http2 server, which makes its session synchronously.
  let handingToHttp2: Socket | undefined;
  const onHttp2Session = (session: import("node:http2").ServerHttp2Session): void => {
    const socket = handingToHttp2;
    session.on("error", () => session.destroy());
    session.setLocalWindowSize(HTTP2_SESSION_WINDOW_BYTES);
    let openStreams = 0;
    session.on("stream", (stream) => {
      openStreams += 1;
      if (socket !== undefined) {
        connections.busy(socket);
      }
      stream.once("close", () => {
        openStreams -= 1;
        if (socket !== undefined) {
          connections.done(socket);
        }
      });
    });
    // An idle session goes with GOAWAY (RFC 9113 section 6.8), which the SDK's session pool takes as "open a new one".
    // With streams open, their own limits apply (limitSilence).
    session.setTimeout(limits.http2IdleTimeoutMs, () => {
      if (openStreams === 0) {
        session.close();
      }
    });
  };

  const route = (socket: Socket): void => {
    socket.on("error", () => socket.destroy());
    if (!connections.admit(socket)) {
      socket.destroy();
      return;
    }
    const sniffTimer = setTimeout(() => socket.destroy(), limits.sniffTimeoutMs);
    sniffTimer.unref();
    socket.once("close", () => clearTimeout(sniffTimer));
    const onReadable = (): void => {
      const start = socket.read(HTTP2_PREFACE_START.length) as Buffer | null;
      if (start === null) {
        // Fewer bytes than the test needs so far: wait for more (or the end, which read() then returns).
        if (socket.readableEnded) {
          socket.destroy();
          return;
        }
        socket.once("readable", onReadable);
        return;
      }
      clearTimeout(sniffTimer);
      socket.unshift(start);
      if (start.equals(HTTP2_PREFACE_START)) {
        handingToHttp2 = socket;
        http2 ??= createHttp2();
        http2.emit("connection", socket);
        handingToHttp2 = undefined;
      } else {
        http1.emit("connection", socket);
      }
    };
    socket.once("readable", onReadable);
  };

  const tcp: Server = createNetServer({ pauseOnConnect: false }, route);
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(options.port, options.host, () => {
      tcp.off("error", reject);
      resolve();
    });
  });
  return {
    port: (tcp.address() as AddressInfo).port,
    close: async () => {
      const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
      // Stops the headers-timeout timer; the server never listened, so the callback's error is expected.
      http1.close(() => undefined);
      http1.closeAllConnections();
      connections.destroyAll();
      await closed;
    },
  };
}
