import { loadavg } from "node:os";
import type { ScenarioFailure, ScenarioRun } from "./EmulatorOnlyResults";
import { round } from "./stats";

/** Runs one scenario with its duration and the load it started under; a scenario that throws becomes a failure, not the end of the bench. */
export async function runScenario<T extends object>(name: string, log: (line: string) => void, scenario: () => Promise<T>): Promise<(T & ScenarioRun) | ScenarioFailure> {
  const loadAverage1mAtStart = round(loadavg()[0]!, 2);
  log(`${name}: starting (load average ${loadAverage1mAtStart})`);
  const started = performance.now();
  try {
    const result = await scenario();
    return { ...result, durationMs: round(performance.now() - started), loadAverage1mAtStart };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${name}: FAILED: ${message}`);
    return { failed: true, error: message, durationMs: round(performance.now() - started) };
  }
}
