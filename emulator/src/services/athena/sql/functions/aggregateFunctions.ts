import { decimal, type TrinoType } from "../types/TrinoType";
import { fold } from "./collectionFunctions";
import { aggregate, aggregateCall, aggregateSql, sqls, windowFunction } from "./define";
import type { FunctionSignature } from "./FunctionSignature";

/**
 * Trino's aggregate and window functions (https://trino.io/docs/current/functions/aggregate.html, window.html),
 * with the result types of Trino's implementations (io.trino.operator.aggregation): count is bigint, sum of
 * integers bigint and of decimal(p,s) decimal(38,s), avg of integers double, stddev of one row NULL.
 */

const asDecimal38 = (args: readonly TrinoType[]): TrinoType => {
  const type = args[0]!;
  return type.kind === "decimal" ? decimal(38, type.scale) : type;
};

/** approx_percentile: Trino's T-Digest is approximate; here the exact value at that rank (see docs/athena-glue.md). */
function percentile(args: readonly string[], shape: Parameters<typeof aggregateSql>[2]): string {
  return aggregateSql("quantile_disc", args, { ...shape, distinct: false });
}

export const AGGREGATE_FUNCTIONS: readonly FunctionSignature[] = [
  aggregate("count", [], "bigint", (_, shape) => aggregateSql("count", ["*"], shape)),
  aggregate("count", ["T"], "bigint", aggregateCall("count")),
  aggregate("count_if", ["boolean"], "bigint", (args, shape) => aggregateSql("count_if", sqls(args), shape)),
  aggregate("sum", ["bigint"], "bigint", aggregateCall("sum")),
  aggregate("sum", ["double"], "double", aggregateCall("sum")),
  aggregate("sum", ["real"], "real", aggregateCall("sum")),
  aggregate("sum", ["decimal(p,s)"], asDecimal38, aggregateCall("sum")),
  aggregate("sum", ["interval day to second"], "interval day to second", aggregateCall("sum")),
  aggregate("avg", ["bigint"], "double", aggregateCall("avg")),
  aggregate("avg", ["double"], "double", aggregateCall("avg")),
  aggregate("avg", ["real"], "real", aggregateCall("avg")),
  aggregate("avg", ["decimal(p,s)"], (args) => args[0]!, aggregateCall("avg")),
  aggregate("avg", ["interval day to second"], "interval day to second", aggregateCall("avg")),
  aggregate("min", ["T"], "T", aggregateCall("min"), { constraints: { T: "orderable" } }),
  aggregate("min", ["T", "bigint"], "array(T)", (args, shape) => `list_slice(${aggregateSql("list", [args[0]!.sql], { ...shape, orderBy: `${args[0]!.sql} ASC` })}, 1, ${args[1]!.sql})`, { constraints: { T: "orderable" } }),
  aggregate("max", ["T"], "T", aggregateCall("max"), { constraints: { T: "orderable" } }),
  aggregate("max", ["T", "bigint"], "array(T)", (args, shape) => `list_slice(${aggregateSql("list", [args[0]!.sql], { ...shape, orderBy: `${args[0]!.sql} DESC` })}, 1, ${args[1]!.sql})`, { constraints: { T: "orderable" } }),
  aggregate("min_by", ["T", "U"], "T", (args, shape) => aggregateSql("arg_min", sqls(args), shape), { constraints: { U: "orderable" } }),
  aggregate("max_by", ["T", "U"], "T", (args, shape) => aggregateSql("arg_max", sqls(args), shape), { constraints: { U: "orderable" } }),
  aggregate("min_by", ["T", "U", "bigint"], "array(T)", (args, shape) => aggregateSql("arg_min", sqls(args), shape), { constraints: { U: "orderable" } }),
  aggregate("max_by", ["T", "U", "bigint"], "array(T)", (args, shape) => aggregateSql("arg_max", sqls(args), shape), { constraints: { U: "orderable" } }),
  aggregate("arbitrary", ["T"], "T", aggregateCall("any_value")),
  aggregate("array_agg", ["T"], "array(T)", aggregateCall("list")),
  aggregate("bool_and", ["boolean"], "boolean", aggregateCall("bool_and")),
  aggregate("bool_or", ["boolean"], "boolean", aggregateCall("bool_or")),
  aggregate("every", ["boolean"], "boolean", aggregateCall("bool_and")),
  aggregate("approx_distinct", ["T"], "bigint", (args, shape) => aggregateSql("count", sqls(args), { ...shape, distinct: true })),
  aggregate("approx_distinct", ["T", "double"], "bigint", (args, shape) => aggregateSql("count", [args[0]!.sql], { ...shape, distinct: true })),
  aggregate("approx_percentile", ["bigint", "double"], "bigint", (args, shape) => `CAST(${percentile(sqls(args), shape)} AS BIGINT)`),
  aggregate("approx_percentile", ["double", "double"], "double", (args, shape) => `CAST(${percentile(sqls(args), shape)} AS DOUBLE)`),
  aggregate("approx_percentile", ["real", "double"], "real", (args, shape) => `CAST(${percentile(sqls(args), shape)} AS FLOAT)`),
  aggregate("approx_percentile", ["bigint", "array(double)"], "array(bigint)", (args, shape) => `CAST(${percentile(sqls(args), shape)} AS BIGINT[])`),
  aggregate("approx_percentile", ["double", "array(double)"], "array(double)", (args, shape) => `CAST(${percentile(sqls(args), shape)} AS DOUBLE[])`),
  aggregate("approx_percentile", ["bigint", "bigint", "double"], "bigint", (args, shape) => `CAST(${percentile([args[0]!.sql, args[2]!.sql], shape)} AS BIGINT)`),
  aggregate("approx_percentile", ["double", "bigint", "double"], "double", (args, shape) => `CAST(${percentile([args[0]!.sql, args[2]!.sql], shape)} AS DOUBLE)`),
  aggregate("stddev", ["double"], "double", aggregateCall("stddev_samp")),
  aggregate("stddev_samp", ["double"], "double", aggregateCall("stddev_samp")),
  aggregate("stddev_pop", ["double"], "double", aggregateCall("stddev_pop")),
  aggregate("variance", ["double"], "double", aggregateCall("var_samp")),
  aggregate("var_samp", ["double"], "double", aggregateCall("var_samp")),
  aggregate("var_pop", ["double"], "double", aggregateCall("var_pop")),
  aggregate("corr", ["double", "double"], "double", aggregateCall("corr")),
  aggregate("covar_samp", ["double", "double"], "double", aggregateCall("covar_samp")),
  aggregate("covar_pop", ["double", "double"], "double", aggregateCall("covar_pop")),
  aggregate("regr_slope", ["double", "double"], "double", aggregateCall("regr_slope")),
  aggregate("regr_intercept", ["double", "double"], "double", aggregateCall("regr_intercept")),
  aggregate("kurtosis", ["double"], "double", aggregateCall("kurtosis")),
  aggregate("skewness", ["double"], "double", aggregateCall("skewness")),
  aggregate("geometric_mean", ["double"], "double", aggregateCall("geomean")),
  aggregate("histogram", ["T"], "map(T,bigint)", aggregateCall("histogram")),
  // Trino keeps one value per key (an arbitrary one); a NULL key is skipped.
  aggregate("map_agg", ["K", "V"], "map(K,V)", (args, shape) =>
    `map_from_entries(list_distinct(${aggregateSql("list", [`CASE WHEN ${args[0]!.sql} IS NOT NULL THEN struct_pack("key" := ${args[0]!.sql}, "value" := ${args[1]!.sql}) END`], shape)}))`,
  ),
  // A NULL key is skipped; each key's values in input order (MultimapAggregationFunction).
  aggregate("multimap_agg", ["K", "V"], "map(K,array(V))", (args, shape) =>
    `list_transform([list_filter(${aggregateSql("list", [`struct_pack("key" := ${args[0]!.sql}, "value" := ${args[1]!.sql})`], shape)}, lambda "e": "e"."key" IS NOT NULL)], lambda "es": CASE WHEN len("es") = 0 THEN NULL ELSE trino_multimap(list_transform("es", lambda "e": "e"."key"), list_transform("es", lambda "e": "e"."value")) END)[1]`,
  ),
  // A key in several maps keeps the value of the first map that has it.
  aggregate("map_union", ["map(K,V)"], "map(K,V)", (args, shape) =>
    `list_transform([list_filter(${aggregateSql("list", [args[0]!.sql], shape)}, lambda "m": "m" IS NOT NULL)], lambda "ms": CASE WHEN len("ms") = 0 THEN NULL ELSE list_reduce("ms", lambda "a", "b": map_concat("a", map_from_entries(list_filter(map_entries("b"), lambda "e": NOT list_contains(map_keys("a"), "e"."key"))))) END)[1]`,
  ),
  ...[
    ["bitwise_and_agg", "bit_and"],
    ["bitwise_or_agg", "bit_or"],
  ].map(([name, duck]) => aggregate(name!, ["bigint"], "bigint", aggregateCall(duck!))),
  // The exact counts of the `buckets` most frequent values (Trino's stream summary is exact when capacity allows).
  aggregate("approx_most_frequent", ["bigint", "T", "bigint"], "map(T,bigint)", (args, shape) =>
    `map_from_entries(list_transform(list_slice(list_sort(list_transform(map_entries(${aggregateSql("histogram", [args[1]!.sql], shape)}), lambda "e": {'c': -"e"."value", 'k': "e"."key"})), 1, ${aggregateSql("any_value", [args[0]!.sql], { ...shape, distinct: false })}), lambda "e": {'key': "e"."k", 'value': CAST(-"e"."c" AS BIGINT)}))`,
  ),
  // ReduceAggregationFunction: the input function over each non-NULL value from the initial state; NULL without any.
  aggregate("reduce_agg", ["T", "S", "function(S,T,S)", "function(S,S,S)"], "S", (args, shape) =>
    `list_transform([{'vs': list_filter(${aggregateSql("list", [args[0]!.sql], shape)}, lambda "v": "v" IS NOT NULL), 'init': ${aggregateSql("any_value", [args[1]!.sql], { ...shape, distinct: false })}}], lambda "p": CASE WHEN len("p"."vs") = 0 THEN NULL ELSE ${fold({ sql: '"p"."vs"', type: { kind: "array", element: args[0]!.type } }, { sql: '"p"."init"', type: args[1]!.type }, args[2]!.lambda)} END)[1]`,
  ),
  aggregate("listagg", ["varchar", "varchar"], "varchar", (args, shape) => aggregateSql("string_agg", sqls(args), shape)),
  aggregate("listagg", ["varchar"], "varchar", (args, shape) => aggregateSql("string_agg", [args[0]!.sql, "''"], shape)),
  windowFunction("row_number", [], "bigint", () => "row_number()"),
  windowFunction("rank", [], "bigint", () => "rank()"),
  windowFunction("dense_rank", [], "bigint", () => "dense_rank()"),
  windowFunction("percent_rank", [], "double", () => "percent_rank()"),
  windowFunction("cume_dist", [], "double", () => "cume_dist()"),
  windowFunction("ntile", ["bigint"], "bigint", (args) => `ntile(${args[0]!.sql})`),
  windowFunction("first_value", ["T"], "T", (args) => `first_value(${args[0]!.sql})`),
  windowFunction("last_value", ["T"], "T", (args) => `last_value(${args[0]!.sql})`),
  windowFunction("nth_value", ["T", "bigint"], "T", (args) => `nth_value(${args[0]!.sql}, ${args[1]!.sql})`),
  windowFunction("lag", ["T"], "T", (args) => `lag(${args[0]!.sql})`),
  windowFunction("lag", ["T", "bigint"], "T", (args) => `lag(${args[0]!.sql}, ${args[1]!.sql})`),
  windowFunction("lag", ["T", "bigint", "T"], "T", (args) => `lag(${sqls(args).join(", ")})`),
  windowFunction("lead", ["T"], "T", (args) => `lead(${args[0]!.sql})`),
  windowFunction("lead", ["T", "bigint"], "T", (args) => `lead(${args[0]!.sql}, ${args[1]!.sql})`),
  windowFunction("lead", ["T", "bigint", "T"], "T", (args) => `lead(${sqls(args).join(", ")})`),
];
