import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { access, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ensureEmulatorRunning, probeEmulator, stopEmulator } from "@gpu-stream/emulator";
import { REPO_ROOT } from "../../support/repoRoot";

const repositoryRoot = REPO_ROOT;

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Running and not a zombie (an orphan nobody reaped has exited all the same). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat[stat.lastIndexOf(")") + 2] !== "Z";
  } catch {
    return true;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

describe("ensureEmulatorRunning and stopEmulator: the emulator as a detached process", () => {
  let dataDir: string;
  let port: number;
  let url: string;
  let pid: number;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-detached-"));
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await stopEmulator({ dataDir }).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  test("starts it from another process, which can exit while the emulator keeps running", async () => {
    // As a notebook kernel would: if the child held the starter's event loop open, this process would never exit.
    const script = `require("@gpu-stream/emulator").ensureEmulatorRunning({ port: Number(process.argv[1]), dataDir: process.argv[2] }).then((started) => console.log(JSON.stringify(started)))`;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script, String(port), dataDir], { cwd: repositoryRoot, timeout: 60_000 });
    const started = JSON.parse(stdout) as { url: string; started: boolean; pid: number; logFile: string };
    assert.equal(started.url, url);
    assert.equal(started.started, true);
    assert.equal(started.logFile, join(dataDir, "emulator.log"));
    pid = started.pid;
    assert.ok(isRunning(pid), "the emulator outlives the process that started it");
    assert.deepEqual(await probeEmulator(url), { kind: "emulator" });
    assert.match(readFileSync(started.logFile, "utf8"), /gpu-stream emulator: .* at http:\/\/127\.0\.0\.1:\d+/);
  });

  test("a second call reuses the running emulator, naming its pid", async () => {
    const again = await ensureEmulatorRunning({ port, dataDir });
    assert.deepEqual(again, { url, started: false, dataDir, pid, logFile: join(dataDir, "emulator.log") });
  });

  test("refuses a second emulator on the same data directory", async () => {
    const otherPort = await freePort();
    await assert.rejects(ensureEmulatorRunning({ port: otherPort, dataDir }), /already uses .*two emulators must not share a data directory/);
    assert.deepEqual(await probeEmulator(`http://127.0.0.1:${otherPort}`), { kind: "nothing" });
  });

  test("refuses to stop an emulator at another URL than its pid file names", async () => {
    await assert.rejects(stopEmulator({ dataDir, url: "http://127.0.0.1:1" }), /names this checkout's emulator at http:\/\/127\.0\.0\.1:\d+, not http:\/\/127\.0\.0\.1:1; the one at http:\/\/127\.0\.0\.1:1 is not this checkout's, so it is left alone/);
    assert.ok(isRunning(pid));
  });

  test("stops it: the process exits, the port is free, the pid file is gone", async () => {
    assert.deepEqual(await stopEmulator({ dataDir, url }), { stopped: true, pid });
    assert.equal(isRunning(pid), false);
    assert.deepEqual(await probeEmulator(url), { kind: "nothing" });
    assert.equal(await exists(join(dataDir, "emulator.pid")), false);
    assert.match(readFileSync(join(dataDir, "emulator.log"), "utf8"), /SIGTERM: delivering Firehose buffers/);
    assert.deepEqual(await stopEmulator({ dataDir }), { stopped: false });
  });

  test("an emulator that cannot start fails with its log's tail", async () => {
    await assert.rejects(ensureEmulatorRunning({ port: await freePort(), dataDir, extraArgs: ["--no-such-flag"], timeoutMs: 20_000 }), (error: Error) => {
      assert.match(error.message, /exited with code 1 before answering/);
      assert.match(error.message, /unknown option '--no-such-flag'/);
      return true;
    });
  });
});

describe("ensureEmulatorRunning when something else holds the port", () => {
  let server: Server;
  let port: number;
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "gpu-stream-detached-"));
    server = createServer((_request, response) => response.writeHead(404, { server: "LocalStack" }).end("not here"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  test("says so, naming the URL and what answered, and starts nothing", async () => {
    await assert.rejects(ensureEmulatorRunning({ port, dataDir }), (error: Error) => {
      assert.match(error.message, new RegExp(`http://127\\.0\\.0\\.1:${port} answers, but not as the gpu-stream emulator`));
      assert.match(error.message, /HTTP 404 \(server: LocalStack\)/);
      return true;
    });
    assert.equal(await exists(join(dataDir, "emulator.pid")), false);
  });
});
