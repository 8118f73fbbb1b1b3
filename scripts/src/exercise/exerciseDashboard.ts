import { openDashboard, type OpenDashboard } from "../dashboard";
import type { ExerciseOptions } from "./exerciseOptions";
import type { ExerciseTarget } from "./exerciseTarget";

/**
 * The live dashboard for the run's target (the run's emulator, or AWS with the same credentials), with clients
 * of its own that may only read. A dashboard that cannot start is said and skipped: the run goes on without it.
 */
export async function startExerciseDashboard(target: ExerciseTarget, options: ExerciseOptions, say: (line: string) => void): Promise<OpenDashboard | undefined> {
  if (options.dashboardPort === undefined) {
    return undefined;
  }
  try {
    const dashboard = await openDashboard({
      ...(target.emulatorUrl === undefined
        ? { mode: "aws", ...(options.region === undefined ? {} : { region: options.region }), ...(options.profile === undefined ? {} : { profile: options.profile }) }
        : { mode: "local", localEndpoint: target.emulatorUrl }),
      port: options.dashboardPort,
      filesDir: options.outputDir,
    });
    const notes = [
      ...(dashboard.fellBack ? [`port ${options.dashboardPort} is taken, so another`] : []),
      "open it to watch the run live",
      ...(options.keepDashboard ? ["it stays open after the run until Ctrl-C"] : ["it closes with the run: --keep-dashboard keeps it open"]),
    ];
    say(`      Dashboard: ${dashboard.url}  (${notes.join("; ")})`);
    return dashboard;
  } catch (error) {
    say(`      no dashboard: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Resolves on Ctrl-C (SIGINT) or SIGTERM. */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off("SIGINT", done);
      process.off("SIGTERM", done);
      resolve();
    };
    process.on("SIGINT", done);
    process.on("SIGTERM", done);
  });
}
