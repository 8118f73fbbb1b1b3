import { decimal, duckType, type TrinoType } from "../types/TrinoType";
import { call, fail, scalar } from "./define";
import type { FunctionSignature } from "./FunctionSignature";

/**
 * Trino's mathematical functions (https://trino.io/docs/current/functions/math.html; io.trino.operator.scalar.
 * MathFunctions). Rounding is half away from zero for every type: round(2.5) = 3.0 and round(-2.5) = -3.0, and
 * round(x, d) is Java's Math.round(x * 10^d) / 10^d (so round(2.675, 2) is 2.67, as the double 2.675 is below it).
 */

const INTEGRAL = ["tinyint", "smallint", "integer", "bigint"] as const;

/** Trino's round(double, d): sign * Math.round(|x| * 10^d) / 10^d, Math.round being floor(v + 0.5). */
function roundDouble(x: string, digits: string, duck: string): string {
  const factor = `power(10.0, ${digits})`;
  return `CAST(CASE WHEN isnan(${x}) OR isinf(${x}) THEN ${x} WHEN ${x} < 0 THEN -(floor(-${x} * ${factor} + 0.5) / ${factor}) ELSE floor(${x} * ${factor} + 0.5) / ${factor} END AS ${duck})`;
}

function roundedDecimal(args: readonly TrinoType[]): TrinoType {
  const type = args[0] as { precision: number; scale: number };
  return decimal(Math.min(38, type.precision - type.scale + Math.min(1, type.scale)), 0);
}

export const MATH_FUNCTIONS: readonly FunctionSignature[] = [
  ...INTEGRAL.map((type) => scalar("abs", [type], type, (args, shape) => `CASE WHEN ${args[0]!.sql} = ${minimum(type)} THEN ${fail(shape, "NUMERIC_VALUE_OUT_OF_RANGE", `'Value ${minimum(type)} is out of range for abs(${type})'`)} ELSE abs(${args[0]!.sql}) END`)),
  scalar("abs", ["double"], "double", call("abs")),
  scalar("abs", ["real"], "real", call("abs")),
  scalar("abs", ["decimal(p,s)"], (args) => args[0]!, call("abs")),
  ...["ceil", "ceiling"].flatMap((name) => [
    ...INTEGRAL.map((type) => scalar(name, [type], type, (args) => args[0]!.sql)),
    scalar(name, ["double"], "double", call("ceil")),
    scalar(name, ["real"], "real", call("ceil")),
    scalar(name, ["decimal(p,s)"], roundedDecimal, (args, shape) => `CAST(ceil(${args[0]!.sql}) AS ${duckType(shape.returnType)})`),
  ]),
  ...INTEGRAL.map((type) => scalar("floor", [type], type, (args) => args[0]!.sql)),
  scalar("floor", ["double"], "double", call("floor")),
  scalar("floor", ["real"], "real", call("floor")),
  scalar("floor", ["decimal(p,s)"], roundedDecimal, (args, shape) => `CAST(floor(${args[0]!.sql}) AS ${duckType(shape.returnType)})`),
  ...INTEGRAL.map((type) => scalar("round", [type], type, (args) => args[0]!.sql)),
  ...INTEGRAL.map((type) =>
    scalar("round", [type, "integer"], type, (args) => `CAST(CASE WHEN ${args[1]!.sql} >= 0 THEN ${args[0]!.sql} ELSE round(${args[0]!.sql}, ${args[1]!.sql}) END AS ${duckType({ kind: type })})`),
  ),
  scalar("round", ["double"], "double", (args) => roundDouble(args[0]!.sql, "0", "DOUBLE")),
  scalar("round", ["double", "integer"], "double", (args) => roundDouble(args[0]!.sql, args[1]!.sql, "DOUBLE")),
  scalar("round", ["real"], "real", (args) => roundDouble(`CAST(${args[0]!.sql} AS DOUBLE)`, "0", "FLOAT")),
  scalar("round", ["real", "integer"], "real", (args) => roundDouble(`CAST(${args[0]!.sql} AS DOUBLE)`, args[1]!.sql, "FLOAT")),
  scalar("round", ["decimal(p,s)"], roundedDecimal, (args, shape) => `CAST(round(${args[0]!.sql}) AS ${duckType(shape.returnType)})`),
  scalar(
    "round",
    ["decimal(p,s)", "integer"],
    (args) => {
      const type = args[0] as { precision: number; scale: number };
      return decimal(Math.min(38, type.precision + 1), type.scale);
    },
    (args, shape) => `CAST(round(${args[0]!.sql}, ${args[1]!.sql}) AS ${duckType(shape.returnType)})`,
  ),
  scalar("truncate", ["double"], "double", call("trunc")),
  scalar("truncate", ["real"], "real", call("trunc")),
  scalar(
    "truncate",
    ["decimal(p,s)"],
    (args) => {
      const type = args[0] as { precision: number; scale: number };
      return decimal(Math.max(1, type.precision - type.scale), 0);
    },
    (args, shape) => `CAST(trunc(${args[0]!.sql}) AS ${duckType(shape.returnType)})`,
  ),
  scalar("truncate", ["decimal(p,s)", "integer"], (args) => args[0]!, (args, shape) => `CAST(trunc(${args[0]!.sql} * power(10, ${args[1]!.sql})) / power(10, ${args[1]!.sql}) AS ${duckType(shape.returnType)})`),
  ...INTEGRAL.map((type) =>
    // mod() on integers divides in Java without Trino's check: a zero divisor is an internal error there.
    scalar("mod", [type, type], type, (args, shape) => `CASE WHEN ${args[1]!.sql} = 0 THEN ${fail(shape, "GENERIC_INTERNAL_ERROR", "'/ by zero'")} ELSE ${args[0]!.sql} % ${args[1]!.sql} END`),
  ),
  scalar("mod", ["double", "double"], "double", (args) => `trino_double_modulus(${args[0]!.sql}, ${args[1]!.sql})`),
  scalar("mod", ["real", "real"], "real", (args) => `CAST(trino_double_modulus(CAST(${args[0]!.sql} AS DOUBLE), CAST(${args[1]!.sql} AS DOUBLE)) AS FLOAT)`),
  ...[
    ["sqrt", "sqrt"],
    ["cbrt", "trino_cbrt"],
    ["exp", "exp"],
    ["ln", "ln"],
    ["log2", "log2"],
    ["log10", "log10"],
    ["degrees", "degrees"],
    ["radians", "radians"],
    ["sin", "sin"],
    ["cos", "cos"],
    ["tan", "tan"],
    ["asin", "asin"],
    ["acos", "acos"],
    ["atan", "atan"],
    ["cosh", "cosh"],
    ["tanh", "tanh"],
  ].map(([name, duck]) => scalar(name!, ["double"], "double", (args) => ieee(duck!, args[0]!.sql))),
  scalar("atan2", ["double", "double"], "double", call("atan2")),
  scalar("power", ["double", "double"], "double", call("pow")),
  scalar("pow", ["double", "double"], "double", call("pow")),
  scalar("log", ["double", "double"], "double", (args) => `(ln(${args[1]!.sql}) / ln(${args[0]!.sql}))`),
  ...INTEGRAL.map((type) => scalar("sign", [type], type, (args) => `CAST(sign(${args[0]!.sql}) AS ${duckType({ kind: type })})`)),
  scalar("sign", ["double"], "double", (args) => `CAST(sign(${args[0]!.sql}) AS DOUBLE)`),
  scalar("sign", ["real"], "real", (args) => `CAST(sign(${args[0]!.sql}) AS FLOAT)`),
  scalar("sign", ["decimal(p,s)"], () => decimal(1, 0), (args) => `CAST(sign(${args[0]!.sql}) AS DECIMAL(1,0))`),
  scalar("pi", [], "double", () => "pi()"),
  scalar("e", [], "double", () => "exp(1)"),
  scalar("nan", [], "double", () => "'NaN'::DOUBLE"),
  scalar("infinity", [], "double", () => "'Infinity'::DOUBLE"),
  scalar("is_nan", ["double"], "boolean", call("isnan")),
  scalar("is_finite", ["double"], "boolean", call("isfinite")),
  scalar("is_infinite", ["double"], "boolean", call("isinf")),
  scalar("random", [], "double", () => "random()", { deterministic: false }),
  scalar("rand", [], "double", () => "random()", { deterministic: false }),
  ...INTEGRAL.flatMap((type) =>
    ["random", "rand"].flatMap((name) => [
      scalar(name, [type], type, (args, shape) => `CASE WHEN ${args[0]!.sql} <= 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'bound must be positive'")} ELSE CAST(floor(random() * ${args[0]!.sql}) AS ${duckType({ kind: type })}) END`, { deterministic: false }),
      scalar(name, [type, type], type, (args, shape) =>
        `CASE WHEN ${args[0]!.sql} >= ${args[1]!.sql} THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'start value must be less than stop value'")} ELSE CAST(${args[0]!.sql} + floor(random() * (CAST(${args[1]!.sql} AS HUGEINT) - ${args[0]!.sql})) AS ${duckType({ kind: type })}) END`,
        { deterministic: false },
      ),
    ]),
  ),
  // NULL when any argument is NULL (DuckDB's greatest and least skip NULLs).
  ...["greatest", "least"].map((name) =>
    scalar(name, ["T"], "T", (args) => `CASE WHEN ${args.map((arg) => `${arg.sql} IS NULL`).join(" OR ")} THEN NULL ELSE ${name}(${args.map((arg) => arg.sql).join(", ")}) END`, { variadic: true, constraints: { T: "orderable" } }),
  ),
  scalar("width_bucket", ["double", "double", "double", "bigint"], "bigint", (args) => `CAST(CASE WHEN ${args[0]!.sql} < ${args[1]!.sql} THEN 0 WHEN ${args[0]!.sql} >= ${args[2]!.sql} THEN ${args[3]!.sql} + 1 ELSE floor((${args[0]!.sql} - ${args[1]!.sql}) / (${args[2]!.sql} - ${args[1]!.sql}) * ${args[3]!.sql}) + 1 END AS BIGINT)`),
  scalar("width_bucket", ["double", "array(double)"], "bigint", (args, shape) => {
    const [x, bins] = [args[0]!.sql, args[1]!.sql];
    return `CASE WHEN len(${bins}) = 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Bins cannot be an empty array'")} WHEN isnan(${x}) THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Operand cannot be NaN'")} WHEN list_sort(${bins}) <> ${bins} THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Bin values are not sorted in ascending order'")} ELSE CAST(len(list_filter(${bins}, lambda "b": "b" <= ${x})) AS BIGINT) END`;
  }),
  // Long.toString(value, radix) and Long.parseLong(string, radix), checked as MathFunctions checks them.
  scalar("to_base", ["bigint", "bigint"], "varchar(64)", (args, shape) =>
    `CASE WHEN ${args[1]!.sql} < 2 OR ${args[1]!.sql} > 36 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Radix must be between 2 and 36'")} ELSE trino_to_base(${args[0]!.sql}, ${args[1]!.sql}) END`,
  ),
  scalar("from_base", ["varchar(x)", "bigint"], "bigint", (args, shape) => {
    const [s, radix] = [args[0]!.sql, args[1]!.sql];
    const value = `trino_from_base(${s}, ${radix})`;
    return `CASE WHEN ${radix} < 2 OR ${radix} > 36 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Radix must be between 2 and 36'")} WHEN ${value} IS NULL AND ${s} IS NOT NULL THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'Not a valid base-' || ${radix} || ' number: ' || ${s}`)} ELSE CAST(${value} AS BIGINT) END`;
  }),
  ...["wilson_interval_lower", "wilson_interval_upper"].map((name) =>
    scalar(name, ["bigint", "bigint", "double"], "double", (args, shape) => {
      const [s, n, z] = [args[0]!.sql, args[1]!.sql, args[2]!.sql];
      const p = `(${s} * 1.0 / ${n})`;
      const bound = name === "wilson_interval_lower" ? "-1" : "1";
      return `CASE WHEN ${s} < 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'number of successes must not be negative'")} WHEN ${n} <= 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'number of trials must be positive'")} WHEN ${s} > ${n} THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'number of successes must not be larger than number of trials'")} WHEN ${z} < 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'z-score must not be negative'")} ELSE (${p} + (${z} * ${z}) / (2 * CAST(${n} AS DOUBLE)) + ${bound} * ${z} * sqrt((${p} * (1 - ${p})) / ${n} + (${z} * ${z}) / (4 * CAST(${n} AS DOUBLE) * ${n}))) / (1 + (${z} * ${z}) / ${n}) END`;
    }),
  ),
  scalar("bitwise_and", ["bigint", "bigint"], "bigint", (args) => `(${args[0]!.sql} & ${args[1]!.sql})`),
  scalar("bitwise_or", ["bigint", "bigint"], "bigint", (args) => `(${args[0]!.sql} | ${args[1]!.sql})`),
  scalar("bitwise_xor", ["bigint", "bigint"], "bigint", (args) => `xor(${args[0]!.sql}, ${args[1]!.sql})`),
  scalar("bitwise_not", ["bigint"], "bigint", (args) => `(~ ${args[0]!.sql})`),
  // BitwiseFunctions.bitCount: the number in `bits`-bit two's complement.
  scalar("bit_count", ["bigint", "bigint"], "bigint", (args, shape) => {
    const [x, bits] = [args[0]!.sql, args[1]!.sql];
    return `CASE WHEN ${bits} = 64 THEN CAST(bit_count(${x}) AS BIGINT) WHEN ${bits} <= 1 OR ${bits} > 64 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'Bits specified in bit_count must be between 2 and 64, got ' || ${bits}`)} WHEN ${x} >= CAST(2 ** (${bits} - 1) AS HUGEINT) OR ${x} < -(CAST(2 ** (${bits} - 1) AS HUGEINT)) THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'Number must be representable with the bits specified. ' || ${x} || ' cannot be represented with ' || ${bits} || ' bits'`)} ELSE CAST(bit_count(CAST((CAST(${x} AS HUGEINT) + CAST(2 ** ${bits} AS HUGEINT)) % CAST(2 ** ${bits} AS HUGEINT) AS UBIGINT)) AS BIGINT) END`;
  }),
  // Shifts of a value of `width` bits (BitwiseFunctions): the bits shifted past the width are lost, and the result
  // is read back as that width's two's complement; a shift of 64 or more gives 0 (-1 for a negative arithmetic shift).
  ...INTEGRAL.flatMap((type) => {
    const width = { tinyint: 8, smallint: 16, integer: 32, bigint: 64 }[type];
    const duck = duckType({ kind: type });
    const unsigned = (x: string): string => `((CAST(${x} AS HUGEINT) + ${2n ** BigInt(width)}) % ${2n ** BigInt(width)})`;
    const signedOf = (u: string): string => `CAST(CASE WHEN ${u} >= ${2n ** BigInt(width - 1)} THEN ${u} - ${2n ** BigInt(width)} ELSE ${u} END AS ${duck})`;
    return [
      scalar("bitwise_left_shift", [type, "integer"], type, (args) =>
        `CASE WHEN ${args[1]!.sql} >= ${width} THEN CAST(0 AS ${duck}) ELSE ${signedOf(`(${unsigned(args[0]!.sql)} % (CAST(2 ** (${width} - ${args[1]!.sql}) AS HUGEINT)) * CAST(2 ** ${args[1]!.sql} AS HUGEINT))`)} END`,
      ),
      scalar("bitwise_right_shift", [type, "integer"], type, (args) =>
        `CASE WHEN ${args[1]!.sql} >= 64 THEN CAST(0 AS ${duck}) WHEN ${args[1]!.sql} = 0 THEN ${args[0]!.sql} ELSE CAST(${unsigned(args[0]!.sql)} // (CAST(2 ** ${args[1]!.sql} AS HUGEINT)) AS ${duck}) END`,
      ),
      scalar("bitwise_right_shift_arithmetic", [type, "integer"], type, (args) =>
        `CASE WHEN ${args[1]!.sql} >= 64 THEN CAST(CASE WHEN ${args[0]!.sql} >= 0 THEN 0 ELSE -1 END AS ${duck}) ELSE CAST(CAST(${args[0]!.sql} AS BIGINT) >> ${args[1]!.sql} AS ${duck}) END`,
      ),
    ];
  }),
];

/** Java's Math answers NaN or -Infinity where DuckDB raises an error (sqrt(-1), ln(0), asin(2)). */
function ieee(duck: string, x: string): string {
  switch (duck) {
    case "sqrt":
      return `CASE WHEN ${x} < 0 THEN 'NaN'::DOUBLE ELSE sqrt(${x}) END`;
    case "ln":
    case "log2":
    case "log10":
      return `CASE WHEN ${x} < 0 THEN 'NaN'::DOUBLE WHEN ${x} = 0 THEN '-Infinity'::DOUBLE ELSE ${duck}(${x}) END`;
    case "asin":
    case "acos":
      return `CASE WHEN ${x} < -1 OR ${x} > 1 THEN 'NaN'::DOUBLE ELSE ${duck}(${x}) END`;
    default:
      return `${duck}(${x})`;
  }
}

function minimum(type: (typeof INTEGRAL)[number]): string {
  return { tinyint: "-128", smallint: "-32768", integer: "-2147483648", bigint: "-9223372036854775808" }[type];
}
