import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, test } from "node:test";
import { generateProducerNotebooks, parameterNames, parseNotebook, PRODUCER_NOTEBOOKS, sourceText } from "@gpu-stream/cli/notebooks";
import { REPO_ROOT } from "../support/repoRoot";

const NOTEBOOKS = resolve(REPO_ROOT, "notebooks");

async function notebookFiles(): Promise<string[]> {
  return (await readdir(NOTEBOOKS)).filter((name) => name.endsWith(".ipynb")).sort();
}

describe("the notebooks' source", () => {
  test("the five producer notebooks are what npm run notebooks:generate makes from the template", async () => {
    const generated = await generateProducerNotebooks(NOTEBOOKS);
    assert.deepEqual([...generated.keys()], PRODUCER_NOTEBOOKS.map(({ notebook }) => `${notebook}.ipynb`));
    for (const [file, text] of generated) {
      const committed = await readFile(join(NOTEBOOKS, file), "utf8");
      assert.ok(committed === text, `notebooks/${file} differs from notebooks/templates/producer.ipynb: run npm run notebooks:generate`);
    }
  });

  test("each producer notebook puts its own metric and sends PutRecordCommand itself", async () => {
    for (const { notebook, metric } of PRODUCER_NOTEBOOKS) {
      const code = parseNotebook(await readFile(join(NOTEBOOKS, `${notebook}.ipynb`), "utf8"))
        .cells.filter((cell) => cell.cell_type === "code")
        .map((cell) => sourceText(cell.source))
        .join("\n");
      assert.match(code, new RegExp(`^const METRIC = "${metric}";`, "m"), notebook);
      assert.match(code, /await kinesis\.send\(new PutRecordCommand\(\{/, notebook);
      assert.doesNotMatch(code, /\{\{\w+\}\}/, `${notebook} has no placeholder left`);
    }
  });

  test("the notebooks send the commands they teach", async () => {
    const code = async (name: string): Promise<string> =>
      parseNotebook(await readFile(join(NOTEBOOKS, name), "utf8"))
        .cells.filter((cell) => cell.cell_type === "code")
        .map((cell) => sourceText(cell.source))
        .join("\n");
    assert.match(await code("00_setup.ipynb"), /new CreateStreamCommand\(\{[\s\S]*new CreateDeliveryStreamCommand\(\{/);
    assert.match(await code("02_glue_crawler.ipynb"), /new StartCrawlerCommand\([\s\S]*new GetCrawlerCommand\(/);
    assert.match(await code("03_athena_analysis.ipynb"), /new StartQueryExecutionCommand\([\s\S]*new GetQueryExecutionCommand\([\s\S]*new GetQueryResultsCommand\(/);
  });

  test('every notebook that connects has ENDPOINT = "" in its parameters and ends with a check-your-work cell', async () => {
    for (const file of await notebookFiles()) {
      const notebook = parseNotebook(await readFile(join(NOTEBOOKS, file), "utf8"), file);
      const code = notebook.cells.filter((cell) => cell.cell_type === "code").map((cell) => sourceText(cell.source));
      if (parameterNames(notebook).includes("MODE")) {
        assert.match(code.join("\n"), /^const ENDPOINT = ""; \/\//m, file);
      }
      const markdown = notebook.cells.filter((cell) => cell.cell_type === "markdown").map((cell) => sourceText(cell.source));
      assert.ok(markdown.some((text) => /^## Check your work/m.test(text)), `${file} has a "Check your work" section`);
      assert.ok(code.some((text) => /console\.log\(["`]OK: /.test(text) && /throw new Error/.test(text)), `${file} has a check that prints OK or throws`);
    }
  });
});
