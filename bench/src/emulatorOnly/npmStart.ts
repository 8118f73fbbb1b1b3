import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { REPOSITORY_ROOT } from "./emulatorProcess";
import type { NpmStartResults, NpmStartStep } from "./EmulatorOnlyResults";
import { withScratchDirectory } from "./scratchDirectory";
import { round } from "./stats";

export const NPM_START_TARGET_MS = 60_000;
const NPM_START_TIMEOUT_MS = 600_000;

interface Summary {
  readonly totalSeconds: number;
  readonly steps: readonly NpmStartStep[];
  readonly recordsProduced: number;
  readonly consistent: boolean;
}

interface Exit {
  readonly code: number | null;
  readonly output: string;
}

function runToExit(args: readonly string[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPOSITORY_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => child.kill("SIGTERM"), NPM_START_TIMEOUT_MS);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The whole exercise as `npm start` runs it (node with source maps, scripts/dist/start.js), into a temporary --out. */
export function measureNpmStart(extraFlags: readonly string[], log: (line: string) => void): Promise<Omit<NpmStartResults, "durationMs" | "loadAverage1mAtStart">> {
  return withScratchDirectory("npm-start", async (out) => {
    const args = ["--enable-source-maps", "scripts/dist/start.js", "--out", out, ...extraFlags];
    const started = performance.now();
    const exit = await runToExit(args);
    const wallMs = performance.now() - started;
    if (exit.code !== 0) {
      throw new Error(`npm start exited with ${exit.code}: ${exit.output.trim().split("\n").slice(-15).join("\n")}`);
    }
    const summary = JSON.parse(await readFile(join(out, "run", "summary.json"), "utf8")) as Summary;
    log(`npm start: ${round(wallMs / 1000, 2)} s wall, ${round(summary.totalSeconds, 2)} s by its own clock`);
    return {
      command: `node ${args.join(" ").replace(out, "<tmp>")}`,
      exitCode: exit.code,
      wallMs: round(wallMs),
      summaryTotalSeconds: round(summary.totalSeconds, 2),
      steps: summary.steps.map((step) => ({ step: step.step, seconds: round(step.seconds, 2) })),
      recordsProduced: summary.recordsProduced,
      consistent: summary.consistent,
      targetMs: NPM_START_TARGET_MS,
      met: wallMs <= NPM_START_TARGET_MS,
    };
  });
}
