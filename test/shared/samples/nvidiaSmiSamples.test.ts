import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { nvidiaSmiSamples, type GpuSample } from "@gpu-stream/shared";

const LINE_GPU0 = "2026/11/28 07:20:48.123, 0, 35.12, 1410, 45, 12, 1024";
const LINE_GPU1 = "2026/11/28 07:20:48.125, 1, 250.00, 1900, 70, 99, 20000";

/** A fake nvidia-smi: a shell script that records its arguments and pid next to itself, then runs `body`. */
async function fakeNvidiaSmi(body: string): Promise<{ command: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), "fake-nvidia-smi-"));
  const command = join(dir, "nvidia-smi");
  await writeFile(command, `#!/bin/sh\necho "$@" > "${dir}/args"\necho $$ > "${dir}/pid"\n${body}\n`, { mode: 0o755 });
  return { command, dir };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Asserts that the fake nvidia-smi in `dir` ends within two seconds; kills it if not, so a failing test does not hang. */
async function assertStopped(dir: string): Promise<void> {
  const pid = Number(await readFile(join(dir, "pid"), "utf8"));
  for (const started = Date.now(); isRunning(pid) && Date.now() - started < 2000; ) {
    await sleep(20);
  }
  if (isRunning(pid)) {
    process.kill(pid, "SIGKILL");
    assert.fail(`nvidia-smi (pid ${pid}) was still running`);
  }
}

async function collect(source: AsyncIterable<GpuSample>): Promise<GpuSample[]> {
  const samples: GpuSample[] = [];
  for await (const sample of source) {
    samples.push(sample);
  }
  return samples;
}

const localUs = (second: number, ms: number): number => new Date(2026, 10, 28, 7, 20, second, ms).getTime() * 1000;

describe("nvidiaSmiSamples", () => {
  test("yields one sample per GPU line nvidia-smi prints, skipping lines with [N/A]", async () => {
    const { command } = await fakeNvidiaSmi(`echo "${LINE_GPU0}"\necho "${LINE_GPU1}"\necho "2026/11/28 07:20:48.223, 0, [N/A], 1410, 45, 12, 1024"\necho`);
    const samples = await collect(nvidiaSmiSamples({ intervalMs: 100, command }));
    assert.deepEqual(samples, [
      { timeUs: localUs(48, 123), gpuId: "0", values: { energia: 35.12, Frequencia: 1410, temperatura: 45, Uso: 12, usoVRAM: 1024 } },
      { timeUs: localUs(48, 125), gpuId: "1", values: { energia: 250, Frequencia: 1900, temperatura: 70, Uso: 99, usoVRAM: 20000 } },
    ]);
  });

  test("asks nvidia-smi for the query fields without header or units, every intervalMs, of the chosen GPUs", async () => {
    const { command, dir } = await fakeNvidiaSmi("");
    await collect(nvidiaSmiSamples({ intervalMs: 250, command, gpuIds: ["0", "2"] }));
    assert.equal(
      (await readFile(join(dir, "args"), "utf8")).trim(),
      "--query-gpu=timestamp,index,power.draw,clocks.gr,temperature.gpu,utilization.gpu,memory.used --format=csv,noheader,nounits -lms 250 --id=0,2",
    );
  });

  test("runs the command the NVIDIA_SMI environment variable names when not given one", async () => {
    const { command } = await fakeNvidiaSmi(`echo "${LINE_GPU1}"`);
    const before = process.env["NVIDIA_SMI"];
    process.env["NVIDIA_SMI"] = command;
    try {
      const samples = await collect(nvidiaSmiSamples({ intervalMs: 100 }));
      assert.deepEqual(
        samples.map((sample) => sample.gpuId),
        ["1"],
      );
    } finally {
      if (before === undefined) {
        delete process.env["NVIDIA_SMI"];
      } else {
        process.env["NVIDIA_SMI"] = before;
      }
    }
  });

  test("yields each sample as nvidia-smi prints it, not when nvidia-smi ends", async () => {
    const { command, dir } = await fakeNvidiaSmi(`echo "${LINE_GPU0}"\nexec sleep 30`);
    const started = Date.now();
    for await (const sample of nvidiaSmiSamples({ intervalMs: 1000, command })) {
      assert.equal(sample.gpuId, "0");
      break;
    }
    assert.ok(Date.now() - started < 5000, `the first sample took ${Date.now() - started} ms`);
    await assertStopped(dir);
  });

  test("stops nvidia-smi when the consumer stops iterating", async () => {
    const { command, dir } = await fakeNvidiaSmi(`trap "" PIPE\nwhile :; do echo "${LINE_GPU0}"; sleep 0.05; done`);
    let count = 0;
    for await (const _sample of nvidiaSmiSamples({ intervalMs: 50, command })) {
      count += 1;
      if (count === 3) {
        break;
      }
    }
    await assertStopped(dir);
  });

  test("stops nvidia-smi and ends the samples when the signal aborts", async () => {
    const { command, dir } = await fakeNvidiaSmi(`echo "${LINE_GPU0}"\nexec sleep 30`);
    const controller = new AbortController();
    const samples: GpuSample[] = [];
    let abortedAt = 0;
    for await (const sample of nvidiaSmiSamples({ intervalMs: 1000, command, signal: controller.signal })) {
      samples.push(sample);
      setTimeout(() => {
        abortedAt = Date.now();
        controller.abort();
      }, 100);
    }
    assert.equal(samples.length, 1);
    assert.ok(Date.now() - abortedAt < 1000, `the samples ended ${Date.now() - abortedAt} ms after the abort`);
    await assertStopped(dir);
  });

  test("yields nothing and starts nothing when the signal has already aborted", async () => {
    const { command, dir } = await fakeNvidiaSmi(`echo "${LINE_GPU0}"`);
    assert.deepEqual(await collect(nvidiaSmiSamples({ intervalMs: 100, command, signal: AbortSignal.abort() })), []);
    await assert.rejects(readFile(join(dir, "args")), { code: "ENOENT" });
  });

  test("fails with nvidia-smi's message and exit code when it cannot reach the driver", async () => {
    const message = "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.";
    const { command } = await fakeNvidiaSmi(`echo "${message}"\necho\nexit 9`);
    await assert.rejects(collect(nvidiaSmiSamples({ intervalMs: 100, command })), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /exit code 9/);
      assert.ok(error.message.includes(message), error.message);
      return true;
    });
  });

  test("fails with what nvidia-smi wrote to stderr, after the samples it printed", async () => {
    const { command } = await fakeNvidiaSmi(`echo "${LINE_GPU0}"\necho "Unable to determine the device handle for GPU0000:01:00.0: Unknown Error" >&2\nexit 15`);
    const samples: GpuSample[] = [];
    await assert.rejects(
      (async () => {
        for await (const sample of nvidiaSmiSamples({ intervalMs: 100, command })) {
          samples.push(sample);
        }
      })(),
      /exit code 15\): Unable to determine the device handle/,
    );
    assert.equal(samples.length, 1);
  });

  test("fails, and stops nvidia-smi, when it prints something other than samples and goes on", async () => {
    const { command, dir } = await fakeNvidiaSmi(`echo "No devices were found"\nexec sleep 30`);
    await assert.rejects(collect(nvidiaSmiSamples({ intervalMs: 100, command })), /printed something other than samples.*: No devices were found/);
    await assertStopped(dir);
  });

  test("fails clearly when nvidia-smi is not installed, suggesting the realistic source", async () => {
    const command = join(tmpdir(), "no-such-dir-gpu-stream", "nvidia-smi");
    await assert.rejects(collect(nvidiaSmiSamples({ intervalMs: 100, command })), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.ok(error.message.includes(command), error.message);
      assert.match(error.message, /not found: no NVIDIA GPU driver/);
      assert.match(error.message, /'realistic' source/);
      return true;
    });
  });

  test("rejects a sampling interval under 1 ms", async () => {
    await assert.rejects(collect(nvidiaSmiSamples({ intervalMs: 0, command: "unused" })), RangeError);
    await assert.rejects(collect(nvidiaSmiSamples({ intervalMs: Number.NaN, command: "unused" })), /at least 1 ms/);
  });
});
