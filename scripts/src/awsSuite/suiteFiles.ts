import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { FIDELITY_RUN_ENV } from "./runPrefix";

/** Where `tsc -b` puts the compiled suite (test/awsFidelity/), from scripts/dist/awsSuite. */
export const COMPILED_TESTS_DIR = resolve(__dirname, "..", "..", "..", "test", "dist", "awsFidelity");

/** The suite: the tests of AWS-facing behaviour the emulator claims, runnable against either target. */
const SUITE_FILE = /^.+\.test\.js$/;

/** The environment variable that picks the suite's target: `aws`, else the emulator. */
export const TEST_TARGET_ENV = "GPU_STREAM_TEST_TARGET";

export async function findSuiteFiles(dir = COMPILED_TESTS_DIR): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    names = [];
  }
  const files = names.filter((name) => SUITE_FILE.test(name)).sort().map((name) => join(dir, name));
  if (files.length === 0) {
    throw new Error(`no *.test.js in ${dir}: build first (npm run build)`);
  }
  return files;
}

/** Runs the suite files with `node --test` against AWS under the run's prefix; answers its exit code. */
export function runSuiteFiles(files: readonly string[], runPrefix: string, region: string): Promise<number> {
  const child = spawn(process.execPath, ["--enable-source-maps", "--test", ...files], {
    env: { ...process.env, [TEST_TARGET_ENV]: "aws", [FIDELITY_RUN_ENV]: runPrefix, AWS_REGION: region },
    stdio: "inherit",
  });
  return new Promise((resolveCode, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolveCode(code ?? (signal === null ? 1 : 128)));
  });
}
