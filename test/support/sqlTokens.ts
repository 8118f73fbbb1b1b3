/** A token of SQL text as a fuzzer sees it: enough of the lexical grammar to mutate a statement where it matters. */
export interface SqlToken {
  readonly kind: "space" | "comment" | "string" | "quoted" | "number" | "word" | "symbol";
  readonly text: string;
}

// Trino's and Hive's lexical classes, in the order that disambiguates them: comments before `-` and `/`,
// strings with '' escapes, "quoted" and `backtick` identifiers, numbers before words.
const TOKEN = /\s+|--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[A-Za-z_][A-Za-z0-9_$]*|<>|<=|>=|!=|\|\||=>|->|[\s\S]/gy;

export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(sql); match !== null && match[0] !== ""; match = TOKEN.exec(sql)) {
    tokens.push({ kind: kindOf(match[0]), text: match[0] });
  }
  return tokens;
}

function kindOf(text: string): SqlToken["kind"] {
  if (/^\s/.test(text)) return "space";
  if (text.startsWith("--") || text.startsWith("/*")) return "comment";
  if (text.startsWith("'")) return "string";
  if (text.startsWith('"') || text.startsWith("`")) return "quoted";
  if (/^\d/.test(text)) return "number";
  if (/^[A-Za-z_]/.test(text)) return "word";
  return "symbol";
}

export function joinSql(tokens: readonly SqlToken[]): string {
  return tokens.map((token) => token.text).join("");
}
