import { QueryError, queryErrorAt } from "../athenaErrors";
import { isIdentifier, type SqlToken } from "../sqlTokens";
import { at } from "../translateQuery";

export interface QualifiedName {
  readonly database: string;
  readonly table: string;
  readonly token: SqlToken;
  /** The index after the name. */
  readonly end: number;
}

/** Reads `t`, `db.t` or `awsdatacatalog.db.t` at `start`. */
export function readTableName(tokens: readonly SqlToken[], start: number, defaultDatabase: string): QualifiedName {
  const first = tokens[start];
  if (!isIdentifier(first)) {
    throw queryErrorAt("SYNTAX_ERROR", at(first ?? tokens[tokens.length - 1]), `mismatched input '${first?.text ?? "<EOF>"}'. Expecting: <identifier>`);
  }
  const parts: SqlToken[] = [first];
  let i = start + 1;
  while (tokens[i]?.value === "." && isIdentifier(tokens[i + 1]) && parts.length < 3) {
    parts.push(tokens[i + 1]!);
    i += 2;
  }
  if (parts.length === 3 && parts[0]!.value !== "awsdatacatalog") {
    throw new QueryError("CATALOG_NOT_FOUND", `Catalog '${parts[0]!.value}' not found`);
  }
  return {
    database: parts.length >= 2 ? parts[parts.length - 2]!.value : defaultDatabase,
    table: parts[parts.length - 1]!.value,
    token: first,
    end: i,
  };
}

export type PropertyValue = string | readonly string[];

/** `WITH (format = 'PARQUET', partitioned_by = ARRAY['a'])` -> {format: 'PARQUET', partitioned_by: ['a']}; `start` is at `(`. */
export function readProperties(tokens: readonly SqlToken[], start: number): { properties: Map<string, PropertyValue>; end: number } {
  const properties = new Map<string, PropertyValue>();
  let i = start + 1;
  while (i < tokens.length && tokens[i]!.value !== ")") {
    const key = tokens[i];
    if (!isIdentifier(key) || tokens[i + 1]?.value !== "=") {
      throw queryErrorAt("SYNTAX_ERROR", at(key), `mismatched input '${key?.text ?? "<EOF>"}'. Expecting: <property>`);
    }
    i += 2;
    const value = tokens[i];
    if (value?.value === "array" && tokens[i + 1]?.value === "[") {
      const items: string[] = [];
      i += 2;
      while (i < tokens.length && tokens[i]!.value !== "]") {
        if (tokens[i]!.value !== ",") items.push(tokens[i]!.value);
        i++;
      }
      properties.set(key.value, items);
      i++;
    } else if (value !== undefined) {
      properties.set(key.value, value.value);
      i++;
    }
    if (tokens[i]?.value === ",") i++;
  }
  return { properties, end: i + 1 };
}
