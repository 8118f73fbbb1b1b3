import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  METRICS,
  createSampleSource,
  originalProfile,
  realisticSamples,
  replaySamples,
  uniformSamples,
  type GeneratorProfile,
  type GpuLog,
  type GpuSample,
  type Metric,
  type MetricStats,
} from "@gpu-stream/shared";
import { correlation, mean } from "../../support/statistics";

function take(source: Iterator<GpuSample>, count: number): GpuSample[] {
  return Array.from({ length: count }, () => source.next().value as GpuSample);
}

function series(samples: readonly GpuSample[], metric: Metric): number[] {
  return samples.map((sample) => sample.values[metric]);
}

const profile = originalProfile();
const START_US = Date.UTC(2026, 10, 28) * 1000;

describe("the uniform source", () => {
  test("gives the same samples for the same seed and different ones for another", () => {
    const first = take(uniformSamples({ profile, seed: 7, startUs: START_US }), 50);
    assert.deepEqual(take(uniformSamples({ profile, seed: 7, startUs: START_US }), 50), first);
    assert.notDeepEqual(take(uniformSamples({ profile, seed: 8, startUs: START_US }), 50), first);
  });

  test("stays in each metric's range and spreads over it evenly", () => {
    const samples = take(uniformSamples({ profile, seed: 1, startUs: START_US }), 5000);
    for (const metric of METRICS) {
      const { min, max } = profile.metrics[metric];
      const values = series(samples, metric);
      assert.ok(values.every((value) => value >= min && value <= max), `${metric} out of [${min}, ${max}]`);
      const span = max - min;
      assert.ok(Math.abs(mean(values) - (min + span / 2)) < 0.03 * span, `${metric} mean ${mean(values)} is not near the midpoint`);
      assert.ok(Math.min(...values) < min + 0.01 * span && Math.max(...values) > max - 0.01 * span, `${metric} does not reach its range's ends`);
    }
  });

  test("steps its timestamps by the model step", () => {
    const samples = take(uniformSamples({ profile, seed: 1, startUs: START_US, stepMs: 10_000 }), 3);
    assert.deepEqual(samples.map((sample) => sample.timeUs - START_US), [0, 10_000_000, 20_000_000]);
    assert.ok(samples.every((sample) => sample.gpuId === "0"));
  });
});

describe("the realistic source", () => {
  const hour = take(realisticSamples({ profile, seed: 20230826, startUs: START_US }), 3600);

  test("is deterministic for a seed", () => {
    assert.deepEqual(take(realisticSamples({ profile, seed: 20230826, startUs: START_US }), 3600), hour);
    assert.notDeepEqual(take(realisticSamples({ profile, seed: 3, startUs: START_US }), 3600), hour);
  });

  test("keeps every metric in its profiled range and uses most of it", () => {
    for (const metric of METRICS) {
      const { min, max } = profile.metrics[metric];
      const values = series(hour, metric);
      assert.ok(values.every((value) => value >= min && value <= max), `${metric} out of [${min}, ${max}]`);
      assert.ok(Math.max(...values) - Math.min(...values) > 0.8 * (max - min), `${metric} spans too little of its range`);
    }
  });

  test("lets load drive power and the boost clock", () => {
    assert.ok(correlation(series(hour, "Uso"), series(hour, "energia")) > 0.9);
    assert.ok(correlation(series(hour, "Uso"), series(hour, "Frequencia")) > 0.6);
  });

  test("heats with a lag: temperature follows power from half a minute before better than power now", () => {
    const power = series(hour, "energia");
    const temperature = series(hour, "temperatura");
    const lag = 30;
    const lagged = correlation(power.slice(0, -lag), temperature.slice(lag));
    const immediate = correlation(power, temperature);
    assert.ok(lagged > immediate, `lagged ${lagged} <= immediate ${immediate}`);
    assert.ok(lagged > 0.8);
  });

  test("is smooth where a GPU is smooth: temperature moves little from one second to the next", () => {
    const temperature = series(hour, "temperatura");
    const steps = temperature.slice(1).map((value, index) => Math.abs(value - temperature[index]!));
    const span = profile.metrics.temperatura.max - profile.metrics.temperatura.min;
    assert.ok(mean(steps) < 0.03 * span, `mean step ${mean(steps)} is noise, not a GPU`);
  });

  test("moves VRAM in allocation-sized steps and holds it in between", () => {
    const vram = series(hour, "usoVRAM");
    const changes = vram.slice(1).map((value, index) => value - vram[index]!).filter((change) => change !== 0);
    assert.ok(changes.length > 5 && changes.length < vram.length / 10, `${changes.length} changes`);
    assert.ok(vram.every(Number.isInteger));
  });

  test("follows another profile's ranges", () => {
    const scaled = (stats: MetricStats): MetricStats => ({ ...stats, min: stats.min * 10, max: stats.max * 10 });
    const other: GeneratorProfile = {
      ...profile,
      metrics: Object.fromEntries(METRICS.map((metric) => [metric, scaled(profile.metrics[metric])])) as GeneratorProfile["metrics"],
    };
    const samples = take(realisticSamples({ profile: other, seed: 1, startUs: START_US }), 600);
    assert.ok(series(samples, "energia").every((value) => value >= 160 && value <= 376));
  });
});

describe("the realistic source over a planned run (runSamples)", () => {
  const CLASS_RUN = { samples: 12, stepMs: 2000 };
  const SEEDS = [20230826, 1, 2, 3, 42, 12345];

  async function classRun(seed: number): Promise<GpuSample[]> {
    const source = await createSampleSource({ kind: "realistic", profile, seed, stepMs: CLASS_RUN.stepMs, runSamples: CLASS_RUN.samples });
    const samples: GpuSample[] = [];
    for await (const sample of source) {
      samples.push(sample);
      if (samples.length === CLASS_RUN.samples) {
        break;
      }
    }
    return samples;
  }

  test("a short class run (12 samples, 2 s apart) crosses at least half of each metric's range and stays inside it", async () => {
    for (const seed of SEEDS) {
      const samples = await classRun(seed);
      for (const metric of METRICS) {
        const { min, max } = profile.metrics[metric];
        const values = series(samples, metric);
        assert.ok(values.every((value) => value >= min && value <= max), `seed ${seed}: ${metric} out of [${min}, ${max}]`);
        const covered = (Math.max(...values) - Math.min(...values)) / (max - min);
        assert.ok(covered >= 0.5, `seed ${seed}: ${metric} covers ${(covered * 100).toFixed(0)} % of its range: ${values.join(", ")}`);
      }
    }
  });

  test("five producers with the same seed read one GPU: the same timeline, its metrics moving together", async () => {
    const producers = await Promise.all(METRICS.map(() => classRun(20230826)));
    const timeline = (samples: readonly GpuSample[]) => samples.map((sample) => sample.values);
    for (const samples of producers.slice(1)) {
      assert.deepEqual(timeline(samples), timeline(producers[0]!));
    }
    const gpu = producers[0]!;
    assert.ok(correlation(series(gpu, "Uso"), series(gpu, "energia")) > 0.9);
    assert.notDeepEqual(timeline(await classRun(1)), timeline(gpu), "another seed is another GPU");
  });

  test("starts idle and cools down at the end, as a session does", async () => {
    const temperature = series(await classRun(20230826), "temperatura");
    const hottest = Math.max(...temperature);
    assert.ok(temperature[0]! < hottest && temperature.at(-1)! < hottest);
    assert.ok(temperature.indexOf(hottest) > 0 && temperature.indexOf(hottest) < temperature.length - 1);
  });

  test("a run as long as a session plays it in real time: the timestamps and the model keep the step", () => {
    const planned = take(realisticSamples({ profile, seed: 5, startUs: START_US, stepMs: 1000, runSamples: 3600 }), 3600);
    assert.deepEqual(planned.slice(0, 3).map((sample) => sample.timeUs - START_US), [0, 1_000_000, 2_000_000]);
    const temperature = series(planned, "temperatura");
    const steps = temperature.slice(1).map((value, index) => Math.abs(value - temperature[index]!));
    const span = profile.metrics.temperatura.max - profile.metrics.temperatura.min;
    assert.ok(mean(steps) < 0.03 * span, `mean step ${mean(steps)} is noise, not a GPU`);
  });

  test("refuses a run length that is not a positive whole number", () => {
    assert.throws(() => realisticSamples({ profile, seed: 1, runSamples: 0 }).next(), /runSamples must be a positive whole number/);
    assert.throws(() => realisticSamples({ profile, seed: 1, runSamples: 2.5 }).next(), /runSamples must be a positive whole number/);
  });
});

describe("the replay source", () => {
  const log: GpuLog = {
    format: "gpu-z",
    columns: { energia: "Board Power Draw [W]", Frequencia: "GPU Clock [MHz]", temperatura: "GPU Temperature [°C]", Uso: "GPU Load [%]", usoVRAM: "Memory Used [MB]" },
    samples: take(realisticSamples({ profile, seed: 5, startUs: START_US, stepMs: 1000 }), 4),
    skippedRows: 0,
  };

  async function collect(source: AsyncIterable<GpuSample>): Promise<GpuSample[]> {
    const samples: GpuSample[] = [];
    for await (const sample of source) {
      samples.push(sample);
    }
    return samples;
  }

  test("gives the log's samples in order and ends with it", async () => {
    assert.deepEqual(await collect(replaySamples(log, { speed: Infinity })), log.samples);
  });

  test("loops with timestamps that keep moving forward", async () => {
    const samples: GpuSample[] = [];
    for await (const sample of replaySamples(log, { speed: Infinity, loop: true })) {
      samples.push(sample);
      if (samples.length === 10) {
        break;
      }
    }
    const times = samples.map((sample) => sample.timeUs);
    assert.deepEqual(times, times.map((_, index) => START_US + index * 1_000_000));
    assert.deepEqual(samples[4]!.values, log.samples[0]!.values);
  });

  test("stops when aborted during a wait", async () => {
    const stop = new AbortController();
    const samples: GpuSample[] = [];
    for await (const sample of replaySamples(log, { speed: 1, signal: stop.signal })) {
      samples.push(sample);
      stop.abort();
    }
    assert.equal(samples.length, 1);
  });

  test("refuses a speed that is not positive", async () => {
    await assert.rejects(collect(replaySamples(log, { speed: 0 })), /replay speed must be greater than 0/);
  });
});
