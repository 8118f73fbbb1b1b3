import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { SUITE_ACCESS_KEY, startSuiteEmulator } from "./emulatorProcess";
import type { SuiteWorkspace } from "./suiteWorkspace";

export type TestState = "passed" | "failed" | "pending";

type ReportedState = TestState | "listed";

export interface TestResult {
  readonly file: string;
  readonly title: string;
  readonly state: TestState;
  /** The first line of the failure, for failures. */
  readonly error?: string;
  /** A before/after hook that failed: not a test, but a failure all the same. */
  readonly hook?: true;
  /**
   * An error raised after the file's last test ended (a late callback of a test that had already failed): mocha 6
   * charges it to an `"after all" hook` outside every suite. The test that raised it has its own verdict from its
   * run alone.
   */
  readonly late?: true;
}

const LATE_ERROR_TITLE = '"after all" hook';

interface ReportedLine {
  readonly title: string;
  readonly state: ReportedState;
  readonly hook?: boolean;
  readonly error?: string;
}

/** Per test: kinesalite runs with 4 s (30 s against AWS); the emulator's states change in 0.5 s. */
const TEST_TIMEOUT_MS = 20_000;
/** A whole mocha run of one file. */
const RUN_TIMEOUT_MS = 10 * 60_000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The failure's message without its stack, on one line, cut to a length a table can show. */
function firstLine(error: string | undefined): string | undefined {
  if (error === undefined) {
    return undefined;
  }
  const message = error.split(/\n\s+at /)[0]!.replace(/\s+/g, " ").trim();
  return message.length > 300 ? `${message.slice(0, 300)}...` : message;
}

/** Runs mocha on one file (or one test of it, by exact title) against the emulator; the lines the reporter wrote. */
async function runMocha(workspace: SuiteWorkspace, file: string, port: number, resultsPath: string, onlyTitle?: string): Promise<ReportedLine[]> {
  rmSync(resultsPath, { force: true });
  const args = [workspace.mocha, "--require", "should", "--exit", "-t", String(TEST_TIMEOUT_MS), "--reporter", workspace.reporter];
  if (onlyTitle !== undefined) {
    args.push("--grep", `^${escapeRegExp(onlyTitle)}$`);
  }
  args.push(join("test", "helpers.js"), join("test", file));
  await new Promise<void>((resolve) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: workspace.directory,
        timeout: RUN_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          KINESIS_PORT: String(port),
          CONFORMANCE_RESULTS: resultsPath,
          AWS_ACCESS_KEY_ID: SUITE_ACCESS_KEY.id,
          AWS_SECRET_ACCESS_KEY: SUITE_ACCESS_KEY.secret,
          AWS_REGION: "us-east-1",
        },
      },
      // mocha exits non-zero when a test fails: the reporter's lines are the result.
      () => resolve(),
    );
  });
  if (!existsSync(resultsPath)) {
    return [];
  }
  return readFileSync(resultsPath, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as ReportedLine);
}

/**
 * One test file against its own fresh emulator: the whole file first, then every failed test again alone, so a
 * failure is charged to the test that caused it (a late callback of one test can fail the next one in mocha).
 * A test's result is its run alone when it had one.
 */
export async function runTestFile(workspace: SuiteWorkspace, file: string, cliPath: string): Promise<TestResult[]> {
  const emulator = await startSuiteEmulator(cliPath);
  const resultsPath = join(workspace.directory, `${file}.results.jsonl`);
  try {
    const whole = await runMocha(workspace, file, emulator.port, resultsPath);
    const results = new Map<string, TestResult>();
    for (const line of whole) {
      if (line.state === "listed") {
        // Listed at the start: a test with no later line did not run (a crash or a failed hook stopped the file).
        results.set(line.title, { file, title: line.title, state: "failed", error: "did not run" });
        continue;
      }
      if (line.hook === true) {
        const kind = line.title === LATE_ERROR_TITLE ? { late: true as const } : { hook: true as const };
        results.set(line.title, { file, title: line.title, state: "failed", ...kind, ...(line.error === undefined ? {} : { error: firstLine(line.error)! }) });
        continue;
      }
      if (results.get(line.title)?.error === "did not run" || !results.has(line.title) || line.state === "failed") {
        results.set(line.title, { file, title: line.title, state: line.state as TestState, ...(line.error === undefined ? {} : { error: firstLine(line.error) }) });
      }
    }
    for (const result of [...results.values()]) {
      if (result.state !== "failed" || result.hook === true || result.late === true) {
        continue;
      }
      const alone = (await runMocha(workspace, file, emulator.port, resultsPath, result.title)).filter((line) => line.title === result.title);
      const verdict = alone.find((line) => line.state === "failed") ?? alone.find((line) => line.state !== "listed");
      if (verdict !== undefined) {
        results.set(result.title, { file, title: result.title, state: verdict.state as TestState, ...(verdict.error === undefined ? {} : { error: firstLine(verdict.error) }) });
      }
    }
    return [...results.values()];
  } finally {
    rmSync(resultsPath, { force: true });
    await emulator.stop();
  }
}
