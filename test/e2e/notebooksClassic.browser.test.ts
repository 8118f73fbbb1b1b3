import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { injectParameters, parameterNames, readNotebook, writeNotebook, type ParameterOverrides } from "@gpu-stream/cli/notebooks";
import { inChromiumAt, skipWithoutChromium } from "../support/chromium";
import { figuresDrawn, findingsIn, openNotebook, reopenNotebook, runAllCells, saveNotebook, screenshotNotebook, type PageFindings } from "../support/classicNotebookPage";
import { skipWithoutClassicNotebook, startClassicNotebookServer, type ClassicNotebookServer } from "../support/classicNotebookServer";
import { startTestEmulator, type TestEmulator } from "../support/testEmulator";
import { REPO_ROOT } from "../support/repoRoot";

const ARTIFACTS = join(REPO_ROOT, "test-artifacts");
/** Each edition's folder, relative to the repository; pt-BR once it exists. */
const EDITIONS = [
  { name: "en", folder: "notebooks" },
  { name: "pt-BR", folder: join("notebooks", "pt-BR") },
].filter((edition) => existsSync(join(REPO_ROOT, edition.folder)));
/** A laptop's browser window: the Notebook's container is then 1140 px wide. */
const VIEWPORT = { width: 1280, height: 900 };
const RUN_TIMEOUT_MS = 240_000;
const OPEN_TIMEOUT_MS = 60_000;

/** Set for speed in every notebook that declares them (a student edits the parameters cell the same way). */
function fastParameters(endpoint: string): ParameterOverrides {
  return { MODE: "local", ENDPOINT: endpoint, RECORDS: 4, INTERVAL_S: 0, SIDEBAR_RECORDS: 12, SIDEBAR_OBJECTS: 3, STOP_EMULATOR: false };
}

/** The course's run order: setup, profile, the five producers, then crawler, analysis, teardown. */
function runOrder(names: readonly string[]): string[] {
  const key = (name: string): string => (name.startsWith("GPU_") ? `01~${name}` : name);
  return [...names].sort((a, b) => key(a).localeCompare(key(b), "en"));
}

function notebooksOf(folder: string): string[] {
  return runOrder(
    readdirSync(join(REPO_ROOT, folder))
      .filter((file) => file.endsWith(".ipynb"))
      .map((file) => basename(file, ".ipynb")),
  );
}

/**
 * A copy of the edition's notebooks with the parameters set, in a folder inside the checkout (so the kernels
 * resolve @gpu-stream/shared from its node_modules as the real notebooks do), beside a data/ folder holding
 * the checked-in data the notebooks read by relative path ("../data/...").
 */
async function prepareCopy(folder: string, names: readonly string[], parameters: ParameterOverrides): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const root = await mkdtemp(join(ARTIFACTS, ".classic-notebook-"));
  await mkdir(join(root, folder), { recursive: true });
  await mkdir(join(root, "data"));
  for (const entry of await readdir(join(REPO_ROOT, "data"), { withFileTypes: true })) {
    if (entry.isFile()) {
      await copyFile(join(REPO_ROOT, "data", entry.name), join(root, "data", entry.name));
    }
  }
  for (const name of names) {
    const notebook = await readNotebook(join(REPO_ROOT, folder, `${name}.ipynb`));
    const declared = parameterNames(notebook);
    const overrides = Object.fromEntries(Object.entries(parameters).filter(([parameter]) => declared.includes(parameter)));
    await writeNotebook(join(root, folder, `${name}.ipynb`), injectParameters(notebook, overrides));
  }
  return root;
}

interface NotebookVisit {
  /** Code cells each Run All left unexecuted (after an error). */
  readonly unrun: number[][];
  /** In the open page after the second Run All. */
  readonly afterRerun: PageFindings;
  /** In the page reloaded from the notebook saved after the re-run. */
  readonly reopened: PageFindings;
}

function lines(findings: readonly string[]): string {
  return findings.map((finding) => `\n  ${finding}`).join("");
}

/**
 * Each notebook of each edition in Debian's classic Notebook 6.4, in Chromium, as a student uses it: Cell > Run
 * All, then Cell > Run All again in the same page, then saved and reopened. Screenshots of each, after the
 * re-run, land in test-artifacts/notebooks/<edition>/<name>.png.
 */
// The editions run side by side: each has its own emulator, server, folder and browser, and waits mostly on its kernels.
describe("the notebooks in the classic Notebook, in Chromium", { skip: skipWithoutClassicNotebook || skipWithoutChromium, timeout: 900_000, concurrency: true }, () => {
  for (const edition of EDITIONS) {
    // In order within an edition: each notebook's checks read what the first test saw.
    describe(`edition ${edition.name}`, { concurrency: false }, () => {
      const names = notebooksOf(edition.folder);
      const visits = new Map<string, NotebookVisit>();
      const problems: string[] = [];
      let emulator: TestEmulator;
      let server: ClassicNotebookServer;
      let root: string;

      before(async () => {
        emulator = await startTestEmulator();
        root = await prepareCopy(edition.folder, names, fastParameters(emulator.emulator.url));
        server = await startClassicNotebookServer(root, join(root, ".jupyter"), {
          GPU_STREAM_ENDPOINT: emulator.emulator.url,
          GPU_STREAM_EMULATOR_DATA_DIR: emulator.dataDir,
        });
      });
      after(async () => {
        await server?.close();
        await emulator?.close();
        if (root !== undefined) {
          await rm(root, { recursive: true, force: true });
        }
      });

      test(`runs ${names.length} notebooks twice each with Cell > Run All and screenshots them`, async (t) => {
        const screenshots = join(ARTIFACTS, "notebooks", edition.name);
        await mkdir(screenshots, { recursive: true });
        problems.push(
          ...(await inChromiumAt(
            `${server.origin}/tree`,
            async (page) => {
              for (const name of names) {
                const started = Date.now();
                await openNotebook(page, server.urlOf(join(edition.folder, `${name}.ipynb`)), OPEN_TIMEOUT_MS);
                const unrun = [await runAllCells(page, RUN_TIMEOUT_MS), await runAllCells(page, RUN_TIMEOUT_MS)];
                await figuresDrawn(page, 10_000);
                const afterRerun = await findingsIn(page);
                await screenshotNotebook(page, join(screenshots, `${name}.png`));
                await saveNotebook(page);
                await reopenNotebook(page, OPEN_TIMEOUT_MS);
                await figuresDrawn(page, 10_000);
                visits.set(name, { unrun, afterRerun, reopened: await findingsIn(page) });
                t.diagnostic(`${name}: ${Math.round((Date.now() - started) / 1000)} s`);
              }
            },
            VIEWPORT,
          )),
        );
        assert.deepEqual([...visits.keys()], names);
      });

      for (const name of names) {
        const visit = (): NotebookVisit => {
          const found = visits.get(name);
          assert.ok(found !== undefined, `${name} was not reached (see the first test of edition ${edition.name})`);
          return found;
        };

        test(`${name}: every cell runs without an error, on the first run and the re-run`, () => {
          const { unrun, afterRerun } = visit();
          assert.deepEqual(afterRerun.errors, [], `errors:${lines(afterRerun.errors)}`);
          assert.deepEqual(unrun, [[], []], "code cells each Run All left unexecuted");
        });

        test(`${name}: every chart is drawn after the re-run, and when the saved notebook is reopened trusted`, () => {
          const { afterRerun, reopened } = visit();
          assert.deepEqual(afterRerun.undrawnFigures, [], `after the re-run:${lines(afterRerun.undrawnFigures)}`);
          assert.equal(reopened.trusted, true, "the notebook saved from the page reopens trusted");
          assert.equal(reopened.figures, afterRerun.figures, "the reopened notebook holds the same charts");
          assert.deepEqual(reopened.undrawnFigures, [], `reopened:${lines(reopened.undrawnFigures)}`);
        });

        test(`${name}: no output table wraps or overflows`, () => {
          const { wrappedTables } = visit().afterRerun;
          assert.deepEqual(wrappedTables, [], `tables:${lines(wrappedTables)}`);
        });

        test(`${name}: no code line is clipped`, () => {
          const { clippedCode } = visit().afterRerun;
          assert.deepEqual(clippedCode, [], `code:${lines(clippedCode)}`);
        });
      }

      test("the pages logged no script error", () => {
        const scriptErrors = problems.filter((problem) => problem.startsWith("page: "));
        assert.deepEqual(scriptErrors, [], `all the page's problems:${lines(problems)}`);
      });
    });
  }
});
