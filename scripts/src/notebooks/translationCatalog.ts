import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";

/**
 * A translation catalog: notebooks/translations/<locale>/<notebook>.json, or producer.json for the five producer
 * notebooks (GPU_*.ipynb), which come from one template and so share one catalog.
 *
 * - markdown: each markdown cell's whole English source and its translation, as lists of lines (or one string).
 * - code: the exact source text of a string literal, template literal or comment in a code cell (quotes, backticks
 *   and `//` included) and the source text that replaces it.
 * - keep: literals that stay as they are (resource names, metric names, option values).
 * Module specifiers (`from "..."`) stay without an entry, and a string starting with "../" gains one more "../"
 * without an entry, since the translated notebooks live one folder deeper.
 */
export interface TranslationCatalog {
  readonly markdown: readonly MarkdownEntry[];
  readonly code: Readonly<Record<string, string>>;
  readonly keep: readonly string[];
}

export interface MarkdownEntry {
  readonly en: string | readonly string[];
  readonly pt: string | readonly string[];
}

export const PRODUCER_CATALOG = "producer";

/** The catalog's name (its file without .json) that a notebook's translation comes from. */
export function catalogNameFor(notebookPath: string): string {
  const name = basename(notebookPath, ".ipynb");
  return name.startsWith("GPU_") ? PRODUCER_CATALOG : name;
}

export function entryText(text: string | readonly string[]): string {
  return typeof text === "string" ? text : text.join("");
}

/** Text as the catalog stores it: lines that keep their "\n", as Jupyter stores a cell. */
export function entryLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line !== "");
}

function checkCatalog(value: unknown, path: string): TranslationCatalog {
  const catalog = value as Partial<TranslationCatalog> | null;
  if (catalog === null || typeof catalog !== "object" || !Array.isArray(catalog.markdown) || typeof catalog.code !== "object" || catalog.code === null || !Array.isArray(catalog.keep)) {
    throw new Error(`${path}: expected { "markdown": [{ "en": ..., "pt": ... }], "code": { ... }, "keep": [ ... ] }`);
  }
  catalog.markdown.forEach((entry, index) => {
    const isText = (text: unknown): boolean => typeof text === "string" || (Array.isArray(text) && text.every((line) => typeof line === "string"));
    if (!isText(entry?.en) || !isText(entry?.pt)) {
      throw new Error(`${path}: markdown[${index}] needs "en" and "pt", each a string or a list of lines`);
    }
  });
  for (const [english, translated] of Object.entries(catalog.code)) {
    if (typeof translated !== "string") {
      throw new Error(`${path}: code[${JSON.stringify(english)}] must be a string`);
    }
  }
  return catalog as TranslationCatalog;
}

/** The catalog at `<directory>/<name>.json`, or an empty one when there is none yet (generation then names every missing entry). */
export async function readCatalog(directory: string, name: string): Promise<TranslationCatalog> {
  const path = join(directory, `${name}.json`);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return { markdown: [], code: {}, keep: [] };
    }
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`);
  }
  return checkCatalog(value, path);
}
