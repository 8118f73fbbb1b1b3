import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  formatProfileTable,
  gpuLogToDataFrame,
  METRICS,
  originalProfile,
  profileGpuLog,
  quantileOfSorted,
  readProfile,
  readProfileOrOriginal,
  writeProfile,
  type GpuLog,
  type GpuSample,
} from "@gpu-stream/shared";

/** Ten samples one second apart; energia is 1..10 W, the others follow from it. */
const samples: GpuSample[] = Array.from({ length: 10 }, (_, index) => ({
  timeUs: Date.UTC(2026, 10, 28, 12, 0, index) * 1000,
  gpuId: "0",
  values: { energia: index + 1, Frequencia: 100 * (index + 1), temperatura: 30, Uso: 10 - index, usoVRAM: 1000 + (index % 2) },
}));
const log: GpuLog = {
  format: "gpu-z",
  columns: { energia: "Board Power Draw [W]", Frequencia: "GPU Clock [MHz]", temperatura: "GPU Temperature [°C]", Uso: "GPU Load [%]", usoVRAM: "Memory Used [MB]" },
  samples,
  skippedRows: 0,
};

describe("profiling a GPU log", () => {
  test("describes each metric as pandas would (sample std, linear quantiles)", async () => {
    const profile = await profileGpuLog(log, "ten.txt");
    const energia = profile.metrics.energia;
    assert.equal(energia.count, 10);
    assert.equal(energia.min, 1);
    assert.equal(energia.max, 10);
    assert.equal(energia.mean, 5.5);
    assert.ok(Math.abs(energia.std - 3.0276503540974917) < 1e-12);
    assert.ok(Math.abs(energia.p5 - 1.45) < 1e-12);
    assert.equal(energia.p50, 5.5);
    assert.ok(Math.abs(energia.p95 - 9.55) < 1e-12);
    assert.equal(energia.unit, "W");
    assert.equal(profile.metrics.temperatura.std, 0);
    assert.equal(profile.metrics.Frequencia.max, 1000);
    assert.equal(profile.sampleIntervalSeconds, 1);
    assert.equal(profile.source, "ten.txt");
  });

  test("refuses a log with fewer than two samples", async () => {
    await assert.rejects(profileGpuLog({ ...log, samples: samples.slice(0, 1) }, "one.txt"), /one.txt: a profile needs at least 2 samples/);
  });

  test("gives notebooks a DataFrame with a timestamp, the GPU and one column per metric", async () => {
    const frame = await gpuLogToDataFrame(log);
    assert.deepEqual(frame.columns, ["timestamp", "gpu", ...METRICS]);
    assert.deepEqual(frame.shape, [10, 7]);
    assert.equal(frame["timestamp"].values[0], "2026-11-28 12:00:00.000000");
  });

  test("prints a table with a row per metric", async () => {
    const table = formatProfileTable(await profileGpuLog(log, "ten.txt")).split("\n");
    assert.equal(table.length, 2 + METRICS.length);
    assert.match(table[0]!, /^metric\s+unit\s+count\s+min\s+max\s+mean\s+std\s+p5\s+p50\s+p95$/);
    assert.match(table[2]!, /^energia\s+W\s+10\s+1\.00\s+10\.00\s+5\.50\s+3\.03\s+1\.45\s+5\.50\s+9\.55$/);
  });
});

describe("quantiles", () => {
  test("interpolate between neighbours and are NaN for no values", () => {
    assert.equal(quantileOfSorted([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantileOfSorted([7], 0.95), 7);
    assert.ok(Number.isNaN(quantileOfSorted([], 0.5)));
  });
});

describe("the generator profile file", () => {
  test("is written and read back unchanged", async () => {
    const directory = await mkdtemp(join(tmpdir(), "gpu-stream-profile-"));
    const path = join(directory, "nested", "generator-profile.json");
    const profile = await profileGpuLog(log, "ten.txt");
    await writeProfile(path, profile);
    assert.deepEqual(await readProfile(path), profile);
  });

  test("falls back to the original exercise's ranges when missing", async () => {
    const profile = await readProfileOrOriginal(join(tmpdir(), "no-such-dir-gpu-stream", "profile.json"));
    assert.deepEqual(profile, originalProfile());
    assert.deepEqual([profile.metrics.energia.min, profile.metrics.energia.max], [16.0, 37.6]);
    assert.deepEqual([profile.metrics.Frequencia.min, profile.metrics.Frequencia.max], [427, 1777]);
    assert.deepEqual([profile.metrics.temperatura.min, profile.metrics.temperatura.max], [30, 43]);
    assert.deepEqual([profile.metrics.Uso.min, profile.metrics.Uso.max], [6, 61]);
    assert.deepEqual([profile.metrics.usoVRAM.min, profile.metrics.usoVRAM.max], [1054, 1142]);
  });

  test("is refused with a clear message when broken", async () => {
    const directory = await mkdtemp(join(tmpdir(), "gpu-stream-profile-"));
    const path = join(directory, "broken.json");
    await writeFile(path, "{ not json");
    await assert.rejects(readProfileOrOriginal(path), /broken.json is not JSON/);
    const { Uso: _, ...withoutUso } = originalProfile().metrics;
    await writeFile(path, JSON.stringify({ ...originalProfile(), metrics: withoutUso }));
    await assert.rejects(readProfile(path), /has no statistics for metric 'Uso'/);
    await writeFile(path, JSON.stringify({ ...originalProfile(), metrics: { ...originalProfile().metrics, Uso: { ...originalProfile().metrics.Uso, min: 90 } } }));
    await assert.rejects(readProfile(path), /Uso.min \(90\) is greater than its max \(61\)/);
  });
});
