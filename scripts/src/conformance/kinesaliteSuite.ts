import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { conformanceMarkdown, judge, tally, type Judged } from "./kinesalite/conformanceReport";
import { runTestFile, type TestResult } from "./kinesalite/runTestFile";
import { kinesaliteTree } from "./kinesalite/suiteSource";
import { prepareWorkspace } from "./kinesalite/suiteWorkspace";

const REPOSITORY_ROOT = resolve(__dirname, "..", "..", "..");
const EMULATOR_CLI = join(REPOSITORY_ROOT, "emulator", "dist", "cli.js");

interface Options {
  readonly source?: string;
  readonly cache: string;
  readonly jobs: number;
  readonly files?: readonly string[];
  readonly report: string | false;
}

function parseJobs(text: string): number {
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) {
    throw new InvalidArgumentError("a whole number from 1 to 16");
  }
  return jobs;
}

function emulatorCommit(): string {
  try {
    const commit = execFileSync("git", ["-C", REPOSITORY_ROOT, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["-C", REPOSITORY_ROOT, "status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${commit} with uncommitted changes` : commit;
  } catch {
    return "unknown";
  }
}

/** Runs `count` workers over the items, each taking the next one when it finishes its last. */
async function inParallel<Item, Result>(items: readonly Item[], count: number, work: (item: Item) => Promise<Result>): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(count, items.length) }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

async function main(options: Options): Promise<void> {
  const cache = resolve(options.cache);
  mkdirSync(cache, { recursive: true });
  const tree = kinesaliteTree(options.source === undefined ? undefined : resolve(options.source), cache);
  const workspace = prepareWorkspace(tree.directory, join(cache, "workspace"));
  const files = options.files ?? workspace.testFiles;
  const unknown = files.filter((file) => !workspace.testFiles.includes(file));
  if (unknown.length > 0) {
    throw new Error(`no such test file in kinesalite's test/: ${unknown.join(", ")} (there are ${workspace.testFiles.join(", ")})`);
  }
  const perFile = await inParallel(files, options.jobs, async (file) => {
    const results = judge(await runTestFile(workspace, file, EMULATOR_CLI));
    const counts = tally(results);
    process.stdout.write(`${file.padEnd(36)} ${String(counts.passed).padStart(3)} of ${String(counts.tests).padStart(3)} pass, ${counts.notToPass} not meant to, ${counts.failing} failing\n`);
    return results;
  });
  const results: Judged[] = perFile.flat();
  const total = tally(results);
  process.stdout.write(`\n${total.passed} of ${total.tests} pass; ${total.notToPass} not meant to pass; ${total.failing} failing\n`);
  for (const failure of results.filter((result: TestResult & Judged) => result.state === "failed" && result.reason === undefined)) {
    const label = failure.late === true ? "LATE ERROR (not a test)" : "FAIL";
    process.stdout.write(`  ${label} ${failure.file}: ${failure.title}\n       ${failure.error ?? ""}\n`);
  }
  if (options.report !== false && options.files === undefined) {
    const markdown = conformanceMarkdown(results, { kinesaliteCommit: tree.commit, emulatorCommit: emulatorCommit(), date: new Date().toISOString().slice(0, 10) });
    writeFileSync(options.report, markdown);
    process.stdout.write(`wrote ${options.report}\n`);
  }
  if (total.failing > 0 || total.failedHooks > 0) {
    process.exitCode = 1;
  }
}

new Command("conformance:kinesis")
  .description(
    "run kinesalite's AWS-verified Kinesis test suite against this checkout's emulator (a fresh one per test file) and write the results to docs/kinesalite-suite.md",
  )
  .option("--source <path>", "a kinesalite checkout or git repository holding the pinned commit (default: clone github mhart/kinesalite into the cache)")
  .option("--cache <path>", "where the suite, its test dependencies and a clone are kept", join(REPOSITORY_ROOT, ".cache", "kinesalite"))
  .option("-j, --jobs <count>", "test files run at once", parseJobs, 3)
  .option("--files <names>", "only these test files, comma-separated (no report is written)", (text: string) => text.split(",").map((name) => (name.endsWith(".js") ? name : `${name}.js`)))
  .option("--report <path>", "where to write the results", join(REPOSITORY_ROOT, "docs", "kinesalite-suite.md"))
  .option("--no-report", "write no report")
  .action((options: Options) => main(options))
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`conformance:kinesis: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
