/**
 * Glue's Hive type strings (`string`, `array<struct<a:int>>`) as DuckDB reads them: through their Trino type
 * (sql/types/hiveTypes.ts, TrinoType.ts, which also give the names Athena reports in ColumnInfo).
 */

import { parseHiveType } from "../sql/types/hiveTypes";
import { duckType } from "../sql/types/TrinoType";

/** The DuckDB type a Glue column of this Hive type is read as: the representation of its Trino type. */
export function duckTypeOfGlueType(glueType: string): string {
  return duckType(parseHiveType(glueType));
}

export function isComplexGlueType(glueType: string): boolean {
  return ["array", "map", "row"].includes(parseHiveType(glueType).kind);
}

/** Splits a DuckDB type's parameter list at its top-level commas. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    if (!quoted && character === "(") depth++;
    if (!quoted && character === ")") depth--;
    if (!quoted && depth === 0 && character === ",") {
      parts.push(current.trim());
      current = "";
      continue;
    }
    current += character;
  }
  if (current.trim() !== "") parts.push(current.trim());
  return parts;
}
