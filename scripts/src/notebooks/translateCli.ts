import { mkdir, readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { Command } from "commander";
import { writeNotebook } from "./notebookJson";
import { entryLines } from "./translationCatalog";
import { editionPaths, findProducerTemplate, translateEdition, type EditionTranslation } from "./translateEdition";

/**
 * npm run notebooks:translate [-- --check] [--locale pt-BR]
 * Writes notebooks/<locale>/*.ipynb from the English notebooks and notebooks/translations/<locale>/*.json.
 * Fails, naming each one, when an English markdown cell or a string/comment of a code cell has no entry; with
 * --check, writes nothing and fails when a committed translated notebook differs from what it would write.
 */

const root = join(__dirname, "..", "..", "..");

function reportMissing(missing: EditionTranslation["missing"]): void {
  console.error(`notebooks:translate: ${missing.length} text(s) have no translation:`);
  for (const item of missing) {
    const preview = item.english.length > 100 ? `${item.english.slice(0, 100)}...` : item.english;
    console.error(`  ${item.notebook} cell ${item.cell} (${item.kind}) -> ${relative(root, item.catalog)}: ${JSON.stringify(preview)}`);
  }
  const byCatalog = new Map<string, { markdown: unknown[]; code: Record<string, string> }>();
  for (const item of missing) {
    const skeleton = byCatalog.get(item.catalog) ?? { markdown: [], code: {} };
    byCatalog.set(item.catalog, skeleton);
    if (item.kind === "markdown") {
      skeleton.markdown.push({ en: entryLines(item.english), pt: entryLines(item.english) });
    } else {
      skeleton.code[item.english] = item.english;
    }
  }
  console.error("\nEntries to translate (paste into the catalog and translate each \"pt\" / value; or move a code text to \"keep\"):");
  for (const [catalog, skeleton] of byCatalog) {
    console.error(`\n${relative(root, catalog)}:\n${JSON.stringify(skeleton, null, 1)}`);
  }
}

async function differs(path: string, expected: string): Promise<boolean> {
  try {
    return (await readFile(path, "utf8")) !== expected;
  } catch {
    return true;
  }
}

async function run(flags: { check?: boolean; locale: string }): Promise<number> {
  const notebooks = join(root, "notebooks");
  const edition = await translateEdition(notebooks, flags.locale, findProducerTemplate(notebooks));
  for (const { catalog, entry } of edition.stale) {
    console.error(`stale in ${relative(root, catalog)} (no English text uses it any more): ${entry}`);
  }
  if (edition.missing.length > 0) {
    reportMissing(edition.missing);
    return 1;
  }
  if (flags.check) {
    const outdated = [];
    for (const { path, notebook } of edition.notebooks) {
      if (await differs(path, `${JSON.stringify(notebook, null, 1)}\n`)) {
        outdated.push(relative(root, path));
      }
    }
    if (outdated.length > 0) {
      console.error(`notebooks:translate --check: not what the English notebooks and catalogs give: ${outdated.join(", ")} (run npm run notebooks:translate)`);
      return 1;
    }
    console.log(`${edition.notebooks.length} ${flags.locale} notebooks match their English notebooks and catalogs`);
    return 0;
  }
  await mkdir(editionPaths(notebooks, flags.locale).notebooks, { recursive: true });
  for (const { path, notebook } of edition.notebooks) {
    await mkdir(dirname(path), { recursive: true });
    await writeNotebook(path, notebook);
    console.log(`wrote ${relative(root, path)}`);
  }
  return 0;
}

const program = new Command()
  .name("notebooks:translate")
  .description("write the translated notebooks from the English ones and their catalogs")
  .option("--check", "write nothing; fail when a committed translated notebook is not what would be written")
  .option("--locale <locale>", "the edition", "pt-BR")
  .action(async (flags: { check?: boolean; locale: string }) => {
    process.exitCode = await run(flags);
  });

program.parseAsync().catch((error: unknown) => {
  console.error(`notebooks:translate: ${(error as Error).message}`);
  process.exitCode = 1;
});
