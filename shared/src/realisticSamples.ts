import type { MetricStats } from "./GeneratorProfile";
import { nowUs, type GpuSample } from "./GpuSample";
import { SeededRandom } from "./SeededRandom";
import type { SyntheticSourceOptions } from "./uniformSamples";

/** What the GPU is busy with; each activity pulls the load toward its own level. */
interface Activity {
  readonly name: "idle" | "light" | "heavy";
  /** Load level as a fraction of the profiled load range. */
  readonly level: number;
  /** Mean seconds the GPU stays in it. */
  readonly meanSeconds: number;
}

const ACTIVITIES: readonly Activity[] = [
  { name: "idle", level: 0.03, meanSeconds: 90 },
  { name: "light", level: 0.35, meanSeconds: 60 },
  { name: "heavy", level: 0.9, meanSeconds: 120 },
];

const IDLE_LEVEL = ACTIVITIES[0]!.level;
const HEAVY_LEVEL = ACTIVITIES[ACTIVITIES.length - 1]!.level;

/** Seconds for the load to settle on a new level, and for the die to heat or cool (thermal mass). */
const LOAD_TIME_CONSTANT_S = 4;
const THERMAL_TIME_CONSTANT_S = 40;
/** How often, while an activity's working set is not yet allocated, the next allocation (or release) happens. */
const VRAM_MOVES_PER_SECOND = 0.1;
/** Power as a fraction of its range, at zero load and per unit of load. */
const POWER_AT_IDLE = 0.04;
const POWER_SPAN = 0.92;

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function scale(stats: MetricStats, fraction: number): number {
  return stats.min + clamp01(fraction) * (stats.max - stats.min);
}

/** A smooth step: the boost clock jumps from idle to high once the load passes a threshold. */
function boostCurve(load: number): number {
  return 1 / (1 + Math.exp(-(load - 0.12) / 0.03));
}

/**
 * A correlated model of one GPU: an activity (idle, light, heavy) drives the load; the load drives
 * power and the boost clock at once and, through the die's thermal mass, the temperature with a lag;
 * VRAM moves in allocation-sized steps toward the activity's working set. Each metric spans its profiled range.
 * Endless; the same seed and profile give the same samples.
 */
export function* realisticSamples(options: SyntheticSourceOptions): Generator<GpuSample, never> {
  const random = new SeededRandom(options.seed);
  const { energia, Frequencia, temperatura, Uso, usoVRAM } = options.profile.metrics;
  const gpuId = options.gpuId ?? "0";
  const stepMs = options.stepMs ?? 1000;
  const stepS = stepMs / 1000;
  const loadBlend = 1 - Math.exp(-stepS / LOAD_TIME_CONSTANT_S);
  const heatBlend = 1 - Math.exp(-stepS / THERMAL_TIME_CONSTANT_S);
  const vramStep = Math.max(1, (usoVRAM.max - usoVRAM.min) / 12);

  let activity = ACTIVITIES[0]!;
  let target = activity.level;
  let load = activity.level;
  let heat = POWER_AT_IDLE;
  let vramLevel = 0.5;
  let vram = scale(usoVRAM, vramLevel);
  let timeUs = options.startUs ?? nowUs();

  for (;;) {
    if (random.chance(1 - Math.exp(-stepS / activity.meanSeconds))) {
      activity = ACTIVITIES[Math.floor(random.next() * ACTIVITIES.length)]!;
      target = clamp01(activity.level + random.normal(0, 0.06));
      vramLevel = clamp01((activity.level - IDLE_LEVEL) / (HEAVY_LEVEL - IDLE_LEVEL) + random.normal(0, 0.1));
    }
    load = clamp01(load + (target - load) * loadBlend + random.normal(0, 0.04) * Math.sqrt(Math.min(stepS, 1)));
    const power = clamp01(POWER_AT_IDLE + POWER_SPAN * load + random.normal(0, 0.025));
    heat = clamp01(heat + (power - heat) * heatBlend);
    const clock = clamp01(0.9 * boostCurve(load) + 0.1 * load + random.normal(0, 0.015));

    const vramTarget = scale(usoVRAM, vramLevel);
    if (Math.abs(vramTarget - vram) >= vramStep / 2 && random.chance(Math.min(1, stepS * VRAM_MOVES_PER_SECOND))) {
      const size = vramStep * (1 + Math.floor(random.next() * 3));
      vram = vramTarget > vram ? Math.min(vramTarget, vram + size) : Math.max(vramTarget, vram - size);
    }

    yield {
      timeUs,
      gpuId,
      values: {
        energia: scale(energia, power),
        Frequencia: scale(Frequencia, clock),
        temperatura: scale(temperatura, (heat - POWER_AT_IDLE) / POWER_SPAN + random.normal(0, 0.01)),
        Uso: scale(Uso, load + random.normal(0, 0.01)),
        usoVRAM: Math.round(vram),
      },
    };
    timeUs += stepMs * 1000;
  }
}
