import { createServer as createHttp1Server, maxHeaderSize, type IncomingMessage, type ServerResponse } from "node:http";
import { constants as http2Constants, createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from "node:net";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { HttpResponse, RequestHandler } from "./HttpExchange";

/** The client connection preface of HTTP/2 with prior knowledge starts with these bytes; no HTTP/1 method does. */
const HTTP2_PREFACE_START = Buffer.from("PRI", "latin1");

export interface DualProtocolServer {
  readonly port: number;
  close(): Promise<void>;
}

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

/**
 * After an answer given before the whole body arrived (a 413, an error found in the headers), how much more of
 * the body an HTTP/1.1 connection reads and drops, and for how long, before it is cut. Closing at once makes the
 * kernel answer the client's next bytes with a reset, and a client still writing then reports that (Node's http
 * client: EPIPE), not the answer waiting in its buffer; draining a bounded amount lets it read the answer, and
 * keeps the connection for its next request. Past the bound the client is sending far more than anyone should
 * buffer: cut, as AWS's front ends cut oversized requests (sendgridlabs/go-kinesis#48).
 */
const LINGER_BYTES = 32 * 1024 * 1024;
const LINGER_MS = 5_000;

function drainThenCut(req: IncomingMessage): void {
  let drained = 0;
  const cut = (): void => {
    clearTimeout(timer);
    req.socket.destroy();
  };
  const timer = setTimeout(cut, LINGER_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > LINGER_BYTES) {
      cut();
    }
  });
  req.once("end", () => clearTimeout(timer));
  req.once("close", () => clearTimeout(timer));
  req.resume();
}

/**
 * HTTP/2 says how to stop a body nobody will read (RFC 9113 section 8.1): after a complete answer, RST_STREAM
 * with NO_ERROR. The client's session, and its other streams, carry on.
 */
function stopStreamAfterAnswer(req: Http2ServerRequest, res: Http2ServerResponse): void {
  req.resume();
  res.once("finish", () => {
    if (!req.complete && !req.stream.closed) {
      req.stream.close(http2Constants.NGHTTP2_NO_ERROR);
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

function exchange(handler: RequestHandler, onError: (error: unknown) => void) {
  return (req: AnyRequest, res: AnyResponse): void => {
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
 * lose the HTTP/2 preface).
 */
export async function listenBothProtocols(options: {
  port: number;
  host: string;
  handler: RequestHandler;
  onError: (error: unknown) => void;
}): Promise<DualProtocolServer> {
  const handle = exchange(options.handler, options.onError);
  const http1 = createHttp1Server({ keepAliveTimeout: 60_000, requestTimeout: 300_000 }, handle);
  // `Expect: 100-continue` (the AWS CLI and the SDK send it with S3 uploads): say "continue" only when a handler
  // starts reading the body, so an upload to a missing bucket is refused before its bytes are sent.
  http1.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
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
  const http2 = createHttp2Server({ settings: { maxHeaderListSize: maxHeaderSize } }, handle);
  // Protocol garbage from a client ends its session; it must never reach the process as an unhandled error.
  http2.on("sessionError", () => undefined);
  http2.on("session", (session) => session.on("error", () => session.destroy()));
  const sockets = new Set<Socket>();

  const route = (socket: Socket): void => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
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
      socket.unshift(start);
      (start.equals(HTTP2_PREFACE_START) ? http2 : http1).emit("connection", socket);
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
      http1.closeAllConnections();
      for (const socket of sockets) {
        socket.destroy();
      }
      await closed;
    },
  };
}

