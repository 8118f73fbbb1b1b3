import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { REPO_ROOT } from "../support/repoRoot";

// The emulator's layers depend downward only (issue 17): protocol/ (wire formats) <- server/ (the door) <- services/,
// with start.ts wiring them; and the emulator is a package of its own, importing nothing of the course.

const EMULATOR = dirname(require.resolve("@gpu-stream/emulator/package.json"));
const SOURCE = join(EMULATOR, "src");

/** Packages of the course (or too heavy for it) that the emulator must never import. */
const FORBIDDEN_PACKAGES = [/^@gpu-stream\//, /^danfojs/, /^tslab/, /^plotly/];

interface Import {
  /** Relative to emulator/src, with forward slashes. */
  readonly file: string;
  readonly specifier: string;
  /** Erased at compile time (`import type`, `export type`). */
  readonly typeOnly: boolean;
  /** The imported .ts file relative to emulator/src (`../x` when outside), for relative specifiers. */
  readonly target?: string;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith(".ts") ? [path] : [];
  });
}

function slashed(path: string): string {
  return path.split(sep).join("/");
}

const IMPORT = /(?:^|[;\s])(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?["']([^"']+)["']|(?:\bimport|\brequire)\s*\(\s*["']([^"']+)["']\s*\)/g;

/** Every import, re-export, dynamic import and require of a file, its comments removed first. */
function importsOf(path: string): Import[] {
  const text = readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const file = slashed(relative(SOURCE, path));
  const found: Import[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[3] ?? match[4]!;
    const typeOnly = match[2] !== undefined;
    const target = specifier.startsWith(".") ? slashed(relative(SOURCE, resolve(dirname(path), specifier))) : undefined;
    found.push({ file, specifier, typeOnly, ...(target === undefined ? {} : { target }) });
  }
  return found;
}

const IMPORTS = sourceFiles(SOURCE).flatMap(importsOf);

function violations(rule: (item: Import) => boolean): string[] {
  return IMPORTS.filter(rule).map((item) => `${item.file} imports "${item.specifier}"`);
}

const inside = (item: Import, folder: string): boolean => item.file.startsWith(`${folder}/`);
const reaches = (item: Import, folder: string): boolean => item.target !== undefined && (item.target === folder || item.target.startsWith(`${folder}/`));

describe("the emulator's dependency rules", () => {
  test("finds the imports it checks", () => {
    assert.ok(IMPORTS.length > 500, `only ${IMPORTS.length} imports found under ${SOURCE}`);
    assert.ok(IMPORTS.some((item) => item.file === "server/routeRequest.ts" && item.target === "protocol/AwsError"));
  });

  test("emulator/src imports nothing of the course (shared, cli), no danfojs, tslab or plotly, and no path outside emulator/", () => {
    const outside = (item: Import): boolean => item.target !== undefined && item.target.startsWith("../") && !resolve(SOURCE, item.target).startsWith(EMULATOR + sep);
    assert.deepEqual(violations((item) => FORBIDDEN_PACKAGES.some((pattern) => pattern.test(item.specifier)) || outside(item)), []);
  });

  test("server/ imports no service", () => {
    assert.deepEqual(violations((item) => inside(item, "server") && reaches(item, "services")), []);
  });

  test("protocol/ imports neither server/ nor services/", () => {
    assert.deepEqual(violations((item) => inside(item, "protocol") && (reaches(item, "server") || reaches(item, "services"))), []);
  });

  for (const [entry, folder] of [["control/index", "control"], ["json/splitJsonValues", "json"]] as const) {
    test(`the light entry ${entry} loads only ${folder}/ at run time (no service, no DuckDB)`, () => {
      const loaded = new Set<string>();
      const pending: string[] = [entry];
      const refused: string[] = [];
      while (pending.length > 0) {
        const current = pending.pop()!;
        if (loaded.has(current)) {
          continue;
        }
        loaded.add(current);
        for (const item of IMPORTS.filter((each) => each.file === `${current}.ts` && !each.typeOnly)) {
          if (item.target === undefined) {
            if (!item.specifier.startsWith("node:")) {
              refused.push(`${item.file} imports "${item.specifier}"`);
            }
          } else if (item.target.startsWith(`${folder}/`)) {
            pending.push(item.target);
          } else {
            refused.push(`${item.file} imports "${item.specifier}"`);
          }
        }
      }
      assert.deepEqual(refused, []);
    });
  }

  test("the helper module imports the emulator only through its light entries (./control, ./json-values)", () => {
    const shared = join(REPO_ROOT, "shared", "src");
    const heavy = sourceFiles(shared).flatMap((path) =>
      [...readFileSync(path, "utf8").matchAll(/from\s+["'](@gpu-stream\/emulator(?:\/[^"']*)?)["']/g)]
        .map((match) => match[1]!)
        .filter((specifier) => specifier !== "@gpu-stream/emulator/control" && specifier !== "@gpu-stream/emulator/json-values")
        .map((specifier) => `${slashed(relative(shared, path))} imports "${specifier}"`),
    );
    assert.deepEqual(heavy, []);
    assert.ok(sourceFiles(shared).some((path) => readFileSync(path, "utf8").includes('"@gpu-stream/emulator/control"')), "no import of the control entry found: is the check still reading shared/src?");
  });
});
