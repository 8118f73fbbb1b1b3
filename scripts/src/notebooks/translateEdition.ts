import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { readNotebook, type NotebookJson } from "./notebookJson";
import { catalogNameFor, PRODUCER_CATALOG, readCatalog, type TranslationCatalog } from "./translationCatalog";
import { staleEntries, translateNotebook, type MissingTranslation } from "./translateNotebook";

export interface TranslatedNotebook {
  readonly english: string;
  readonly path: string;
  readonly notebook: NotebookJson;
}

export interface EditionTranslation {
  readonly notebooks: readonly TranslatedNotebook[];
  readonly missing: readonly (MissingTranslation & { readonly notebook: string; readonly catalog: string })[];
  readonly stale: readonly { readonly catalog: string; readonly entry: string }[];
}

/**
 * The template the five producer notebooks are generated from, and how: when there is one, the translation
 * translates the template once and fills it for each producer, as `npm run notebooks:generate` does in English.
 */
export interface ProducerTemplate {
  readonly path: string;
  /** The producer notebooks' names, without .ipynb. */
  readonly notebooks: readonly string[];
  fill(template: NotebookJson, notebook: string): NotebookJson;
}

interface ProducerGenerator {
  readonly PRODUCER_NOTEBOOKS: readonly { readonly notebook: string; readonly metric: string }[];
  producerNotebook(template: NotebookJson, notebook: string, metric: string): NotebookJson;
}

/**
 * notebooks/templates/producer.ipynb with the generator beside this file (producerNotebooks.js), or undefined when
 * either is missing: the producers are then translated one by one, with one catalog for the five.
 */
export function findProducerTemplate(notebooksDirectory: string): ProducerTemplate | undefined {
  const path = join(notebooksDirectory, "templates", "producer.ipynb");
  if (!existsSync(path) || !existsSync(join(__dirname, "producerNotebooks.js"))) {
    return undefined;
  }
  // Loaded only when present, so this edition's machinery works before and after the template exists.
  const generator = require(join(__dirname, "producerNotebooks.js")) as ProducerGenerator;
  const metrics = new Map(generator.PRODUCER_NOTEBOOKS.map(({ notebook, metric }) => [notebook, metric]));
  return {
    path,
    notebooks: [...metrics.keys()],
    fill: (template, notebook) => generator.producerNotebook(template, notebook, metrics.get(notebook)!),
  };
}

/** The catalogs' folder for a locale, and the folder its notebooks are written to. */
export function editionPaths(notebooksDirectory: string, locale: string): { catalogs: string; notebooks: string } {
  return { catalogs: join(notebooksDirectory, "translations", locale), notebooks: join(notebooksDirectory, locale) };
}

/** The English notebooks: every .ipynb directly in the notebooks folder. */
export async function englishNotebooks(notebooksDirectory: string): Promise<string[]> {
  const names = await readdir(notebooksDirectory);
  return names.filter((name) => name.endsWith(".ipynb")).sort().map((name) => join(notebooksDirectory, name));
}

/** Translates every English notebook with its catalog (the producers through their template when given); writes nothing. */
export async function translateEdition(notebooksDirectory: string, locale: string, producers?: ProducerTemplate): Promise<EditionTranslation> {
  const paths = editionPaths(notebooksDirectory, locale);
  const catalogs = new Map<string, { catalog: TranslationCatalog; used: Set<string> }>();
  const notebooks: TranslatedNotebook[] = [];
  const missing: EditionTranslation["missing"][number][] = [];
  const translate = async (english: string, name: string): Promise<NotebookJson> => {
    let entry = catalogs.get(name);
    if (entry === undefined) {
      entry = { catalog: await readCatalog(paths.catalogs, name), used: new Set() };
      catalogs.set(name, entry);
    }
    const translation = translateNotebook(await readNotebook(english), entry.catalog);
    translation.used.forEach((key) => entry.used.add(key));
    missing.push(...translation.missing.map((item) => ({ ...item, notebook: basename(english), catalog: join(paths.catalogs, `${name}.json`) })));
    return translation.notebook;
  };
  const generated = new Set(producers?.notebooks.map((name) => `${name}.ipynb`) ?? []);
  for (const english of await englishNotebooks(notebooksDirectory)) {
    if (!generated.has(basename(english))) {
      notebooks.push({ english, path: join(paths.notebooks, basename(english)), notebook: await translate(english, catalogNameFor(english)) });
    }
  }
  if (producers !== undefined) {
    const template = await translate(producers.path, PRODUCER_CATALOG);
    for (const name of producers.notebooks) {
      const english = join(notebooksDirectory, `${name}.ipynb`);
      notebooks.push({ english, path: join(paths.notebooks, `${name}.ipynb`), notebook: producers.fill(template, name) });
    }
  }
  const stale = [...catalogs].flatMap(([name, { catalog, used }]) => staleEntries(catalog, used).map((entry) => ({ catalog: join(paths.catalogs, `${name}.json`), entry })));
  return { notebooks, missing, stale };
}
