import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import {
  codeShape,
  displayTexts,
  englishNotebooks,
  findProducerTemplate,
  readNotebook,
  sourceText,
  staleEntries,
  translateEdition,
  translateNotebook,
  type Cell,
  type NotebookJson,
  type TranslationCatalog,
} from "@gpu-stream/cli/notebooks";
import { REPO_ROOT } from "../support/repoRoot";

const root = REPO_ROOT;
const notebooks = join(root, "notebooks");

function notebookOf(cells: Cell[]): NotebookJson {
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells };
}

function code(source: string, tags?: string[]): Cell {
  return { cell_type: "code", source, metadata: tags === undefined ? {} : { tags }, execution_count: null, outputs: [] };
}

function markdown(source: string): Cell {
  return { cell_type: "markdown", source, metadata: {} };
}

const catalog: TranslationCatalog = {
  markdown: [{ en: ["# Title\n", "\n", "Prose."], pt: ["# Título\n", "\n", "Texto."] }],
  code: { '"records"': '"registros"', "// how many": "// quantos", "`put ${n} records`": "`${n} registros colocados`" },
  keep: ['"local"'],
};

describe("translateNotebook", () => {
  test("translates markdown, strings, templates and comments, and leaves the code as it was", () => {
    const english = notebookOf([
      markdown("# Title\n\nProse."),
      code('import { x } from "@gpu-stream/shared";\nconst MODE = "local"; // how many\nconsole.log("records", `put ${n} records`);'),
    ]);
    const { notebook, missing } = translateNotebook(english, catalog);
    assert.deepEqual(missing, []);
    assert.equal(sourceText(notebook.cells[0]!.source), "# Título\n\nTexto.");
    assert.equal(sourceText(notebook.cells[1]!.source), 'import { x } from "@gpu-stream/shared";\nconst MODE = "local"; // quantos\nconsole.log("registros", `${n} registros colocados`);');
  });

  test("a path up to the repository gains one more ../, the translated notebooks being one folder deeper", () => {
    const { notebook, missing } = translateNotebook(notebookOf([code('const P = "../data/x.json";\nawait rm(`../data/${name}`);')]), catalog);
    assert.deepEqual(missing, []);
    assert.equal(sourceText(notebook.cells[0]!.source), 'const P = "../../data/x.json";\nawait rm(`../../data/${name}`);');
  });

  test("names each markdown cell and display string the catalog lacks, with its cell", () => {
    const { missing } = translateNotebook(notebookOf([markdown("## New prose"), code('const MODE = "aws"; // new comment\nconsole.log(`new ${x}`);')]), catalog);
    assert.deepEqual(missing, [
      { cell: 0, kind: "markdown", english: "## New prose" },
      { cell: 1, kind: "code", english: '"aws"' },
      { cell: 1, kind: "code", english: "// new comment" },
      { cell: 1, kind: "code", english: "`new ${x}`" },
    ]);
  });

  test("reports the entries no cell used as stale", () => {
    const { used } = translateNotebook(notebookOf([code('console.log("records");')]), catalog);
    assert.deepEqual(staleEntries(catalog, used), ['markdown: "# Title\\n\\nProse."', "code: // how many", "code: `put ${n} records`", 'keep: "local"']);
  });
});

describe("translateEdition with a producer template", () => {
  test("translates the template once and fills it for each producer, leaving the generated English producers aside", async () => {
    const folder = await mkdtemp(join(tmpdir(), "gpu-stream-translate-"));
    try {
      const template = notebookOf([markdown("# Producer: `{{metric}}`"), code('const METRIC = "{{metric}}"; // the tipo')]);
      await mkdir(join(folder, "templates"));
      await mkdir(join(folder, "translations", "pt-BR"), { recursive: true });
      await writeFile(join(folder, "templates", "producer.ipynb"), JSON.stringify(template));
      await writeFile(join(folder, "GPU_a.ipynb"), JSON.stringify(notebookOf([markdown("# Producer: `a`"), code('const METRIC = "a"; // the tipo')])));
      const producerCatalog: TranslationCatalog = { markdown: [{ en: "# Producer: `{{metric}}`", pt: "# Produtor: `{{metric}}`" }], code: { "// the tipo": "// o tipo" }, keep: ['"{{metric}}"'] };
      await writeFile(join(folder, "translations", "pt-BR", "producer.json"), JSON.stringify(producerCatalog));
      const fill = (notebook: NotebookJson, name: string): NotebookJson => ({
        ...notebook,
        cells: notebook.cells.map((cell) => ({ ...cell, source: sourceText(cell.source).replaceAll("{{metric}}", name.slice("GPU_".length)) })),
      });
      const edition = await translateEdition(folder, "pt-BR", { path: join(folder, "templates", "producer.ipynb"), notebooks: ["GPU_a", "GPU_b"], fill });
      assert.deepEqual(edition.missing, []);
      assert.deepEqual(edition.stale, []);
      assert.deepEqual(
        edition.notebooks.map(({ path, notebook }) => [basename(path), notebook.cells.map((cell) => sourceText(cell.source))]),
        [
          ["GPU_a.ipynb", ["# Produtor: `a`", 'const METRIC = "a"; // o tipo']],
          ["GPU_b.ipynb", ["# Produtor: `b`", 'const METRIC = "b"; // o tipo']],
        ],
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe("codeShape: code with display text set aside", () => {
  test("is equal for code that differs only in strings, template text and comments", () => {
    assert.deepEqual(codeShape('f("a", `x ${y} z`); // c\n/* d */ const r = /"/g;'), codeShape("f('b', `w ${y}`); const r = /\"/g;"));
  });

  test("differs when an identifier, an expression inside a template, or a regular expression differs", () => {
    assert.notDeepEqual(codeShape('f("a");'), codeShape('g("a");'));
    assert.notDeepEqual(codeShape("`a ${x} b ${y}`"), codeShape("`a ${y} b ${x}`"));
    assert.notDeepEqual(codeShape("s.split(/a/)"), codeShape("s.split(/b/)"));
  });

  test("takes a template nested in a template's expression as one display text", () => {
    assert.deepEqual(
      displayTexts("const t = `a ${b ? `c ${d}` : \"e\"} f`;").map((text) => text.text),
      ["`a ${b ? `c ${d}` : \"e\"} f`"],
    );
  });
});

describe("the pt-BR edition", () => {
  test("the committed notebooks/pt-BR/ is what notebooks:translate writes, with no entry missing or stale", async () => {
    const edition = await translateEdition(notebooks, "pt-BR", findProducerTemplate(notebooks));
    assert.deepEqual(edition.missing.map((item) => `${item.notebook} cell ${item.cell}: ${item.english.slice(0, 60)}`), []);
    assert.deepEqual(edition.stale, []);
    assert.equal(edition.notebooks.length, 10);
    for (const { path, notebook } of edition.notebooks) {
      assert.equal(await readFile(path, "utf8"), `${JSON.stringify(notebook, null, 1)}\n`, `${path} is not what npm run notebooks:translate writes`);
    }
  });

  test("npm run notebooks:translate -- --check agrees", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, "scripts", "dist", "notebooks", "translateCli.js"), "--check"]);
    assert.match(stdout, /10 pt-BR notebooks match/);
  });

  for (const name of ["00_setup", "01_profile_gpu_log", "GPU_energia", "GPU_Frequencia", "GPU_Temp", "GPU_uso", "GPU_usoVRAM", "02_glue_crawler", "03_athena_analysis", "04_teardown"]) {
    test(`${name}: the same cells, tags and code as the English edition, apart from display strings and comments`, async () => {
      const english = await readNotebook(join(notebooks, `${name}.ipynb`));
      const portuguese = await readNotebook(join(notebooks, "pt-BR", `${name}.ipynb`));
      assert.deepEqual(portuguese.metadata, english.metadata);
      assert.deepEqual(portuguese.cells.map((cell) => [cell.cell_type, cell.metadata]), english.cells.map((cell) => [cell.cell_type, cell.metadata]));
      english.cells.forEach((cell, index) => {
        if (cell.cell_type === "code") {
          assert.deepEqual(codeShape(sourceText(portuguese.cells[index]!.source)), codeShape(sourceText(cell.source)), `${name} cell ${index}: the code differs`);
        } else {
          assert.notEqual(sourceText(portuguese.cells[index]!.source), sourceText(cell.source), `${name} cell ${index} is not translated`);
        }
      });
    });
  }

  test("a pt-BR code line is at most 90 characters wherever its English line is", async () => {
    const tooLong: string[] = [];
    for (const english of await englishNotebooks(notebooks)) {
      const portuguese = await readNotebook(join(notebooks, "pt-BR", basename(english)));
      (await readNotebook(english)).cells.forEach((cell, index) => {
        if (cell.cell_type !== "code") {
          return;
        }
        const englishLines = sourceText(cell.source).split("\n");
        sourceText(portuguese.cells[index]!.source)
          .split("\n")
          .forEach((line, lineIndex) => {
            if (line.length > 90 && (englishLines[lineIndex] ?? "").length <= 90) {
              tooLong.push(`${basename(english)} cell ${index}: ${line.length}: ${line}`);
            }
          });
      });
    }
    assert.deepEqual(tooLong, []);
  });

  test("every English notebook has its pt-BR counterpart", async () => {
    const names = (await englishNotebooks(notebooks)).map((path) => basename(path));
    for (const name of names) {
      await readFile(join(notebooks, "pt-BR", name));
    }
    assert.equal(names.length, 10);
  });
});
