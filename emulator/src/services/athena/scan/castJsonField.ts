import { duckTypeOfGlueType } from "./glueTypes";
import { castColumn } from "./glueCast";
import { failSql, quoteString } from "../sql/analyze/sqlText";

/** Java's Integer.parseInt (and Byte/Short/Long) grammar, and the `0x` hex the OpenX SerDe also takes. */
const INTEGRAL = "[+-]?[0-9]+|0[xX][0-9a-fA-F]+";

/** Java's Double.parseDouble grammar (after its trim) less hex floats; the f/d suffix is dropped before DuckDB's cast. */
const FLOATING = "[+-]?(NaN|Infinity|([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?[fFdD]?)";

const INTEGRAL_TYPES = new Set(["TINYINT", "SMALLINT", "INTEGER", "BIGINT"]);
const FLOATING_TYPES = new Set(["REAL", "DOUBLE"]);

/** Java's String.trim() in SQL: every character up to U+0020 on both ends. */
function javaTrim(value: string): string {
  return `regexp_replace(${value}, '^[\\x00-\\x20]+|[\\x00-\\x20]+$', '', 'g')`;
}

/**
 * The value a JSON SerDe failed to parse into its column's type: Athena fails the query with
 * `HIVE_BAD_DATA: Error parsing field value '0.54' for field 0: For input string: "0.54"` (its
 * knowledge-center article athena-hive-bad-data-parsing-field-value; `field` is the column's 0-based position),
 * or answers NULL where the table sets `use.null.for.invalid.data`. `javaMessage` is the SQL of Java's
 * NumberFormatException message.
 */
function invalid(value: string, field: number, javaMessage: string, nullForInvalid: boolean): string {
  if (nullForInvalid) return "NULL";
  return failSql(false, "HIVE_BAD_DATA", `${quoteString("Error parsing field value '")} || ${value} || ${quoteString(`' for field ${field}: `)} || ${javaMessage}`);
}

/**
 * A JSON field's text (NULL where the key is missing or null) cast to its Glue column's type as the OpenX
 * JsonSerDe converts it: a number column fails the query on text Java's number parsing rejects (`"abc"`,
 * `"0.54"` in an int, `"12312845691"` past an int's range) instead of reading NULL; a boolean is true for
 * `true` in any case and false for any other text (Boolean.parseBoolean). Other types convert as the other
 * SerDes do, NULL where the text does not convert (not verified against Athena).
 * Evaluated per row in SQL, so a query fails only when it reads the column, as Athena's lazy readers do.
 */
export function castJsonField(value: string, glueType: string, field: number, nullForInvalid: boolean): string {
  const duckType = duckTypeOfGlueType(glueType);
  if (INTEGRAL_TYPES.has(duckType)) {
    return (
      `CASE WHEN ${value} IS NULL THEN NULL ` +
      `WHEN regexp_full_match(${value}, '${INTEGRAL}') AND TRY_CAST(${value} AS ${duckType}) IS NOT NULL THEN CAST(${value} AS ${duckType}) ` +
      `ELSE ${invalid(value, field, `'For input string: "' || ${value} || '"'`, nullForInvalid)} END`
    );
  }
  if (FLOATING_TYPES.has(duckType)) {
    const trimmed = javaTrim(value);
    return (
      `CASE WHEN ${value} IS NULL THEN NULL ` +
      `WHEN regexp_full_match(${trimmed}, '${FLOATING}') THEN CAST(regexp_replace(${trimmed}, '[fFdD]$', '') AS ${duckType}) ` +
      `ELSE ${invalid(value, field, `CASE WHEN ${trimmed} = '' THEN 'empty String' ELSE 'For input string: "' || ${trimmed} || '"' END`, nullForInvalid)} END`
    );
  }
  if (duckType === "BOOLEAN") {
    return `CASE WHEN ${value} IS NULL THEN NULL ELSE lower(${value}) = 'true' END`;
  }
  return castColumn(value, glueType);
}
