import type { MetricStats } from "./GeneratorProfile";
import { nowUs, type GpuSample } from "../gpuLog/GpuSample";
import { SeededRandom } from "./SeededRandom";
import type { SyntheticSourceOptions } from "./uniformSamples";

export interface RealisticSourceOptions extends SyntheticSourceOptions {
  /**
   * How many samples the run will take. Given, the model plays one GPU session over them (idle, heavy, light,
   * heavy, cool-down; proportions drawn from the seed) and, when the run is shorter than ten minutes of GPU
   * time, advances the GPU by more than `stepMs` per sample, so a short class run still crosses the profiled
   * ranges. Left out, the GPU runs in real time from idle with randomly drawn activities.
   */
  readonly runSamples?: number;
}

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

const IDLE = ACTIVITIES[0]!;
const LIGHT = ACTIVITIES[1]!;
const HEAVY = ACTIVITIES[2]!;
const IDLE_LEVEL = IDLE.level;
const HEAVY_LEVEL = HEAVY.level;

/** GPU time a planned run covers at least: ten minutes, long enough to heat up under load and cool down again. */
const SESSION_GPU_S = 600;
/** A planned session's activities and their typical shares of the run; each share varies by up to a quarter per seed. */
const SESSION: readonly { readonly activity: Activity; readonly share: number }[] = [
  { activity: IDLE, share: 0.15 },
  { activity: HEAVY, share: 0.3 },
  { activity: LIGHT, share: 0.15 },
  { activity: HEAVY, share: 0.25 },
  { activity: IDLE, share: 0.15 },
];

interface PlannedActivity {
  readonly activity: Activity;
  /** GPU seconds from the start of the run at which it ends. */
  readonly untilS: number;
}

/** The session's activities over `totalS` GPU seconds, with shares jittered by the seed. */
function planSession(random: SeededRandom, totalS: number): PlannedActivity[] {
  const weights = SESSION.map(({ share }) => share * (0.75 + 0.5 * random.next()));
  const sum = weights.reduce((total, weight) => total + weight, 0);
  let untilS = 0;
  return SESSION.map(({ activity }, index) => {
    untilS += (weights[index]! / sum) * totalS;
    return { activity, untilS: index === SESSION.length - 1 ? Number.POSITIVE_INFINITY : untilS };
  });
}

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
 * Endless; the same seed, profile, step and `runSamples` give the same samples.
 */
export function* realisticSamples(options: RealisticSourceOptions): Generator<GpuSample, never> {
  const random = new SeededRandom(options.seed);
  const { energia, Frequencia, temperatura, Uso, usoVRAM } = options.profile.metrics;
  const gpuId = options.gpuId ?? "0";
  const stepMs = options.stepMs ?? 1000;
  const runSamples = options.runSamples;
  if (runSamples !== undefined && !(Number.isInteger(runSamples) && runSamples > 0)) {
    throw new RangeError(`runSamples must be a positive whole number of samples, not ${runSamples}`);
  }
  // GPU seconds per sample: the step itself, or more when a planned run is shorter than one session.
  const stepS = runSamples === undefined ? stepMs / 1000 : Math.max(stepMs / 1000, SESSION_GPU_S / runSamples);
  // Its own stream, so the plan does not shift the samples' random draws.
  const plan = runSamples === undefined ? undefined : planSession(new SeededRandom(options.seed ^ 0x5e55), runSamples * stepS);
  const loadBlend = 1 - Math.exp(-stepS / LOAD_TIME_CONSTANT_S);
  const heatBlend = 1 - Math.exp(-stepS / THERMAL_TIME_CONSTANT_S);
  const vramStep = Math.max(1, (usoVRAM.max - usoVRAM.min) / 12);

  let activity = ACTIVITIES[0]!;
  let target = activity.level;
  let load = activity.level;
  let heat = POWER_AT_IDLE;
  // A planned run starts idle with the idle working set allocated; an unplanned one half way.
  let vramLevel = plan === undefined ? 0.5 : 0;
  let vram = scale(usoVRAM, vramLevel);
  let timeUs = options.startUs ?? nowUs();
  let elapsedS = 0;
  let planned = 0;

  const enter = (next: Activity): void => {
    activity = next;
    target = clamp01(activity.level + random.normal(0, 0.06));
    vramLevel = clamp01((activity.level - IDLE_LEVEL) / (HEAVY_LEVEL - IDLE_LEVEL) + random.normal(0, 0.1));
  };

  if (plan !== undefined) {
    enter(plan[0]!.activity);
  }
  for (;;) {
    if (plan === undefined) {
      if (random.chance(1 - Math.exp(-stepS / activity.meanSeconds))) {
        enter(ACTIVITIES[Math.floor(random.next() * ACTIVITIES.length)]!);
      }
    } else if (elapsedS >= plan[planned]!.untilS) {
      while (elapsedS >= plan[planned]!.untilS) {
        planned += 1;
      }
      enter(plan[planned]!.activity);
    }
    load = clamp01(load + (target - load) * loadBlend + random.normal(0, 0.04) * Math.sqrt(Math.min(stepS, 1)));
    const power = clamp01(POWER_AT_IDLE + POWER_SPAN * load + random.normal(0, 0.025));
    heat = clamp01(heat + (power - heat) * heatBlend);
    const clock = clamp01(0.9 * boostCurve(load) + 0.1 * load + random.normal(0, 0.015));

    const vramTarget = scale(usoVRAM, vramLevel);
    // A long step (a compressed run) holds several allocations; a step of 10 s or less at most one, as before.
    const vramTries = Math.max(1, Math.ceil(stepS * VRAM_MOVES_PER_SECOND));
    for (let attempt = 0; attempt < vramTries; attempt += 1) {
      if (Math.abs(vramTarget - vram) >= vramStep / 2 && random.chance(Math.min(1, (stepS * VRAM_MOVES_PER_SECOND) / vramTries))) {
        const size = vramStep * (1 + Math.floor(random.next() * 3));
        vram = vramTarget > vram ? Math.min(vramTarget, vram + size) : Math.max(vramTarget, vram - size);
      }
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
    elapsedS += stepS;
  }
}
