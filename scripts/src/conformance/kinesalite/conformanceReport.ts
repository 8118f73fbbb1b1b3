import type { TestResult } from "./runTestFile";
import { NOT_TO_PASS_REASONS, notToPassReason, type NotToPassReason } from "./notToPass";

export interface Judged extends TestResult {
  /** Why it is not meant to pass, when the table lists it. */
  readonly reason?: NotToPassReason;
}

export function judge(results: readonly TestResult[]): Judged[] {
  return results.map((result) => {
    const reason = notToPassReason(result.file, result.title);
    return reason === undefined ? result : { ...result, reason };
  });
}

export interface Tally {
  readonly tests: number;
  readonly passed: number;
  readonly notToPass: number;
  readonly failing: number;
  readonly pending: number;
  readonly failedHooks: number;
}

/** Counts tests; a failed hook is listed with the failures but is not a test. */
export function tally(allResults: readonly Judged[]): Tally {
  const results = allResults.filter((result) => result.hook !== true && result.late !== true);
  return {
    tests: results.length,
    passed: results.filter((result) => result.state === "passed").length,
    notToPass: results.filter((result) => result.state === "failed" && result.reason !== undefined).length,
    failing: results.filter((result) => result.state === "failed" && result.reason === undefined).length,
    failedHooks: allResults.filter((result) => result.hook === true && result.reason === undefined).length,
    pending: results.filter((result) => result.state === "pending").length,
  };
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export interface ReportContext {
  readonly kinesaliteCommit: string;
  readonly emulatorCommit: string;
  readonly date: string;
}

/** docs/kinesalite-suite.md: the per-file counts, every test not meant to pass with its reason, every test failing. */
export function conformanceMarkdown(results: readonly Judged[], context: ReportContext): string {
  const files = [...new Set(results.map((result) => result.file))].sort();
  const total = tally(results);
  const lines = [
    "# kinesalite's suite against the emulator",
    "",
    "kinesalite's mocha suite (github mhart/kinesalite, test/*.js) was run by its author against production Kinesis;",
    "it is the most thorough public record of how Kinesis answers, down to error types and wording. This file is",
    "written by `npm run conformance:kinesis` (scripts/src/conformance/), which runs that suite, unchanged but for the",
    "host, port and signing region in test/helpers.js, against a fresh emulator of this checkout per test file, and",
    "runs every failed test again alone so a failure is charged to the test that caused it.",
    "",
    `Run on ${context.date}: kinesalite ${context.kinesaliteCommit}, emulator ${context.emulatorCommit}.`,
    "",
    `**${total.passed} of ${total.tests} pass**; ${total.notToPass} are not meant to pass (below, with why); ${total.failing} fail and are to fix` +
      (total.pending > 0 ? `; ${total.pending} are marked pending by kinesalite itself.` : "."),
    "",
    "| file | tests | pass | not meant to pass | failing | pending |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...files.map((file) => {
      const counts = tally(results.filter((result) => result.file === file));
      return `| ${file} | ${counts.tests} | ${counts.passed} | ${counts.notToPass} | ${counts.failing} | ${counts.pending} |`;
    }),
    `| **all** | ${total.tests} | ${total.passed} | ${total.notToPass} | ${total.failing} | ${total.pending} |`,
    "",
    "## Not meant to pass",
    "",
  ];
  for (const [reason, explanation] of Object.entries(NOT_TO_PASS_REASONS)) {
    const tests = results.filter((result) => result.reason === reason && result.state === "failed");
    if (tests.length === 0) {
      continue;
    }
    lines.push(`### ${reason} (${tests.length})`, "", explanation + ".", "");
    lines.push(...tests.map((test) => `- ${test.file}: ${test.title}`), "");
  }
  const listedButPassing = results.filter((result) => result.reason !== undefined && result.state === "passed");
  if (listedButPassing.length > 0) {
    lines.push("### Listed as not meant to pass, yet passing", "", ...listedButPassing.map((test) => `- ${test.file}: ${test.title}`), "");
  }
  const late = results.filter((result) => result.late === true);
  if (late.length > 0) {
    lines.push(
      "## Late errors",
      "",
      "Errors raised after a file's last test had ended, by a late callback of a test that had already failed; mocha",
      'charges them to an `"after all" hook`. Every failed test was also run alone, so the test that raised one has',
      "its own verdict above.",
      "",
      ...late.map((result) => `- ${result.file}: ${result.error ?? ""}`),
      "",
    );
  }
  const failing = results.filter((result) => result.state === "failed" && result.reason === undefined && result.late !== true);
  lines.push("## Failing", "");
  if (failing.length === 0) {
    lines.push("None.", "");
  } else {
    lines.push("| file | test | first line of the failure |", "| --- | --- | --- |");
    lines.push(...failing.map((test) => `| ${test.file} | ${cell(test.title)} | ${cell(test.error ?? "")} |`), "");
  }
  return lines.join("\n");
}
