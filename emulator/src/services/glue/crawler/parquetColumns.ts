import type { DuckDBInstance } from "@duckdb/node-api";
import { duckdb } from "../../../duckdbModule";
import { scalar, STRING, type GlueType } from "./GlueType";

const SCALARS: Record<string, string> = {
  BOOLEAN: "boolean",
  TINYINT: "tinyint",
  SMALLINT: "smallint",
  INTEGER: "int",
  BIGINT: "bigint",
  UTINYINT: "smallint",
  USMALLINT: "int",
  UINTEGER: "bigint",
  UBIGINT: "decimal(20,0)",
  HUGEINT: "decimal(38,0)",
  FLOAT: "float",
  DOUBLE: "double",
  VARCHAR: "string",
  BLOB: "binary",
  DATE: "date",
  TIMESTAMP: "timestamp",
  TIMESTAMP_S: "timestamp",
  TIMESTAMP_MS: "timestamp",
  TIMESTAMP_NS: "timestamp",
  "TIMESTAMP WITH TIME ZONE": "timestamp",
  UUID: "string",
};

/** A DuckDB type as DESCRIBE prints it (`STRUCT("a b" INTEGER, c VARCHAR[])`) as the Glue type a crawler writes. */
export function glueTypeOfDuckDbType(text: string): GlueType {
  let position = 0;
  const skipSpaces = (): void => {
    while (text.charAt(position) === " ") {
      position += 1;
    }
  };
  const name = (): string => {
    skipSpaces();
    if (text.charAt(position) === '"') {
      let result = "";
      position += 1;
      while (position < text.length) {
        const char = text.charAt(position);
        position += 1;
        if (char === '"') {
          if (text.charAt(position) === '"') {
            result += '"';
            position += 1;
            continue;
          }
          break;
        }
        result += char;
      }
      return result;
    }
    const start = position;
    while (position < text.length && !/[ (),[\]]/.test(text.charAt(position))) {
      position += 1;
    }
    return text.slice(start, position);
  };
  const parse = (): GlueType => {
    skipSpaces();
    let base = name().toUpperCase();
    let type: GlueType;
    if ((base === "STRUCT" || base === "MAP") && text.charAt(position) === "(") {
      position += 1;
      if (base === "STRUCT") {
        const fields = new Map<string, GlueType>();
        while (text.charAt(position) !== ")" && position < text.length) {
          const field = name();
          fields.set(field, parse());
          skipSpaces();
          if (text.charAt(position) === ",") {
            position += 1;
          }
        }
        type = { kind: "struct", fields };
      } else {
        const key = parse();
        skipSpaces();
        position += 1;
        const value = parse();
        type = { kind: "map", key, value };
      }
      position += 1;
    } else {
      // Multi-word names: TIMESTAMP WITH TIME ZONE.
      while (/^ WITH| TIME| ZONE/.test(text.slice(position, position + 5))) {
        position += 1;
        base += ` ${name().toUpperCase()}`;
      }
      if (text.charAt(position) === "(") {
        const close = text.indexOf(")", position);
        const argumentsText = text.slice(position, close + 1).replace(/\s+/g, "");
        position = close + 1;
        type = base === "DECIMAL" ? scalar(`decimal${argumentsText}`) : scalar(SCALARS[base] ?? "string");
      } else {
        type = SCALARS[base] === undefined ? STRING : scalar(SCALARS[base]!);
      }
    }
    while (text.charAt(position) === "[") {
      position = text.indexOf("]", position) + 1;
      type = { kind: "array", element: type };
    }
    return type;
  };
  return parse();
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Reads Parquet footers with DuckDB: one instance per crawl, closed by close(). */
export class ParquetSchemaReader {
  private instance: Promise<DuckDBInstance> | undefined;

  /** The file's columns as Glue types, and its row count from the footer. */
  async schema(path: string): Promise<{ columns: { name: string; type: GlueType }[]; rowCount: number }> {
    this.instance ??= duckdb().DuckDBInstance.create(":memory:");
    const connection = await (await this.instance).connect();
    try {
      const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(path)})`);
      const columns = described.getRowObjectsJS().map((row) => ({ name: String(row["column_name"]), type: glueTypeOfDuckDbType(String(row["column_type"])) }));
      const metadata = await connection.runAndReadAll(`SELECT num_rows FROM parquet_file_metadata(${sqlString(path)})`);
      const rowCount = Number(metadata.getRowObjectsJS()[0]?.["num_rows"] ?? 0);
      return { columns, rowCount };
    } finally {
      connection.closeSync();
    }
  }

  async close(): Promise<void> {
    if (this.instance !== undefined) {
      (await this.instance).closeSync();
      this.instance = undefined;
    }
  }
}
