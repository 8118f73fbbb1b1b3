/** One lexical token of a Trino (Athena) statement, with its place in the original text for error messages. */
export interface SqlToken {
  readonly kind: "word" | "quoted" | "string" | "number" | "symbol";
  /** The text as written (quotes included for `quoted` and `string`). */
  readonly text: string;
  /** For `word` lower-cased, for `quoted` the unquoted name lower-cased (Athena folds identifiers), for `string` the unquoted value. */
  readonly value: string;
  readonly line: number;
  /** 1-based, as Athena counts. */
  readonly column: number;
}

export class SqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const SYMBOLS = ["<>", "!=", "<=", ">=", "||", "->", "=>", "::"];

/** Splits a statement into tokens; comments and white space are dropped. */
export function tokenize(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const advance = (to: number): void => {
    for (let j = i; j < to; j++) {
      if (sql[j] === "\n") {
        line += 1;
        lineStart = j + 1;
      }
    }
    i = to;
  };
  while (i < sql.length) {
    const character = sql[i]!;
    const start = i;
    const at = { line, column: i - lineStart + 1 };
    if (/\s/.test(character)) {
      advance(i + 1);
      continue;
    }
    if (sql.startsWith("--", i)) {
      const end = sql.indexOf("\n", i);
      advance(end === -1 ? sql.length : end);
      continue;
    }
    if (sql.startsWith("/*", i)) {
      const end = sql.indexOf("*/", i + 2);
      if (end === -1) {
        throw new SqlSyntaxError("unterminated comment", at.line, at.column);
      }
      advance(end + 2);
      continue;
    }
    if (character === "'" || character === '"' || character === "`") {
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= sql.length) {
          throw new SqlSyntaxError(character === "'" ? "unterminated string literal" : "unterminated quoted identifier", at.line, at.column);
        }
        if (sql[j] === character) {
          if (sql[j + 1] === character) {
            value += character;
            j += 2;
            continue;
          }
          break;
        }
        value += sql[j];
        j += 1;
      }
      const text = sql.slice(start, j + 1);
      // Hive DDL quotes names in backticks; DuckDB wants double quotes.
      const quotedText = character === "`" ? `"${value.replace(/"/g, '""')}"` : text;
      tokens.push({ kind: character === "'" ? "string" : "quoted", text: quotedText, value: character === "'" ? value : value.toLowerCase(), ...at });
      advance(j + 1);
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i, i + 256));
    if (word !== null) {
      tokens.push({ kind: "word", text: word[0], value: word[0].toLowerCase(), ...at });
      advance(i + word[0].length);
      continue;
    }
    const number = /^(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(sql.slice(i, i + 256));
    if (number !== null) {
      tokens.push({ kind: "number", text: number[0], value: number[0], ...at });
      advance(i + number[0].length);
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => sql.startsWith(candidate, i)) ?? character;
    tokens.push({ kind: "symbol", text: symbol, value: symbol, ...at });
    advance(i + symbol.length);
  }
  return tokens;
}

export function isIdentifier(token: SqlToken | undefined): token is SqlToken & { readonly kind: "word" | "quoted" } {
  return token !== undefined && (token.kind === "word" || token.kind === "quoted");
}

/** A DuckDB identifier, always quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
