import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { readNotebook, type NotebookJson } from "./notebookJson";
import { catalogNameFor, readCatalog, type TranslationCatalog } from "./translationCatalog";
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

/** The catalogs' folder for a locale, and the folder its notebooks are written to. */
export function editionPaths(notebooksDirectory: string, locale: string): { catalogs: string; notebooks: string } {
  return { catalogs: join(notebooksDirectory, "translations", locale), notebooks: join(notebooksDirectory, locale) };
}

/** The English notebooks: every .ipynb directly in the notebooks folder. */
export async function englishNotebooks(notebooksDirectory: string): Promise<string[]> {
  const names = await readdir(notebooksDirectory);
  return names.filter((name) => name.endsWith(".ipynb")).sort().map((name) => join(notebooksDirectory, name));
}

/** Translates every English notebook with its catalog; writes nothing. */
export async function translateEdition(notebooksDirectory: string, locale: string): Promise<EditionTranslation> {
  const paths = editionPaths(notebooksDirectory, locale);
  const catalogs = new Map<string, { catalog: TranslationCatalog; used: Set<string> }>();
  const notebooks: TranslatedNotebook[] = [];
  const missing: EditionTranslation["missing"][number][] = [];
  for (const english of await englishNotebooks(notebooksDirectory)) {
    const name = catalogNameFor(english);
    let entry = catalogs.get(name);
    if (entry === undefined) {
      entry = { catalog: await readCatalog(paths.catalogs, name), used: new Set() };
      catalogs.set(name, entry);
    }
    const translation = translateNotebook(await readNotebook(english), entry.catalog);
    translation.used.forEach((key) => entry.used.add(key));
    missing.push(...translation.missing.map((item) => ({ ...item, notebook: basename(english), catalog: join(paths.catalogs, `${name}.json`) })));
    notebooks.push({ english, path: join(paths.notebooks, basename(english)), notebook: translation.notebook });
  }
  const stale = [...catalogs].flatMap(([name, { catalog, used }]) => staleEntries(catalog, used).map((entry) => ({ catalog: join(paths.catalogs, `${name}.json`), entry })));
  return { notebooks, missing, stale };
}
