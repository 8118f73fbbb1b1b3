import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { REPO_ROOT } from "../support/repoRoot";

// docs/architecture.md is the page a newcomer reads first: every file and folder it names must exist, so a move
// that forgets the page fails here instead of misleading the next reader.

const PAGE = join(REPO_ROOT, "docs", "architecture.md");
const SOURCE_TREES = ["emulator/src", "shared/src", "scripts/src", "bench/src", "test", "docs", "notebooks", "sql"];

function walk(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules" || entry.name === "dist") return [];
    const path = join(directory, entry.name);
    return entry.isDirectory() ? [`${path}${sep}`, ...walk(path)] : [path];
  });
}

/** Every file and folder of the source trees, relative to the repository, with forward slashes (folders end in /). */
const KNOWN = SOURCE_TREES.flatMap((tree) => walk(join(REPO_ROOT, tree))).map((path) => relative(REPO_ROOT, path).split(sep).join("/") + (path.endsWith(sep) ? "/" : ""));

/** A path the page names in backticks: with a folder, ending in a file extension or in `/`; no placeholder. */
function namedPaths(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\s]+)`/g)].map((match) => match[1]!);
  return [...new Set(spans.filter((span) => span.includes("/") && !span.includes("<") && !span.includes("*") && /(\.(ts|md|json|sql|ipynb)|\/)$/.test(span)))];
}

/** Named from the repository's root, or from a folder the surrounding text gives (`services/kinesis/ShardLog.ts`). */
function resolves(path: string): boolean {
  return existsSync(join(REPO_ROOT, path)) || KNOWN.some((known) => known.endsWith(`/${path}`));
}

describe("docs/architecture.md", () => {
  const paths = namedPaths(readFileSync(PAGE, "utf8"));

  test("names real files, enough of them to be a map", () => {
    assert.ok(paths.length >= 60, `only ${paths.length} paths found: is the page still written with backticked paths?`);
    assert.deepEqual(paths.filter((path) => !resolves(path)), [], "paths the page names that do not exist");
  });

  test("the check refuses a path that does not exist", () => {
    assert.equal(resolves("emulator/src/services/kinesis/noSuchFile.ts"), false);
    assert.equal(resolves("services/athena/noSuchFolder/"), false);
    assert.equal(resolves("services/athena/scan/"), true);
  });
});
