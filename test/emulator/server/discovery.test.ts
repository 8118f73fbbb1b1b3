import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
import { join } from "node:path";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { ensureEmulatorRunning, probeEmulator, start, stopEmulator, type RunningEmulator } from "@gpu-stream/emulator";
import { connectPipeline, connectProducer, EMULATOR_PID_FILE, readEmulatorRecord, resolveAwsTarget } from "@gpu-stream/shared";
import { startChildEmulator } from "../../support/childEmulator";
import { REPO_ROOT } from "../../support/repoRoot";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] = "true";

// Compiled to test/dist/.
const GPU_STREAM_CLI = join(REPO_ROOT, "scripts", "dist", "cli.js");

/** Runs `body` with these environment variables set (undefined: unset), then restores them. */
async function withEnv<T>(values: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const apply = (from: Record<string, string | undefined>): void => {
    for (const [name, value] of Object.entries(from)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  };
  apply(values);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

/** The record an emulator leaves in its data directory (emulator/src/pidRecord.ts), written here to stage a case. */
async function recordIn(dataDir: string, url: string, pid = process.pid): Promise<void> {
  await writeFile(join(dataDir, EMULATOR_PID_FILE), `${JSON.stringify({ pid, url, startedAt: new Date().toISOString() })}\n`);
}

describe("which emulator a checkout uses: an explicit URL, GPU_STREAM_ENDPOINT, its own recorded one, never another's", () => {
  let root: string;
  /** Another checkout's emulator: its own data directory, a pipeline of the same names. */
  let foreign: RunningEmulator;
  let foreignDir: string;
  /** This checkout's data directory, in a test of its own. */
  let ownDir: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), "gpu-stream-discovery-"));
    foreignDir = join(root, "foreign");
    ownDir = join(root, "own");
    foreign = await start({ dataDir: foreignDir, port: 0, log: () => undefined });
  });
  after(async () => {
    await foreign.close();
    await rm(root, { recursive: true, force: true });
  });

  const local = (env: Record<string, string | undefined>, localEndpoint = "") =>
    withEnv({ GPU_STREAM_ENDPOINT: undefined, GPU_STREAM_MODE: undefined, ...env }, () => connectPipeline({ mode: "local", localEndpoint }));

  test("/_emulator/health answers an instance id of the data directory, and no path", async () => {
    const body = await (await fetch(`${foreign.url}/_emulator/health`)).text();
    const health = JSON.parse(body) as { instance?: unknown };
    assert.equal(health.instance, foreign.instance);
    assert.match(foreign.instance, /^[0-9a-f]{32}$/);
    assert.ok(!body.includes(root) && !body.includes("/"), `no path in ${body}`);
  });

  test("an explicit URL is used as given, even another checkout's: the user named it", async () => {
    const session = await local({ GPU_STREAM_EMULATOR_DATA_DIR: ownDir }, foreign.url);
    try {
      assert.equal(session.emulatorUrl, foreign.url);
      assert.deepEqual((await session.clients.kinesis.send(new ListStreamsCommand({}))).StreamNames, []);
    } finally {
      session.close();
    }
  });

  test("\"\" takes GPU_STREAM_ENDPOINT when it is set", async () => {
    const session = await local({ GPU_STREAM_ENDPOINT: foreign.url, GPU_STREAM_EMULATOR_DATA_DIR: ownDir });
    try {
      assert.equal(session.emulatorUrl, foreign.url);
    } finally {
      session.close();
    }
  });

  test("\"\" with nothing recorded is an error that says to run 00_setup and how to name an endpoint", async () => {
    await assert.rejects(local({ GPU_STREAM_EMULATOR_DATA_DIR: join(root, "never-started") }), (error: Error) => {
      assert.match(error.message, /no emulator of this checkout is running \(nothing recorded in .*never-started\)/);
      assert.match(error.message, /run notebooks\/00_setup\.ipynb \(or npm run emulator\) first, or name one: ENDPOINT .*GPU_STREAM_ENDPOINT/);
      return true;
    });
  });

  test("\"\" finds the emulator its data directory records", async () => {
    const recorded = await start({ dataDir: join(root, "recorded"), port: 0, log: () => undefined });
    try {
      await recordIn(recorded.dataDir, recorded.url);
      const session = await local({ GPU_STREAM_EMULATOR_DATA_DIR: recorded.dataDir });
      try {
        assert.equal(session.emulatorUrl, recorded.url);
        assert.match(session.clients.target.description, /^this checkout's emulator at http:\/\/127\.0\.0\.1:\d+ \(data in .*recorded, region us-east-1\)$/);
      } finally {
        session.close();
      }
    } finally {
      await recorded.close();
    }
  });

  test("a record whose URL now answers as another data directory's emulator is refused, not adopted", async () => {
    const stale = join(root, "stale");
    await start({ dataDir: stale, port: 0, log: () => undefined }).then((emulator) => emulator.close());
    await recordIn(stale, foreign.url);
    assert.equal(resolveAwsTarget({ mode: "local" }, { GPU_STREAM_EMULATOR_DATA_DIR: stale }).endpoint, foreign.url, "the record alone names it");
    await assert.rejects(local({ GPU_STREAM_EMULATOR_DATA_DIR: stale }), /records it at http:\/\/127\.0\.0\.1:\d+, but an emulator serving another data directory answers there now/);
    await assert.rejects(ensureEmulatorRunning({ endpoint: foreign.url, dataDir: stale }), /answers as a gpu-stream emulator serving another data directory than .*stale: it is someone else's/);
    assert.deepEqual(await stopEmulator({ dataDir: stale, url: foreign.url }), { stopped: false }, "the record's pid is not signalled");
    assert.deepEqual(await probeEmulator(foreign.url), { kind: "emulator" });
  });

  test("connectProducer finds the same emulator connectPipeline does, and refuses the same stale record", async () => {
    const producer = (env: Record<string, string | undefined>, localEndpoint = "") =>
      withEnv({ GPU_STREAM_ENDPOINT: undefined, GPU_STREAM_MODE: undefined, ...env }, () => connectProducer({ mode: "local", localEndpoint }));
    const recorded = await start({ dataDir: join(root, "producer-recorded"), port: 0, log: () => undefined });
    try {
      await recordIn(recorded.dataDir, recorded.url);
      const cases: [Record<string, string | undefined>, string, string][] = [
        [{ GPU_STREAM_EMULATOR_DATA_DIR: recorded.dataDir }, "", recorded.url],
        [{ GPU_STREAM_ENDPOINT: foreign.url, GPU_STREAM_EMULATOR_DATA_DIR: recorded.dataDir }, "", foreign.url],
        [{ GPU_STREAM_EMULATOR_DATA_DIR: recorded.dataDir }, foreign.url, foreign.url],
      ];
      for (const [env, localEndpoint, expected] of cases) {
        const [pipeline, session] = [await local(env, localEndpoint), await producer(env, localEndpoint)];
        try {
          assert.equal(session.clients.target.endpoint, expected);
          assert.equal(session.clients.target.description, pipeline.clients.target.description);
          assert.equal(session.names.stream, pipeline.names.stream);
          assert.deepEqual((await session.clients.kinesis.send(new ListStreamsCommand({}))).StreamNames, []);
        } finally {
          pipeline.close();
          session.close();
        }
      }
    } finally {
      await recorded.close();
    }
    const stale = join(root, "producer-stale");
    await start({ dataDir: stale, port: 0, log: () => undefined }).then((emulator) => emulator.close());
    await recordIn(stale, foreign.url);
    await assert.rejects(producer({ GPU_STREAM_EMULATOR_DATA_DIR: stale }), /but an emulator serving another data directory answers there now/);
    await assert.rejects(producer({ GPU_STREAM_EMULATOR_DATA_DIR: join(root, "never-started") }), /run notebooks\/00_setup\.ipynb/);
  });

  test("stopEmulator(URL) leaves an emulator this checkout did not record alone; stopEmulator(\"\") with none recorded stops nothing", async () => {
    await withEnv({ GPU_STREAM_EMULATOR_DATA_DIR: join(root, "nothing-here") }, async () => {
      await assert.rejects(stopEmulator(foreign.url), /is not recorded in .*nothing-here: this checkout did not start it .* so it is left alone/);
      assert.deepEqual(await stopEmulator(""), { stopped: false });
    });
    assert.deepEqual(await probeEmulator(foreign.url), { kind: "emulator" });
  });

  test("ensureEmulatorRunning({ endpoint: \"\" }) starts this checkout's own on a free port when another's holds the preferred one, and stopEmulator(\"\") stops only it", async () => {
    const foreignPort = Number(new URL(foreign.url).port);
    await withEnv({ GPU_STREAM_EMULATOR_DATA_DIR: ownDir, GPU_STREAM_ENDPOINT: undefined }, async () => {
      const own = await ensureEmulatorRunning({ endpoint: "", port: foreignPort });
      try {
        assert.equal(own.started, true);
        assert.equal(own.dataDir, ownDir);
        assert.notEqual(own.url, foreign.url);
        const again = await ensureEmulatorRunning({ endpoint: "", port: foreignPort });
        assert.deepEqual([again.started, again.url, again.pid], [false, own.url, own.pid]);
        assert.equal((await ensureEmulatorRunning({ endpoint: own.url })).url, own.url, "its own URL, named, is accepted");
        const session = await connectPipeline({ mode: "local", localEndpoint: "" });
        try {
          assert.equal(session.emulatorUrl, own.url);
        } finally {
          session.close();
        }
      } finally {
        assert.deepEqual(await stopEmulator(""), { stopped: true, pid: own.pid });
      }
      assert.deepEqual(await probeEmulator(own.url), { kind: "nothing" });
    });
    assert.deepEqual(await probeEmulator(foreign.url), { kind: "emulator" });
  });

  test("GPU_STREAM_EMULATOR_PORT names the port tried first: another's emulator there is passed over, a bad value refused", async () => {
    const foreignPort = new URL(foreign.url).port;
    const envOwnDir = join(root, "env-port");
    await withEnv({ GPU_STREAM_EMULATOR_DATA_DIR: envOwnDir, GPU_STREAM_ENDPOINT: undefined, GPU_STREAM_EMULATOR_PORT: foreignPort }, async () => {
      const own = await ensureEmulatorRunning({ endpoint: "" });
      try {
        assert.equal(own.started, true);
        assert.notEqual(new URL(own.url).port, foreignPort);
      } finally {
        assert.deepEqual(await stopEmulator(""), { stopped: true, pid: own.pid });
      }
    });
    await withEnv({ GPU_STREAM_EMULATOR_DATA_DIR: join(root, "env-port-bad"), GPU_STREAM_ENDPOINT: undefined, GPU_STREAM_EMULATOR_PORT: "45xx" }, async () => {
      await assert.rejects(ensureEmulatorRunning({ endpoint: "" }), /GPU_STREAM_EMULATOR_PORT must be a port number, 1 to 65535, not '45xx'/);
    });
    assert.deepEqual(await probeEmulator(foreign.url), { kind: "emulator" });
  });

  test("npm run emulator records itself, refuses a second emulator on its data directory, and is left to Ctrl-C", async () => {
    const terminalDir = join(root, "terminal");
    const first = await startChildEmulator(terminalDir);
    try {
      assert.deepEqual(readEmulatorRecord(terminalDir)?.pid, first.pid);
      assert.equal(readEmulatorRecord(terminalDir)?.url, first.url);
      const second = await startChildEmulator(terminalDir).then(
        (child) => child.stop("SIGTERM").then(() => "started"),
        (error: Error) => error.message,
      );
      assert.match(second, new RegExp(`already serves .*terminal; two emulators must not share a data directory`));
      const session = await local({ GPU_STREAM_EMULATOR_DATA_DIR: terminalDir });
      session.close();
      assert.equal(session.emulatorUrl, first.url, "the notebooks find it");
      await assert.rejects(stopEmulator({ dataDir: terminalDir }), /was started with npm run emulator: stop it with Ctrl-C where it runs/);
      assert.deepEqual(await probeEmulator(first.url), { kind: "emulator" });
    } finally {
      await first.stop("SIGTERM");
    }
    assert.equal(readEmulatorRecord(terminalDir), undefined, "it removes its record when it stops");
  });

  test("the CLI's produce and dashboard follow the same rule, and their --help says so", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, GPU_STREAM_EMULATOR_DATA_DIR: join(root, "cli-none"), GPU_STREAM_MODE: "local" };
    delete env["GPU_STREAM_ENDPOINT"];
    for (const command of [["produce", "--count", "1", "--interval", "0"], ["dashboard", "--port", "0"]]) {
      const failed = await promisify(execFile)(process.execPath, [GPU_STREAM_CLI, ...command], { env, timeout: 60_000 }).then(
        () => "exit 0",
        (error: { stderr: string }) => error.stderr,
      );
      assert.match(failed, /no emulator of this checkout is running \(nothing recorded in .*cli-none\): run notebooks\/00_setup\.ipynb/, command[0]);
      const { stdout: help } = await promisify(execFile)(process.execPath, [GPU_STREAM_CLI, command[0]!, "--help"], { env });
      assert.match(help.replace(/\s+/g, " "), /--endpoint <url> the local emulator's URL, used as given \(default: \$GPU_STREAM_ENDPOINT, else this checkout's emulator/, command[0]);
    }
  });
});
