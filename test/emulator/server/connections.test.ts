import { after, before, describe, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect as connectHttp2, type ClientHttp2Session } from "node:http2";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { KinesisClient, ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { HeadObjectCommand, CreateBucketCommand, GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { clientConfig, startTestEmulator, useTestEmulator, type TestEmulator } from "../../support/testEmulator";
import { REPO_ROOT } from "../../support/repoRoot";

// Every phase of a connection has a time limit, and open connections a cap at which the longest-idle one makes
// room: without them, sockets that say nothing hold file descriptors forever. Short limits here; every wait is
// bounded by a deadline.

const SHORT = { sniffTimeoutMs: 300, headersTimeoutMs: 400, bodyIdleTimeoutMs: 400, keepAliveTimeoutMs: 300, http2IdleTimeoutMs: 400 };
/** Far beyond any limit under test: a socket still open at its deadline was never going to be closed. */
const DEADLINE_MS = 4000;
const CLI = join(REPO_ROOT, "emulator", "dist", "cli.js");

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    socket.on("error", () => undefined);
    socket.once("connect", () => resolve(socket));
    socket.once("error", reject);
  });
}

interface Closing {
  /** Milliseconds from `since` to the server closing it. */
  readonly afterMs: number;
  /** What the server wrote before closing. */
  readonly received: string;
}

/** Resolves once the server closes `socket`; fails if it is still open `deadlineMs` after `since`. */
function closedBy(socket: Socket, since: number, deadlineMs = DEADLINE_MS): Promise<Closing> {
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open ${deadlineMs} ms later; received ${JSON.stringify(received.slice(0, 200))}`));
    }, deadlineMs - (Date.now() - since));
    const done = (): void => {
      clearTimeout(timer);
      resolve({ afterMs: Date.now() - since, received });
    };
    if (socket.destroyed || socket.readableEnded) {
      done();
      return;
    }
    socket.once("close", done);
    socket.once("end", done);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function http2Closed(session: ClientHttp2Session, since: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`HTTP/2 session still open ${DEADLINE_MS} ms later`)), DEADLINE_MS);
    session.once("close", () => {
      clearTimeout(timer);
      resolve(Date.now() - since);
    });
  });
}

/** The status of GET /_emulator/health on an HTTP/2 session, once its answer has ended. */
function healthStatus(session: ClientHttp2Session): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const stream = session.request({ ":path": "/_emulator/health" });
    let answered = 0;
    stream.on("response", (headers) => (answered = Number(headers[":status"])));
    stream.on("end", () => resolve(answered));
    stream.on("error", reject);
    stream.resume();
  });
}

describe("connection limits", () => {
  describe("time limits (short ones, set through start())", () => {
    let emulator: TestEmulator;
    let port: number;

    useTestEmulator(
      async (started) => {
        emulator = started;
        port = emulator.emulator.port;
        await emulator.s3.send(new CreateBucketCommand({ Bucket: "slow" }));
      },
      { connectionLimits: SHORT },
    );

    test("closes a connection that sends nothing after the sniff timeout", async (t: TestContext) => {
      const began = Date.now();
      const closing = await closedBy(await openSocket(port), began);
      t.diagnostic(`idle socket closed after ${closing.afterMs} ms (sniffTimeoutMs ${SHORT.sniffTimeoutMs})`);
      assert.ok(closing.afterMs >= SHORT.sniffTimeoutMs - 20, `closed after ${closing.afterMs} ms`);
    });

    test("closes a connection stuck in protocol sniffing (two bytes sent)", async () => {
      const socket = await openSocket(port);
      const began = Date.now();
      socket.write("GE");
      const closing = await closedBy(socket, began);
      assert.ok(closing.afterMs >= SHORT.sniffTimeoutMs - 20);
      assert.equal(closing.received, "");
    });

    test("answers unfinished headers with 408 after the headers timeout", async (t: TestContext) => {
      const socket = await openSocket(port);
      const began = Date.now();
      socket.write("GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      const closing = await closedBy(socket, began);
      t.diagnostic(`unfinished headers closed after ${closing.afterMs} ms (headersTimeoutMs ${SHORT.headersTimeoutMs})`);
      assert.match(closing.received, /^HTTP\/1\.1 408 Request Timeout/);
      assert.ok(closing.afterMs >= SHORT.headersTimeoutMs - 20);
    });

    test("bounds the whole header section, however steadily it trickles in", async () => {
      const socket = await openSocket(port);
      const began = Date.now();
      socket.write("GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      const closing = closedBy(socket, began);
      // A header line every 50 ms: never silent for long, never finished.
      for (let index = 0; index < 60 && !socket.destroyed && !socket.readableEnded; index += 1) {
        socket.write(`X-Trickle-${index}: ${index}\r\n`);
        await sleep(50);
      }
      const { received, afterMs } = await closing;
      assert.match(received, /^HTTP\/1\.1 408/);
      assert.ok(afterMs < SHORT.headersTimeoutMs + 1500, `closed after ${afterMs} ms`);
    });

    test("closes an HTTP/1.1 request whose body stops, and stores nothing", async (t: TestContext) => {
      const socket = await openSocket(port);
      socket.write("PUT /slow/stalled HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nab");
      const began = Date.now();
      const closing = await closedBy(socket, began);
      t.diagnostic(`stalled body closed after ${closing.afterMs} ms (bodyIdleTimeoutMs ${SHORT.bodyIdleTimeoutMs})`);
      assert.ok(closing.afterMs >= SHORT.bodyIdleTimeoutMs - 20);
      await assert.rejects(emulator.s3.send(new HeadObjectCommand({ Bucket: "slow", Key: "stalled" })), { name: "NotFound" });
    });

    test("takes a body that keeps coming, however long it takes in all (a pace, not a total)", async () => {
      const body = "0123456789abcdefghij";
      const socket = await openSocket(port);
      socket.write(`PUT /slow/steady HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
      const began = Date.now();
      const closing = closedBy(socket, began, 10_000);
      // 20 bytes, one per 100 ms: 2 s in all, five times the limit on a pause.
      for (const character of body) {
        await sleep(100);
        socket.write(character);
      }
      const { received } = await closing;
      assert.match(received, /^HTTP\/1\.1 200 OK/);
      const object = await emulator.s3.send(new GetObjectCommand({ Bucket: "slow", Key: "steady" }));
      assert.equal(await object.Body!.transformToString(), body);
    });

    test("closes an idle keep-alive connection after the keep-alive timeout (Node adds 1 s)", async (t: TestContext) => {
      const socket = await openSocket(port);
      socket.write("GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      const began = Date.now();
      const closing = await closedBy(socket, began);
      t.diagnostic(`keep-alive connection closed ${closing.afterMs} ms after its request (keepAliveTimeoutMs ${SHORT.keepAliveTimeoutMs})`);
      assert.match(closing.received, /^HTTP\/1\.1 200 OK/);
      assert.match(closing.received, /Keep-Alive: timeout=0/i);
    });

    test("keeps a keep-alive connection that is reused in time, and the SDK's pooled sockets keep working", async () => {
      const kinesis = new KinesisClient({ ...clientConfig(emulator.emulator.url), requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true, maxSockets: 2 } }) });
      try {
        // Requests inside and across the keep-alive timeout: a pooled socket closed by the server is replaced.
        for (const pauseMs of [0, 100, SHORT.keepAliveTimeoutMs + 1100, 50]) {
          await sleep(pauseMs);
          assert.deepEqual((await kinesis.send(new ListStreamsCommand({}))).StreamNames, []);
        }
      } finally {
        kinesis.destroy();
      }
    });

    test("serves the SDK's HTTP/2 Kinesis client across its sessions' idle timeout", async () => {
      const kinesis = new KinesisClient(clientConfig(emulator.emulator.url));
      try {
        for (const pauseMs of [0, 50, SHORT.http2IdleTimeoutMs + 300, 0, SHORT.http2IdleTimeoutMs + 300]) {
          await sleep(pauseMs);
          assert.deepEqual((await kinesis.send(new ListStreamsCommand({}))).StreamNames, []);
        }
      } finally {
        kinesis.destroy();
      }
    });

    test("ends an idle HTTP/2 session with GOAWAY after its idle timeout", async (t: TestContext) => {
      const session = connectHttp2(emulator.emulator.url);
      session.on("error", () => undefined);
      let goaway = false;
      session.once("goaway", () => (goaway = true));
      assert.equal(await healthStatus(session), 200);
      const closedAfterMs = await http2Closed(session, Date.now());
      t.diagnostic(`idle HTTP/2 session closed after ${closedAfterMs} ms (http2IdleTimeoutMs ${SHORT.http2IdleTimeoutMs})`);
      assert.ok(goaway, "no GOAWAY");
    });

    test("lets an HTTP/2 client send 1 MiB a stream and 4 MiB a session before any WINDOW_UPDATE", async () => {
      const session = connectHttp2(emulator.emulator.url);
      session.on("error", () => undefined);
      try {
        assert.equal(await healthStatus(session), 200);
        // RFC 9113 section 6.9.2: both windows start at 65,535 bytes, below a PutRecords of 500 records.
        assert.equal(session.remoteSettings.initialWindowSize, 1024 * 1024);
        assert.equal(session.state.remoteWindowSize, 4 * 1024 * 1024);
      } finally {
        session.destroy();
      }
    });

    test("closes an HTTP/2 stream whose body stops, and the session goes on", async () => {
      const session = connectHttp2(emulator.emulator.url);
      session.on("error", () => undefined);
      try {
        const stream = session.request({ ":method": "PUT", ":path": "/slow/h2-stalled", "content-length": "10" }, { endStream: false });
        stream.on("error", () => undefined);
        stream.write("ab");
        const began = Date.now();
        const rstCode = await new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`stream still open ${DEADLINE_MS} ms later`)), DEADLINE_MS);
          stream.once("close", () => {
            clearTimeout(timer);
            resolve(stream.rstCode ?? -1);
          });
        });
        assert.ok(Date.now() - began >= SHORT.bodyIdleTimeoutMs - 20);
        assert.equal(rstCode, 8, "RST_STREAM CANCEL");
        const health = session.request({ ":path": "/_emulator/health" });
        const status = await new Promise<number>((resolve) => health.once("response", (headers) => resolve(Number(headers[":status"]))));
        health.resume();
        assert.equal(status, 200);
      } finally {
        session.destroy();
      }
      await assert.rejects(emulator.s3.send(new HeadObjectCommand({ Bucket: "slow", Key: "h2-stalled" })), { name: "NotFound" });
    });
  });

  describe("the cap on open connections", () => {
    const MAX = 40;
    let emulator: TestEmulator;
    let port: number;
    const logged: string[] = [];

    before(async () => {
      // Long timeouts: whatever closes a socket here is the cap.
      emulator = await startTestEmulator({ connectionLimits: { maxConnections: MAX }, log: (line) => logged.push(line) });
      port = emulator.emulator.port;
    });
    after(async () => emulator.close());

    test("closes the longest-idle connections to make room, so real requests are served", async (t: TestContext) => {
      const idle: Socket[] = [];
      const closedOrder: number[] = [];
      for (let index = 0; index < MAX + 20; index += 1) {
        const socket = await openSocket(port);
        socket.once("close", () => closedOrder.push(index));
        idle.push(socket);
      }
      const began = Date.now();
      const response = await fetch(`${emulator.emulator.url}/_emulator/health`);
      assert.equal(response.status, 200);
      await response.arrayBuffer();
      const kinesis = new KinesisClient(clientConfig(emulator.emulator.url));
      const s3 = new S3Client({ ...clientConfig(emulator.emulator.url), forcePathStyle: true });
      try {
        assert.deepEqual((await kinesis.send(new ListStreamsCommand({}))).StreamNames, []);
        await s3.send(new CreateBucketCommand({ Bucket: "capped" }));
      } finally {
        kinesis.destroy();
        s3.destroy();
      }
      t.diagnostic(`with ${idle.length} idle sockets over a cap of ${MAX}: health, Kinesis (HTTP/2) and S3 answered in ${Date.now() - began} ms`);
      for (let round = 0; round < 100 && closedOrder.length < 20; round += 1) {
        await sleep(20);
      }
      assert.ok(closedOrder.length >= 20, `${closedOrder.length} idle sockets closed`);
      // The oldest went first.
      assert.deepEqual(closedOrder.slice(0, 20), Array.from({ length: 20 }, (_, index) => index));
      assert.equal(logged.filter((line) => line.includes("maxConnections")).length, 1, logged.join("\n"));
      for (const socket of idle) {
        socket.destroy();
      }
    });

    test("closes a newcomer at once when every connection is in the middle of a request", async () => {
      // The previous test's sockets, closed on our side, must be gone on the server's too.
      await sleep(300);
      const busy: Socket[] = [];
      for (let index = 0; index < MAX; index += 1) {
        const socket = await openSocket(port);
        // Headers done, body pending: a request in flight.
        socket.write(`PUT /capped/busy-${index} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nx`);
        busy.push(socket);
      }
      await sleep(200);
      const newcomer = await openSocket(port);
      const closing = await closedBy(newcomer, Date.now(), 2000);
      assert.equal(closing.received, "");
      assert.ok(busy.every((socket) => !socket.destroyed), "a busy connection was cut for the newcomer");
      for (const socket of busy) {
        socket.destroy();
      }
    });
  });

  describe("under a 1,024 file-descriptor limit (the emulator in a child process, default limits)", () => {
    let dataDir: string;
    let url: string;
    let stop: () => Promise<void>;

    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-connections-"));
      const child = spawn("sh", ["-c", `ulimit -n 1024 && exec "$0" "$1" --port 0 --data-dir "$2"`, process.execPath, CLI, dataDir], { stdio: ["ignore", "pipe", "pipe"] });
      child.stderr!.resume();
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on("line", (line) => {
          const match = /at (http:\/\/\S+)/.exec(line);
          if (match !== null) {
            resolve(match[1]!);
          }
        });
        void exited.then(() => reject(new Error("the emulator exited before listening")));
      });
      stop = async () => {
        child.kill("SIGTERM");
        await exited;
      };
    });
    after(async () => {
      await stop?.();
      await rm(dataDir, { recursive: true, force: true });
    });

    test("answers real requests while 1,124 idle sockets try to hold it", async (t: TestContext) => {
      const port = Number(new URL(url).port);
      const idle: Socket[] = [];
      let closedByServer = 0;
      try {
        for (let index = 0; index < 1124; index += 1) {
          const socket = await openSocket(port);
          socket.once("close", () => (closedByServer += 1));
          idle.push(socket);
        }
        const began = Date.now();
        const kinesis = new KinesisClient(clientConfig(url));
        const kinesisHttp1 = new KinesisClient({ ...clientConfig(url), requestHandler: new NodeHttpHandler() });
        try {
          assert.deepEqual((await kinesis.send(new ListStreamsCommand({}))).StreamNames, []);
          assert.deepEqual((await kinesisHttp1.send(new ListStreamsCommand({}))).StreamNames, []);
        } finally {
          kinesis.destroy();
          kinesisHttp1.destroy();
        }
        const answeredMs = Date.now() - began;
        t.diagnostic(`1,124 idle sockets: Kinesis over HTTP/2 and HTTP/1.1 answered in ${answeredMs} ms; ${closedByServer} idle sockets closed by the server to stay at 512`);
        assert.ok(closedByServer >= 1124 - 512, `only ${closedByServer} idle sockets closed`);
      } finally {
        for (const socket of idle) {
          socket.destroy();
        }
      }
    });
  });
});
