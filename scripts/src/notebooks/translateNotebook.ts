import { displayTexts, type DisplayText } from "./codeTokens";
import { sourceText, toMultiline, type Cell, type NotebookJson } from "./notebookJson";
import { entryText, type TranslationCatalog } from "./translationCatalog";

/** Something the catalog lacks: where it is, and the English text a translator must translate. */
export interface MissingTranslation {
  readonly cell: number;
  readonly kind: "markdown" | "code";
  readonly english: string;
}

export interface NotebookTranslation {
  readonly notebook: NotebookJson;
  readonly missing: readonly MissingTranslation[];
  /** The catalog keys this notebook used (markdown by English text, code and keep by source text), for stale entries. */
  readonly used: ReadonlySet<string>;
}

const PARENT = /^(["'`])\.\.\//;

/** The replacement for one string, template or comment, or undefined when the catalog lacks it. */
function translateText(text: DisplayText, catalog: TranslationCatalog, used: Set<string>): string | undefined {
  if (Object.hasOwn(catalog.code, text.text)) {
    used.add(`code:${text.text}`);
    return catalog.code[text.text];
  }
  if (catalog.keep.includes(text.text)) {
    used.add(`keep:${text.text}`);
    return text.text;
  }
  if (text.kind === "string" && (text.after === "from" || text.after === "import")) {
    return text.text;
  }
  if (text.kind !== "comment" && PARENT.test(text.text)) {
    return text.text.replace(PARENT, "$1../../");
  }
  return undefined;
}

function translateCode(source: string, cell: number, catalog: TranslationCatalog, used: Set<string>, missing: MissingTranslation[]): string {
  let translated = "";
  let position = 0;
  for (const text of displayTexts(source)) {
    const replacement = translateText(text, catalog, used);
    if (replacement === undefined) {
      missing.push({ cell, kind: "code", english: text.text });
    }
    translated += source.slice(position, text.start) + (replacement ?? text.text);
    position = text.end;
  }
  return translated + source.slice(position);
}

/** The notebook with its prose and display strings translated: same cells, same ids, same metadata, same code. */
export function translateNotebook(english: NotebookJson, catalog: TranslationCatalog): NotebookTranslation {
  const markdown = new Map(catalog.markdown.map((entry) => [entryText(entry.en), entryText(entry.pt)]));
  const used = new Set<string>();
  const missing: MissingTranslation[] = [];
  const cells = english.cells.map((cell, index): Cell => {
    const source = sourceText(cell.source);
    if (cell.cell_type === "markdown") {
      const translated = markdown.get(source);
      if (translated === undefined) {
        missing.push({ cell: index, kind: "markdown", english: source });
        return cell;
      }
      used.add(`markdown:${source}`);
      return { ...cell, source: toMultiline(translated, cell.source) };
    }
    if (cell.cell_type === "code") {
      return { ...cell, source: toMultiline(translateCode(source, index, catalog, used, missing), cell.source) };
    }
    return cell;
  });
  return { notebook: { ...english, cells }, missing, used };
}

/** The catalog's entries that no notebook used: left behind by a change of the English text. */
export function staleEntries(catalog: TranslationCatalog, used: ReadonlySet<string>): string[] {
  return [
    ...catalog.markdown.map((entry) => entryText(entry.en)).filter((text) => !used.has(`markdown:${text}`)).map((text) => `markdown: ${JSON.stringify(text.slice(0, 80))}${text.length > 80 ? "..." : ""}`),
    ...Object.keys(catalog.code).filter((text) => !used.has(`code:${text}`)).map((text) => `code: ${text}`),
    ...catalog.keep.filter((text) => !used.has(`keep:${text}`)).map((text) => `keep: ${text}`),
  ];
}
