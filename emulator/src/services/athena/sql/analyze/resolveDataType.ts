import { QueryError, queryErrorAt } from "../../errors/athenaErrors";
import type { DataType } from "../ast";
import { formatDataType } from "../formatSql";
import type { RowField, TrinoType } from "../types/TrinoType";

/** A type written in a CAST, as Trino's analyzer reads it (unknown names: `TYPE_MISMATCH: Unknown type: x`). */
export function resolveDataType(type: DataType): TrinoType {
  switch (type.kind) {
    case "row": {
      const fields: RowField[] = type.fields.map((field) => ({ ...(field.name === undefined ? {} : { name: field.name.value.toLowerCase() }), type: resolveDataType(field.type) }));
      return { kind: "row", fields };
    }
    case "interval":
      return { kind: type.from === "YEAR" || type.from === "MONTH" ? "interval year to month" : "interval day to second" };
    case "dateTime": {
      const parameter = type.precision;
      const precision = parameter === undefined ? 3 : parameter.kind === "number" ? parameter.value : NaN;
      if (!Number.isInteger(precision) || precision < 0 || precision > 12) {
        throw new QueryError("INVALID_FUNCTION_ARGUMENT", `${type.base.toUpperCase()} precision must be in range [0, 12]: ${precision}`);
      }
      return { kind: type.base, precision, withTimeZone: type.withTimeZone };
    }
    case "generic": {
      const name = type.name.value.toLowerCase();
      const numbers = type.parameters.map((parameter) => (parameter.kind === "number" ? parameter.value : undefined));
      const types = type.parameters.map((parameter) => (parameter.kind === "type" ? resolveDataType(parameter.type) : undefined));
      const unknown = (): never => {
        throw queryErrorAt("TYPE_MISMATCH", type.at, `Unknown type: ${formatDataType(type)}`);
      };
      switch (name) {
        case "boolean":
        case "tinyint":
        case "smallint":
        case "integer":
        case "bigint":
        case "real":
        case "double":
        case "date":
        case "varbinary":
        case "json":
        case "uuid":
        case "ipaddress":
          if (type.parameters.length > 0) unknown();
          return { kind: name };
        case "int":
          if (type.parameters.length > 0) unknown();
          return { kind: "integer" };
        case "float":
          if (type.parameters.length > 0) unknown();
          return { kind: "real" };
        case "varchar":
        case "string":
          if (name === "string") unknown();
          if (numbers.length === 0) return { kind: "varchar" };
          if (numbers.length !== 1 || numbers[0] === undefined) unknown();
          return { kind: "varchar", length: numbers[0]! };
        case "char":
          if (numbers.length > 1) unknown();
          return { kind: "char", length: numbers[0] ?? 1 };
        case "decimal": {
          const precision = numbers[0] ?? 38;
          const scale = numbers[1] ?? 0;
          if (precision < 1 || precision > 38) throw new QueryError("INVALID_FUNCTION_ARGUMENT", `DECIMAL precision must be in range [1, 38]: ${precision}`);
          if (scale < 0 || scale > precision) throw new QueryError("INVALID_FUNCTION_ARGUMENT", `DECIMAL scale must be in range [0, precision (${precision})]: ${scale}`);
          return { kind: "decimal", precision, scale };
        }
        case "array":
          if (types.length !== 1 || types[0] === undefined) unknown();
          return { kind: "array", element: types[0]! };
        case "map":
          if (types.length !== 2 || types[0] === undefined || types[1] === undefined) unknown();
          return { kind: "map", key: types[0]!, value: types[1]! };
        case "unknown":
          throw queryErrorAt("TYPE_MISMATCH", type.at, "UNKNOWN is not a valid type");
        default:
          return unknown();
      }
    }
  }
}
