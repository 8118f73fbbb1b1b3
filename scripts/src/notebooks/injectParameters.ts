import { codeCells, hasTag, sourceText, toMultiline, type CodeCell, type NotebookJson } from "./notebookJson";

export type ParameterValue = string | number | boolean | null;
export type ParameterOverrides = Readonly<Record<string, ParameterValue>>;

/** papermill's tag, so a notebook written for papermill needs no change. */
export const PARAMETERS_TAG = "parameters";
export const INJECTED_COMMENT = "// parameters injected for this run";

/** `const NAME = ...`, `let NAME: T = ...`; the declaration keyword, name, optional type annotation (which may hold `=>`) and `=`. */
const DECLARATION = /^(\s*(?:export\s+)?(?:const|let|var)\s+)([A-Za-z_$][\w$]*)(\s*(?::(?:=>|[^=])*)?=(?![=>])\s*)(.*)$/;
/** A literal the override replaces, keeping an `as T` / `satisfies T` after it (so the declared type stays). */
const LITERAL_THEN_ASSERTION = /^("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|-?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|true|false|null|undefined)(\s+(?:as|satisfies)\s[\s\S]*)$/;

/** The first code cell tagged "parameters", or undefined; more than one is an error, as it is ambiguous which one wins. */
export function parametersCell(notebook: NotebookJson): { index: number; cell: CodeCell } | undefined {
  const tagged = codeCells(notebook).filter(({ cell }) => hasTag(cell, PARAMETERS_TAG));
  if (tagged.length > 1) {
    throw new Error(`${tagged.length} code cells are tagged "${PARAMETERS_TAG}" (cells ${tagged.map(({ index }) => index).join(", ")}); tag one`);
  }
  return tagged[0];
}

/** The names the parameters cell declares (one `const|let|var NAME = ...` per line), in order; empty without such a cell. */
export function parameterNames(notebook: NotebookJson): string[] {
  const found = parametersCell(notebook);
  if (found === undefined) {
    return [];
  }
  const names = sourceText(found.cell.source)
    .split("\n")
    .flatMap((line) => DECLARATION.exec(line)?.[2] ?? []);
  return [...new Set(names)];
}

/**
 * A copy of `notebook` whose parameters cell has each overridden name's value replaced by the override, as a
 * literal (JSON), and a first line saying so. Only the value changes, so a type annotation or `as` stays and a
 * wrong type fails to compile in that cell. With no overrides it is an unchanged copy.
 * The new value has its literal's type, exactly as if a user had edited the cell: with `const MODE = "local";`,
 * a later `MODE === "local"` fails to compile once MODE is "aws" (TS2367, checked under tslab), so such a
 * parameter needs a declared type (`const MODE: "local" | "aws" = "local";`), for a user's edit as for this.
 */
export function injectParameters(notebook: NotebookJson, overrides: ParameterOverrides): NotebookJson {
  const copy = structuredClone(notebook);
  const names = Object.keys(overrides);
  if (names.length === 0) {
    return copy;
  }
  const found = parametersCell(copy);
  if (found === undefined) {
    throw new Error(`no code cell is tagged "${PARAMETERS_TAG}", so there is nowhere to set ${names.join(", ")} (add the tag to the cell that declares them: metadata.tags)`);
  }
  const declared = parameterNames(copy);
  const unknown = names.filter((name) => !declared.includes(name));
  if (unknown.length > 0) {
    const what = declared.length === 0 ? "declares no parameters" : `declares ${declared.join(", ")}`;
    throw new Error(`the parameters cell (cell ${found.index}) ${what}; it has no ${unknown.join(", ")} to set`);
  }
  const lines = sourceText(found.cell.source)
    .split("\n")
    .map((line) => {
      const match = DECLARATION.exec(line);
      const name = match?.[2];
      if (match === null || name === undefined || !Object.hasOwn(overrides, name)) {
        return line;
      }
      return `${match[1]}${name}${match[3]}${replaceValue(name, match[4]!, literalOf(name, overrides[name]!))}`;
    });
  if (lines[0] !== INJECTED_COMMENT) {
    lines.unshift(INJECTED_COMMENT);
  }
  found.cell.source = toMultiline(lines.join("\n"), found.cell.source);
  return copy;
}

function literalOf(name: string, value: ParameterValue): string {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new RangeError(`parameter ${name}: ${value} has no literal; give a finite number`);
  }
  if (value !== null && !["string", "number", "boolean"].includes(typeof value)) {
    throw new TypeError(`parameter ${name}: expected a string, number, boolean or null, got ${typeof value}`);
  }
  return JSON.stringify(value);
}

/** `rest` is what follows `=`: the old value, then maybe `;` and a comment, which stay. */
function replaceValue(name: string, rest: string, literal: string): string {
  const end = expressionEnd(name, rest);
  const expression = rest.slice(0, end).trimEnd();
  const tail = rest.slice(expression.length);
  const asserted = LITERAL_THEN_ASSERTION.exec(expression);
  return `${literal}${asserted?.[2] ?? ""}${tail}`;
}

/** Where the initializer ends: at `;` or a comment outside strings and brackets. One line only: parameters are simple values. */
function expressionEnd(name: string, text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"' || char === "'" || char === "`") {
      i = closingQuote(text, i);
      if (i < 0) {
        throw new Error(`parameter ${name}: its value must be on the line that declares it`);
      }
    } else if ("([{".includes(char)) {
      depth++;
    } else if (")]}".includes(char)) {
      depth--;
    } else if (depth === 0 && char === ",") {
      throw new Error(`parameter ${name}: declare one parameter per line`);
    } else if (depth === 0 && (char === ";" || (char === "/" && (text[i + 1] === "/" || text[i + 1] === "*")))) {
      return i;
    }
  }
  if (depth !== 0 || text.trim() === "") {
    throw new Error(`parameter ${name}: its value must be on the line that declares it`);
  }
  return text.length;
}

function closingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === "\\") {
      i++;
    } else if (text[i] === quote) {
      return i;
    }
  }
  return -1;
}
