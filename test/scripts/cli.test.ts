import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { localPipelineNames, METRICS, parseGpuLog, parseRecord, provisionPipeline, readProfile } from "@gpu-stream/shared";
import { startTestEmulator } from "../support/testEmulator";
import { REPO_ROOT } from "../support/repoRoot";

const repositoryRoot = REPO_ROOT;
const bin = join(repositoryRoot, "scripts", "bin", "gpu-stream.js");
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function gpuStream(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: repositoryRoot, env: { ...process.env, GPU_STREAM_MODE: "local" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "");
}

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("gpu-stream produce --dry-run", () => {
  test("prints ten well-formed records covering each metric", async () => {
    const { code, stdout, stderr } = await gpuStream("produce", "--dry-run");
    assert.equal(code, 0, stderr);
    const records = lines(stdout).map((line) => parseRecord(line));
    assert.equal(records.length, 10);
    assert.deepEqual([...new Set(records.map((record) => record.tipo))].sort(), [...METRICS].sort());
    assert.deepEqual(records.map((record) => record.idtemp), records.map((_, index) => String(index + 1)));
    assert.match(stderr, /dry run: records from the realistic model \(seed \d+/);
  });

  test("prints only the metrics asked for, as many as asked, from the uniform source", async () => {
    const { code, stdout } = await gpuStream("produce", "--dry-run", "--metric", "Uso", "usoVRAM", "--count", "4", "--source", "uniform", "--seed", "3");
    assert.equal(code, 0);
    const records = lines(stdout).map((line) => parseRecord(line));
    assert.deepEqual(records.map((record) => record.tipo), ["Uso", "usoVRAM", "Uso", "usoVRAM"]);
    assert.ok(records.every((record) => record.gpu === "0"));
  });

  test("replays a log", async () => {
    const { code, stdout, stderr } = await gpuStream("produce", "--dry-run", "--source", "replay", "--log", "data/sample-gpu-z-sensor-log.txt", "--speed", "1000", "--keep-timestamps", "--count", "5");
    assert.equal(code, 0, stderr);
    const records = lines(stdout).map((line) => parseRecord(line));
    assert.equal(records.length, 5);
    assert.ok(records.every((record) => record.timestamp.startsWith("2023-08-26 21:00:00")));
  });
});

describe("gpu-stream produce with bad flags", () => {
  test("refuses a batch over 500 records", async () => {
    const { code, stderr } = await gpuStream("produce", "--dry-run", "--batch", "501");
    assert.notEqual(code, 0);
    assert.match(stderr, /at most 500 records/);
  });

  test("refuses an unknown metric, listing the valid ones", async () => {
    const { code, stderr } = await gpuStream("produce", "--dry-run", "--metric", "power");
    assert.notEqual(code, 0);
    assert.match(stderr, /Unknown metric 'power': expected one of energia, Frequencia, temperatura, Uso, usoVRAM/);
  });

  test("refuses an unknown source and a negative interval", async () => {
    const source = await gpuStream("produce", "--source", "gpu");
    assert.notEqual(source.code, 0);
    assert.match(source.stderr, /Allowed choices are uniform, realistic, replay, nvidia-smi/);
    const interval = await gpuStream("produce", "--interval", "-1");
    assert.notEqual(interval.code, 0);
    assert.match(interval.stderr, /expected a number >= 0, got '-1'/);
  });

  test("asks for a log when replaying without one", async () => {
    const { code, stderr } = await gpuStream("produce", "--dry-run", "--source", "replay");
    assert.notEqual(code, 0);
    assert.match(stderr, /--source replay needs --log <path>/);
  });

  test("fails with a clear message and a non-zero exit when nothing listens at the endpoint", async () => {
    const port = await closedPort();
    const { code, stderr } = await gpuStream("produce", "--endpoint", `http://127.0.0.1:${port}`, "--count", "1", "--interval", "0");
    assert.notEqual(code, 0);
    assert.match(stderr, new RegExp(`local emulator at http://127.0.0.1:${port}`));
    assert.match(stderr, /ECONNREFUSED|connect/i);
  });
});

describe("gpu-stream profile", () => {
  test("prints the table and writes the profile", async () => {
    const out = join(await mkdtemp(join(tmpdir(), "gpu-stream-cli-")), "profile.json");
    const { code, stdout, stderr } = await gpuStream("profile", "data/sample-gpu-z-sensor-log.txt", "--out", out);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /gpu-z log, 1800 samples/);
    assert.match(stdout, /energia\s+<- Board Power Draw \[W\]/);
    assert.match(stdout, /^metric\s+unit\s+count\s+min\s+max\s+mean\s+std\s+p5\s+p50\s+p95$/m);
    for (const metric of METRICS) {
      assert.match(stdout, new RegExp(`^${metric}\\s+\\S+\\s+1800\\s`, "m"));
    }
    const profile = await readProfile(out);
    assert.equal(profile.metrics.energia.count, 1800);
    assert.equal(profile.source, "data/sample-gpu-z-sensor-log.txt");
  });

  test("names the file when it does not exist", async () => {
    const { code, stderr } = await gpuStream("profile", "no-such-log.txt");
    assert.notEqual(code, 0);
    assert.match(stderr, /no-such-log.txt/);
  });

  test("asks for the log when none is given", async () => {
    const { code, stderr } = await gpuStream("profile");
    assert.notEqual(code, 0);
    assert.match(stderr, /missing required argument 'log'/);
  });
});

describe("gpu-stream sample-log", () => {
  test("writes a GPU-Z log that parses back with the samples asked for", async () => {
    const out = join(await mkdtemp(join(tmpdir(), "gpu-stream-cli-")), "sample.txt");
    const { code, stdout } = await gpuStream("sample-log", "--out", out, "--samples", "12", "--seed", "4");
    assert.equal(code, 0);
    assert.match(stdout, /12 synthetic samples/);
    assert.equal(parseGpuLog(await readFile(out, "utf8")).samples.length, 12);
  });
});

describe("gpu-stream teardown", () => {
  test("deletes what set-up made on the emulator it is pointed at, and skips it all the second time", async () => {
    const emulator = await startTestEmulator();
    try {
      await provisionPipeline(emulator.clients, localPipelineNames());
      const first = await gpuStream("teardown", "--endpoint", emulator.emulator.url);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /deleted Kinesis data stream gpucontrole/);
      assert.match(first.stdout, /deleted S3 bucket gpu-stream-telemetry/);
      assert.deepEqual((await emulator.kinesis.send(new ListStreamsCommand({}))).StreamNames ?? [], []);
      const second = await gpuStream("teardown", "--endpoint", emulator.emulator.url);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /^0 resources deleted$/m);
    } finally {
      await emulator.close();
    }
  });
});
