import { writeFile } from "node:fs/promises";
import { formatEmulatorOnlyMarkdown, runEmulatorOnlyScenarios } from "./index";

/**
 * The emulator-only scenarios on their own: `node bench/dist/emulatorOnly/run.js [--quick] [--json <file>]`.
 * Progress on stderr, the Markdown on stdout.
 */
async function main(argv: readonly string[]): Promise<void> {
  const jsonIndex = argv.indexOf("--json");
  const results = await runEmulatorOnlyScenarios({ quick: argv.includes("--quick"), log: (line) => process.stderr.write(`${line}\n`) });
  if (jsonIndex >= 0 && argv[jsonIndex + 1] !== undefined) {
    await writeFile(argv[jsonIndex + 1]!, `${JSON.stringify(results, null, 2)}\n`);
  }
  process.stdout.write(formatEmulatorOnlyMarkdown(results));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
