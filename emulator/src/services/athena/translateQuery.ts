import { queryErrorAt } from "./athenaErrors";
import { isIdentifier, quoteIdentifier, type SqlToken } from "./sqlTokens";
import { NOT_FUNCTIONS, trinoFunction } from "./trinoFunctions";

/** A table a query names, resolved against the catalog by the caller. */
export interface TableReference {
  readonly database: string;
  readonly table: string;
  /** Where its name starts, for TABLE_NOT_FOUND. */
  readonly token: SqlToken;
}

/** Words that end a FROM item, so they are never read as a table's alias. */
const NOT_ALIASES = new Set([
  "where", "group", "order", "limit", "join", "left", "right", "inner", "full", "cross", "on", "union", "except", "intersect", "having",
  "window", "natural", "using", "tablesample", "offset", "fetch", "outer", "lateral", "with",
]);

/** Words that end a FROM clause at its own depth. */
const FROM_ENDS = new Set(["where", "group", "order", "limit", "having", "union", "except", "intersect", "window", "offset", "fetch", "on", "using"]);

const NOT_COLUMN_ALIASES = new Set(["end", "null", "true", "false", "and", "or", "not", "distinct", "all", "from", "else", "then", "when"]);

/** The position of a token for Athena's `line L:C:`. */
export function at(token: SqlToken | undefined): { line: number; column: number } | undefined {
  return token === undefined ? undefined : { line: token.line, column: token.column };
}

function matchingParen(tokens: readonly SqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.value === "(") depth++;
    else if (tokens[i]!.value === ")") {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw queryErrorAt("SYNTAX_ERROR", at(tokens[open]), "mismatched input '('. Expecting: ')'");
}

/** Names the statement's WITH clauses define, which are not catalog tables. */
function cteNames(tokens: readonly SqlToken[]): Set<string> {
  const names = new Set<string>();
  for (let i = 1; i + 2 < tokens.length; i++) {
    const previous = tokens[i - 1]!.value;
    if ((previous === "with" || previous === ",") && isIdentifier(tokens[i]) && tokens[i + 1]!.value === "as" && tokens[i + 2]!.value === "(") {
      names.add(tokens[i]!.value);
    }
  }
  return names;
}

/**
 * Where the outermost query's select list needs Athena's generated names: an expression without an alias
 * is `_col0`, `_col1`, ... by its position (DuckDB would call it `count_star()`).
 */
function generatedAliases(tokens: readonly SqlToken[]): Map<number, string> {
  const aliases = new Map<number, string>();
  let depth = 0;
  let select = -1;
  for (let i = 0; i < tokens.length; i++) {
    const value = tokens[i]!.value;
    if (value === "(") depth++;
    else if (value === ")") depth--;
    else if (depth === 0 && value === "select" && tokens[i]!.kind === "word") {
      select = i;
      break;
    }
  }
  if (select === -1) return aliases;
  let start = select + 1;
  if (tokens[start]?.value === "distinct" || tokens[start]?.value === "all") start++;
  const items: [number, number][] = [];
  depth = 0;
  let itemStart = start;
  let i = start;
  for (; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.value === "(" || token.value === "[") depth++;
    else if (token.value === ")" || token.value === "]") depth--;
    else if (depth === 0 && token.kind === "word" && ["from", "where", "group", "order", "limit", "union", "having", "except", "intersect"].includes(token.value)) break;
    else if (depth === 0 && token.value === ",") {
      items.push([itemStart, i]);
      itemStart = i + 1;
    }
  }
  items.push([itemStart, i]);
  items.forEach(([from, to], index) => {
    const item = tokens.slice(from, to);
    const last = item[item.length - 1];
    const previous = item[item.length - 2];
    const isColumn = item.every((token, position) => (position % 2 === 0 ? isIdentifier(token) || token.value === "*" : token.value === "."));
    const hasAlias =
      item.length >= 2 &&
      isIdentifier(last) &&
      !(last.kind === "word" && NOT_COLUMN_ALIASES.has(last.value)) &&
      previous !== undefined &&
      (previous.value === "as" || previous.value === ")" || isIdentifier(previous) || previous.kind === "number" || previous.kind === "string") &&
      previous.value !== ".";
    if (!isColumn && !hasAlias && item.length > 0) {
      aliases.set(to - 1, `_col${index}`);
    }
  });
  return aliases;
}

export interface TranslatedQuery {
  /** DuckDB SQL with `{{table:N}}` where the N-th referenced table's subquery goes. */
  readonly sql: string;
  readonly tables: readonly TableReference[];
}

/**
 * Rewrites a Trino query as DuckDB SQL: catalog tables become placeholders the caller fills with their
 * scans, Trino functions become DuckDB's, unknown functions fail as Athena fails them, expressions get
 * Athena's `_colN` names.
 */
export function translateQuery(tokens: readonly SqlToken[], defaultDatabase: string): TranslatedQuery {
  const tables: TableReference[] = [];
  const ctes = cteNames(tokens);
  const aliases = generatedAliases(tokens);

  const tableReference = (i: number, out: string[]): number => {
    const first = tokens[i];
    if (first?.kind === "string") {
      throw queryErrorAt("SYNTAX_ERROR", at(first), `mismatched input '${first.text}'. Expecting: <identifier>`);
    }
    if (!isIdentifier(first)) return i;
    const parts: SqlToken[] = [first];
    let j = i + 1;
    while (tokens[j]?.value === "." && isIdentifier(tokens[j + 1]) && parts.length < 3) {
      parts.push(tokens[j + 1]!);
      j += 2;
    }
    if (tokens[j]?.value === "(") return i;
    if (parts.length === 1 && ctes.has(first.value)) return i;
    if (parts.length === 3 && parts[0]!.value !== "awsdatacatalog") {
      throw queryErrorAt("CATALOG_NOT_FOUND", at(first), `Catalog '${parts[0]!.value}' not found`);
    }
    const table = parts[parts.length - 1]!.value;
    const database = parts.length >= 2 ? parts[parts.length - 2]!.value : defaultDatabase;
    tables.push({ database, table, token: first });
    const next = tokens[j];
    const hasAlias = next !== undefined && (next.value === "as" || next.kind === "quoted" || (next.kind === "word" && !NOT_ALIASES.has(next.value)));
    out.push(`({{table:${tables.length - 1}}})${hasAlias ? "" : ` AS ${quoteIdentifier(table)}`}`);
    return j;
  };

  /** `insideCall`: the range is a function's arguments, where `from` is `extract(year from x)`'s, not a table's. */
  const emit = (start: number, end: number, insideCall = false): string => {
    const out: string[] = [];
    // For each open parenthesis: is it a function call's?
    const parens: boolean[] = [];
    // The parenthesis depth of the FROM clause being read, while in one.
    let fromDepth: number | undefined;
    for (let i = start; i < end; ) {
      const token = tokens[i]!;
      if (token.value === "(") {
        const previous = tokens[i - 1];
        parens.push(previous !== undefined && previous.kind === "word" && !NOT_FUNCTIONS.has(previous.value));
      } else if (token.value === ")") {
        parens.pop();
      }
      const inCall = parens.length === 0 ? insideCall : parens[parens.length - 1]!;
      if (fromDepth !== undefined && (parens.length < fromDepth || (parens.length === fromDepth && token.kind === "word" && FROM_ENDS.has(token.value)))) {
        fromDepth = undefined;
      }
      // `FROM a, b`: each item of the FROM list is a table too.
      const commaJoin = fromDepth !== undefined && parens.length === fromDepth && token.value === ",";
      if (commaJoin || (!inCall && token.kind === "word" && (token.value === "from" || token.value === "join") && tokens[i - 1]?.value !== ".")) {
        if (token.value === "from") fromDepth = parens.length;
        out.push(token.text);
        const afterTable = tableReference(i + 1, out);
        if (afterTable !== i + 1) {
          i = afterTable;
          continue;
        }
        i++;
        continue;
      }
      // Trino's `VALUES 1, 2` is DuckDB's `VALUES (1), (2)`.
      if (token.kind === "word" && token.value === "values" && tokens[i + 1] !== undefined && tokens[i + 1]!.value !== "(") {
        const rows: string[] = [];
        let depth = 0;
        let rowStart = i + 1;
        let k = i + 1;
        for (; k < end; k++) {
          const value = tokens[k]!.value;
          if (value === "(" || value === "[") depth++;
          else if (value === "]") depth--;
          else if (value === ")") {
            if (depth === 0) break;
            depth--;
          } else if (depth === 0 && value === ",") {
            rows.push(`(${emit(rowStart, k, true)})`);
            rowStart = k + 1;
          } else if (depth === 0 && tokens[k]!.kind === "word" && ["order", "limit", "union", "except", "intersect", "offset"].includes(value)) break;
        }
        rows.push(`(${emit(rowStart, k, true)})`);
        out.push(`VALUES ${rows.join(", ")}`);
        i = k;
        continue;
      }
      // `AS t(a, b)` names a relation's columns: not a call.
      const previousValue = tokens[i - 1]?.value;
      if ((token.kind === "word" || token.kind === "quoted") && tokens[i + 1]?.value === "(" && previousValue !== "as" && previousValue !== ")") {
        const close = matchingParen(tokens, i + 1);
        // Athena has no schema-qualified or quoted function names; DuckDB does (`main.read_csv`, `"read_csv"`).
        const qualified = previousValue === ".";
        const fn = qualified ? undefined : trinoFunction(token.value);
        if (fn === undefined && (qualified || token.kind === "quoted" || !NOT_FUNCTIONS.has(token.value))) {
          throw queryErrorAt("FUNCTION_NOT_FOUND", at(token), `Function '${token.value}' not registered`);
        }
        if (fn !== undefined && fn.kind !== "passthrough") {
          const argRanges: [number, number][] = [];
          let depth = 0;
          let argStart = i + 2;
          for (let k = i + 2; k < close; k++) {
            const value = tokens[k]!.value;
            if (value === "(" || value === "[") depth++;
            else if (value === ")" || value === "]") depth--;
            else if (value === "," && depth === 0) {
              argRanges.push([argStart, k]);
              argStart = k + 1;
            }
          }
          if (argStart < close) argRanges.push([argStart, close]);
          const args = argRanges.map(([from, to]) => emit(from, to, true));
          if (fn.kind === "renamed") {
            out.push(`${fn.name}(${args.join(", ")})`);
          } else {
            const literals = argRanges.map(([from, to]) => (to - from === 1 && tokens[from]!.kind === "string" ? tokens[from]!.value : undefined));
            out.push(fn.rewrite(args, literals));
          }
          const alias = aliases.get(close);
          if (alias !== undefined) out.push(`AS ${quoteIdentifier(alias)}`);
          i = close + 1;
          continue;
        }
      }
      out.push(token.text);
      const alias = aliases.get(i);
      if (alias !== undefined) out.push(`AS ${quoteIdentifier(alias)}`);
      i++;
    }
    return out.join(" ");
  };

  return { sql: emit(0, tokens.length), tables };
}
