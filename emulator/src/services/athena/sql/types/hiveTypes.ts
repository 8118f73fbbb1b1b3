import { display, type RowField, type TrinoType } from "./TrinoType";

/**
 * Glue's column types are Hive type strings (`string`, `int`, `array<struct<a:int>>`); Athena reads them as Trino
 * types (Trino's Hive connector, HiveType.toTrinoType): string -> varchar, int -> integer, float -> real,
 * binary -> varbinary, timestamp -> timestamp(3), struct -> row.
 */
export class HiveTypeError extends Error {}

export function parseHiveType(text: string): TrinoType {
  let i = 0;
  const source = text.trim();
  const skip = (): void => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  const word = (): string => {
    skip();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (match === null) throw new HiveTypeError(`Error: type expected at the position ${i} of '${text}'`);
    i += match[0].length;
    return match[0];
  };
  const fieldName = (): string => {
    skip();
    if (source[i] === "`") {
      const end = source.indexOf("`", i + 1);
      const name = source.slice(i + 1, end);
      i = end + 1;
      return name;
    }
    const match = /^[^:<>,\s]+/.exec(source.slice(i));
    if (match === null) throw new HiveTypeError(`Error: name expected at the position ${i} of '${text}'`);
    i += match[0].length;
    return match[0];
  };
  const expect = (character: string): void => {
    skip();
    if (source[i] !== character) throw new HiveTypeError(`Error: ${character} expected at the position ${i} of '${text}'`);
    i++;
  };
  const numbers = (): number[] => {
    skip();
    if (source[i] !== "(") return [];
    const end = source.indexOf(")", i);
    const values = source.slice(i + 1, end).split(",").map((value) => Number(value.trim()));
    i = end + 1;
    return values;
  };
  const type = (): TrinoType => {
    skip();
    const start = i;
    const written = word();
    const name = written.toLowerCase();
    switch (name) {
      case "string":
        return { kind: "varchar" };
      case "varchar": {
        const [length] = numbers();
        return length === undefined ? { kind: "varchar" } : { kind: "varchar", length };
      }
      case "char": {
        const [length] = numbers();
        return { kind: "char", length: length ?? 1 };
      }
      case "tinyint":
      case "smallint":
      case "bigint":
      case "double":
      case "boolean":
      case "date":
        return { kind: name };
      case "int":
      case "integer":
        return { kind: "integer" };
      case "float":
      case "real":
        return { kind: "real" };
      case "binary":
        return { kind: "varbinary" };
      case "timestamp":
        return { kind: "timestamp", precision: 3, withTimeZone: false };
      case "decimal": {
        const [precision, scale] = numbers();
        return { kind: "decimal", precision: precision ?? 10, scale: scale ?? 0 };
      }
      case "array": {
        expect("<");
        const element = type();
        expect(">");
        return { kind: "array", element };
      }
      case "map": {
        expect("<");
        const key = type();
        expect(",");
        const value = type();
        expect(">");
        return { kind: "map", key, value };
      }
      case "struct": {
        expect("<");
        const fields: RowField[] = [];
        skip();
        while (source[i] !== ">") {
          const name = fieldName().toLowerCase();
          expect(":");
          fields.push({ name, type: type() });
          skip();
          if (source[i] === ",") i++;
          skip();
          if (i >= source.length) throw new HiveTypeError(`Error: > expected at the end of '${text}'`);
        }
        expect(">");
        return { kind: "row", fields };
      }
      default:
        // Hive's own words (TypeInfoUtils.TypeInfoParser.expect), which Athena passes on for a Glue column's type.
        throw new HiveTypeError(`Error: type expected at the position ${start} of '${text}' but '${written}' is found.`);
    }
  };
  const parsed = type();
  skip();
  if (i !== source.length) throw new HiveTypeError(`Error: unexpected '${source.slice(i)}' at the end of '${text}'`);
  return parsed;
}

/**
 * The Hive type a CTAS, INSERT or view writes to Glue for a Trino type; undefined where Hive has none, which
 * Athena refuses as `NOT_SUPPORTED: Unsupported Hive type: <type>` (timestamp with time zone, time, json, uuid,
 * intervals).
 */
export function hiveTypeOf(type: TrinoType): string | undefined {
  switch (type.kind) {
    case "varchar":
      return type.length === undefined ? "string" : `varchar(${type.length})`;
    case "char":
      return `char(${type.length})`;
    case "integer":
      return "int";
    case "real":
      return "float";
    case "varbinary":
      return "binary";
    case "tinyint":
    case "smallint":
    case "bigint":
    case "double":
    case "boolean":
    case "date":
      return type.kind;
    case "decimal":
      return `decimal(${type.precision},${type.scale})`;
    case "timestamp":
      return type.withTimeZone ? undefined : "timestamp";
    case "array": {
      const element = hiveTypeOf(type.element);
      return element === undefined ? undefined : `array<${element}>`;
    }
    case "map": {
      const key = hiveTypeOf(type.key);
      const value = hiveTypeOf(type.value);
      return key === undefined || value === undefined ? undefined : `map<${key},${value}>`;
    }
    case "row": {
      const fields = type.fields.map((field, index) => {
        const fieldType = hiveTypeOf(field.type);
        return fieldType === undefined ? undefined : `${field.name ?? `field${index}`}:${fieldType}`;
      });
      return fields.some((field) => field === undefined) ? undefined : `struct<${fields.join(",")}>`;
    }
    default:
      return undefined;
  }
}

/** The message Athena gives a column whose type Hive cannot store. */
export function unsupportedHiveType(type: TrinoType): string {
  return `Unsupported Hive type: ${display(type)}`;
}
