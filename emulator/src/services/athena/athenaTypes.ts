/**
 * Types across the three worlds: Glue's Hive type strings (`string`, `array<struct<a:int>>`), DuckDB's SQL
 * types, and the names Athena reports in ColumnInfo (`varchar`, `integer`, `row`).
 */

import { parseHiveType } from "./sql/types/hiveTypes";
import { duckType } from "./sql/types/TrinoType";

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

/** The name Athena gives a result column of this DuckDB type in ColumnInfo.Type. */
export function athenaTypeOfDuckType(duckType: string): string {
  const type = duckType.trim().toUpperCase();
  if (type.endsWith("]")) return "array";
  if (type.startsWith("STRUCT")) return "row";
  if (type.startsWith("MAP")) return "map";
  if (type.startsWith("DECIMAL")) return "decimal";
  if (type.startsWith("VARCHAR")) return "varchar";
  switch (type) {
    case "BIGINT":
    case "UBIGINT":
    case "UINTEGER":
      return "bigint";
    case "HUGEINT":
    case "UHUGEINT":
      return "decimal";
    case "INTEGER":
    case "USMALLINT":
      return "integer";
    case "SMALLINT":
    case "UTINYINT":
      return "smallint";
    case "TINYINT":
      return "tinyint";
    case "DOUBLE":
      return "double";
    case "FLOAT":
    case "REAL":
      return "float";
    case "BOOLEAN":
      return "boolean";
    case "DATE":
      return "date";
    case "TIME":
      return "time";
    case "TIMESTAMP WITH TIME ZONE":
      return "timestamp with time zone";
    case "INTERVAL":
      return "interval day to second";
    case "BLOB":
      return "varbinary";
    case "JSON":
      return "json";
    case '"NULL"':
    case "NULL":
      return "unknown";
    default:
      return type.startsWith("TIMESTAMP") ? "timestamp" : "varchar";
  }
}

/** The Glue (Hive) type a CTAS writes for a result column of this DuckDB type. */
export function glueTypeOfDuckType(duckType: string): string {
  const type = duckType.trim();
  const upper = type.toUpperCase();
  if (upper.endsWith("[]")) return `array<${glueTypeOfDuckType(type.slice(0, -2))}>`;
  if (upper.startsWith("STRUCT(")) {
    const fields = splitTopLevel(type.slice("STRUCT(".length, -1)).map((field) => {
      const match = /^("(?:[^"]|"")*"|\S+)\s+(.*)$/s.exec(field)!;
      const name = match[1]!.startsWith('"') ? match[1]!.slice(1, -1).replace(/""/g, '"') : match[1]!;
      return `${name.toLowerCase()}:${glueTypeOfDuckType(match[2]!)}`;
    });
    return `struct<${fields.join(",")}>`;
  }
  if (upper.startsWith("MAP(")) {
    const [key, value] = splitTopLevel(type.slice("MAP(".length, -1));
    return `map<${glueTypeOfDuckType(key!)},${glueTypeOfDuckType(value!)}>`;
  }
  if (upper.startsWith("DECIMAL")) return type.toLowerCase().replace(/\s/g, "");
  switch (athenaTypeOfDuckType(type)) {
    case "bigint":
      return "bigint";
    case "integer":
      return "int";
    case "smallint":
      return "smallint";
    case "tinyint":
      return "tinyint";
    case "double":
      return "double";
    case "float":
      return "float";
    case "boolean":
      return "boolean";
    case "date":
      return "date";
    case "timestamp":
    case "timestamp with time zone":
      return "timestamp";
    case "varbinary":
      return "binary";
    default:
      return "string";
  }
}
