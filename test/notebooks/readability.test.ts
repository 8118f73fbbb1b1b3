import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { codeCells, readNotebook, sourceText } from "@gpu-stream/cli/notebooks";
import { REPO_ROOT } from "../support/repoRoot";

const FOLDERS = ["notebooks", join("notebooks", "pt-BR")].filter((folder) => existsSync(join(REPO_ROOT, folder)));
/** Issue 14: what the classic Notebook and JupyterLab show without a sideways scroll bar at a laptop's width. */
const MAX_CODE_LINE = 90;

describe("the notebooks' code reads without scrolling sideways", () => {
  for (const folder of FOLDERS) {
    for (const file of readdirSync(join(REPO_ROOT, folder)).filter((name) => name.endsWith(".ipynb"))) {
      test(`${folder}/${file}: code lines are at most ${MAX_CODE_LINE} characters`, async () => {
        const notebook = await readNotebook(join(REPO_ROOT, folder, file));
        const long = codeCells(notebook).flatMap(({ index, cell }) =>
          sourceText(cell.source)
            .split("\n")
            .flatMap((line, lineIndex) => (line.length > MAX_CODE_LINE ? [`cell ${index} line ${lineIndex + 1}: ${line.length} characters`] : [])),
        );
        assert.deepEqual(long, [], `lines over ${MAX_CODE_LINE} characters:\n  ${long.join("\n  ")}`);
      });
    }
  }
});
