import { writeFile } from "node:fs/promises";
import { formatColdStartMarkdown, formatEmulatorOnlyMarkdown, runColdStartScenario, runEmulatorOnlyScenarios, runSqlScenario } from "./index";

/** What `--only` may name: one scenario run alone. */
const ONLY_SCENARIOS = ["cold", "sql"] as const;

/**
 * The emulator-only scenarios on their own: `node bench/dist/emulatorOnly/run.js [--quick] [--only cold|sql] [--runs N] [--json <file>]`.
 * Progress on stderr, the Markdown on stdout; `--only sql` (Athena's SQL against DuckDB alone, `--runs` runs of each
 * query) prints its results as JSON.
 */
async function main(argv: readonly string[]): Promise<void> {
  const jsonIndex = argv.indexOf("--json");
  const onlyIndex = argv.indexOf("--only");
  const only = onlyIndex >= 0 ? argv[onlyIndex + 1] : undefined;
  if (onlyIndex >= 0 && !ONLY_SCENARIOS.some((name) => name === only)) {
    throw new Error(`--only takes one of ${ONLY_SCENARIOS.join(", ")}, got ${only ?? "nothing"}`);
  }
  const options = { quick: argv.includes("--quick"), log: (line: string) => process.stderr.write(`${line}\n`) };
  if (only === "sql") {
    const runsIndex = argv.indexOf("--runs");
    const sql = await runSqlScenario(options, runsIndex >= 0 ? Number(argv[runsIndex + 1]) : undefined);
    process.stdout.write(`${JSON.stringify(sql, null, 2)}\n`);
    return;
  }
  const results = only === "cold" ? await runColdStartScenario(options) : await runEmulatorOnlyScenarios(options);
  if (jsonIndex >= 0 && argv[jsonIndex + 1] !== undefined) {
    await writeFile(argv[jsonIndex + 1]!, `${JSON.stringify(results, null, 2)}\n`);
  }
  process.stdout.write("coldStart" in results ? formatEmulatorOnlyMarkdown(results) : formatColdStartMarkdown(results));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
