import { join } from "node:path";
import { ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { createAwsClients } from "@gpu-stream/shared";
import { readProcessMemory } from "../proc/procfs";
import type { ColdStartResults } from "./EmulatorOnlyResults";
import { freePort, spawnEmulator } from "./emulatorProcess";
import { withScratchDirectory } from "./scratchDirectory";
import { median, round } from "./stats";

/**
 * Issue 18: spawn to the first answered request at or under this, on a machine without a sandbox's CA bundle
 * (NODE_EXTRA_CA_CERTS): judged on the runs without it when it is set, on the runs as they are otherwise.
 */
export const COLD_START_TARGET_MS = 150;

interface ColdStart {
  readonly readyMs: number;
  readonly bannerMs: number;
  /** VmRSS once it answered, idle (nothing has loaded DuckDB yet: the first Athena query does). */
  readonly idleRssBytes: number;
}

/** One spawn into an empty data directory, to the first Kinesis ListStreams the SDK gets an answer to. */
function coldStartOnce(env: NodeJS.ProcessEnv): Promise<ColdStart> {
  return withScratchDirectory("cold", async (directory) => {
    const port = await freePort();
    // Made before the spawn: building a client is the caller's cost, not the emulator's.
    const clients = createAwsClients({ mode: "local", endpoint: `http://127.0.0.1:${port}` });
    const emulator = await spawnEmulator({ dataDir: join(directory, "emulator"), port, env });
    try {
      for (;;) {
        try {
          await clients.kinesis.send(new ListStreamsCommand({}));
          break;
        } catch (error) {
          if (performance.now() - emulator.spawnedAt > 30_000) {
            throw error;
          }
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
      const readyMs = performance.now() - emulator.spawnedAt;
      return { readyMs, bannerMs: emulator.bannerAt - emulator.spawnedAt, idleRssBytes: readProcessMemory(emulator.process.pid!).rssBytes };
    } finally {
      clients.destroy();
      await emulator.stop();
    }
  });
}

async function coldStarts(runs: number, env: NodeJS.ProcessEnv, label: string, log: (line: string) => void): Promise<ColdStart[]> {
  const samples: ColdStart[] = [];
  for (let run = 0; run < runs; run++) {
    const sample = await coldStartOnce(env);
    log(`cold start${label} ${run + 1}/${runs}: ${round(sample.readyMs)} ms (banner at ${round(sample.bannerMs)} ms), idle RSS ${round(sample.idleRssBytes / 2 ** 20)} MiB`);
    samples.push(sample);
  }
  return samples;
}

/**
 * `node emulator/dist/cli.js --port <free> --data-dir <empty>` to its first answer, `runs` times after one
 * discarded run. When NODE_EXTRA_CA_CERTS is set (sandboxes and corporate proxies set it; a student's laptop
 * rarely does), node parses that bundle at every start, so the runs are repeated without it to show its share.
 * Each run also reads the emulator's VmRSS (/proc/<pid>/status) once it has answered.
 */
export async function measureColdStart(runs: number, log: (line: string) => void): Promise<Omit<ColdStartResults, "durationMs" | "loadAverage1mAtStart">> {
  const first = await coldStartOnce(process.env);
  log(`cold start: discarded first run ${round(first.readyMs)} ms`);
  const samples = await coldStarts(runs, process.env, "", log);
  const medianMs = round(median(samples.map((sample) => sample.readyMs)));
  const extraCaCerts = process.env["NODE_EXTRA_CA_CERTS"];
  let withoutExtraCaCertsSamplesMs: number[] | null = null;
  if (extraCaCerts !== undefined && extraCaCerts !== "") {
    const { NODE_EXTRA_CA_CERTS: _ignored, ...env } = process.env;
    const without = await coldStarts(runs, env, " without NODE_EXTRA_CA_CERTS", log);
    withoutExtraCaCertsSamplesMs = without.map((sample) => round(sample.readyMs));
  }
  const withoutExtraCaCertsMedianMs = withoutExtraCaCertsSamplesMs === null ? null : round(median(withoutExtraCaCertsSamplesMs));
  const judgedMs = withoutExtraCaCertsMedianMs ?? medianMs;
  return {
    runs,
    samplesMs: samples.map((sample) => round(sample.readyMs)),
    medianMs,
    bannerMedianMs: round(median(samples.map((sample) => sample.bannerMs))),
    discardedFirstRunMs: round(first.readyMs),
    idleRssBytes: samples.map((sample) => sample.idleRssBytes),
    idleRssMedianBytes: median(samples.map((sample) => sample.idleRssBytes)),
    nodeExtraCaCertsSet: withoutExtraCaCertsMedianMs !== null,
    withoutExtraCaCertsMedianMs,
    withoutExtraCaCertsSamplesMs,
    targetMs: COLD_START_TARGET_MS,
    met: judgedMs <= COLD_START_TARGET_MS,
  };
}
