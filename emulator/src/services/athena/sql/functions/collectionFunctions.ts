import { duckType, rowFieldKey, type TrinoType } from "../types/TrinoType";
import { applyLambda, bind, call, fail, scalar } from "./define";
import type { Argument, CallShape, FunctionSignature } from "./FunctionSignature";

/**
 * Trino's array and map functions (https://trino.io/docs/current/functions/array.html, map.html). Arrays are
 * 1-based; element_at answers NULL past the end where a subscript fails; the set functions keep each element's
 * first occurrence in order and treat NULL as a value, as Trino's BlockSet does.
 */

/** The DuckDB keys of a row(K, V) element's two fields. */
function entryKeys(arrayType: TrinoType): [string, string] {
  const row = arrayType.kind === "array" && arrayType.element.kind === "row" ? arrayType.element : undefined;
  return row === undefined ? ["field0", "field1"] : [rowFieldKey(row.fields[0]!, 0), rowFieldKey(row.fields[1]!, 1)];
}

/** Trino's map construction: no NULL key, no key twice (MapConstructor, DuplicateMapKeyException). */
function checkedMap(keys: string, values: string, shape: CallShape): string {
  return `CASE WHEN list_position(${keys}, NULL) IS NOT NULL THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'map key cannot be null'")} WHEN len(trino_distinct(${keys})) < len(${keys}) THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'Duplicate map keys (' || CAST(list_filter(${keys}, lambda "k", "i": list_position(${keys}, "k") < "i")[1] AS VARCHAR) || ') are not allowed'`)} ELSE map(${keys}, ${values}) END`;
}

/** The entries of an array(row(K,V)) checked as map_from_entries checks them, then `build` of their keys and values. */
function fromEntries(args: readonly Argument[], shape: CallShape, build: (keys: string, values: string) => string): string {
  const [key, value] = entryKeys(args[0]!.type);
  return bind(args[0]!.sql, '"entries"', `CASE WHEN list_position("entries", NULL) IS NOT NULL THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'map entry cannot be null'")} ELSE ${build(`list_transform("entries", lambda "e": "e"."${key}")`, `list_transform("entries", lambda "e": "e"."${value}")`)} END`);
}

function arraySequence(start: string, stop: string, step: string, shape: CallShape, series: string, count: string): string {
  return `CASE WHEN ${step} = 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'step must not be zero'")} WHEN CASE WHEN ${step} > 0 THEN ${stop} < ${start} ELSE ${stop} > ${start} END THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'sequence stop value should be greater than or equal to start value if step is greater than zero otherwise stop should be less than or equal to start'")} WHEN ${count} > 10000 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'result of sequence function must not have more than 10000 entries'")} ELSE ${series} END`;
}

/** The sign of an interval (months first, then days, then micros), as a step's direction. */
function intervalSign(interval: string): string {
  return `CASE WHEN datepart('month', ${interval}) + datepart('year', ${interval}) * 12 <> 0 THEN sign(datepart('month', ${interval}) + datepart('year', ${interval}) * 12) ELSE sign(epoch_us(${interval})) END`;
}

/**
 * The state of `input` folded over the elements from `initial`. DuckDB's list_reduce wants its state of the
 * elements' type, so each step is a struct of both: the state and the element.
 */
export function fold(elements: Argument, initial: Argument, input: Argument["lambda"]): string {
  const element = duckType(elements.type.kind === "array" ? elements.type.element : elements.type);
  const state = duckType(initial.type);
  const step = (s: string, x: string): string => `struct_pack("s" := ${s}, "x" := ${x})`;
  return `list_reduce(list_prepend(${step(`CAST(${initial.sql} AS ${state})`, `CAST(NULL AS ${element})`)}, list_transform(${elements.sql}, lambda "x": ${step(`CAST(NULL AS ${state})`, '"x"')})), lambda "acc", "e": ${step(`CAST(${applyLambda(input, ['"acc"."s"', '"e"."x"'])} AS ${state})`, `CAST(NULL AS ${element})`)})."s"`;
}

export const COLLECTION_FUNCTIONS: readonly FunctionSignature[] = [
  // arrays
  scalar("cardinality", ["array(E)"], "bigint", (args) => `CAST(len(${args[0]!.sql}) AS BIGINT)`),
  scalar("cardinality", ["map(K,V)"], "bigint", (args) => `CAST(cardinality(${args[0]!.sql}) AS BIGINT)`),
  scalar("element_at", ["array(E)", "bigint"], "E", (args, shape) => `CASE WHEN ${args[1]!.sql} = 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'SQL array indices start at 1'")} ELSE list_extract(${args[0]!.sql}, ${args[1]!.sql}) END`),
  scalar("element_at", ["map(K,V)", "K"], "V", (args) => `${args[0]!.sql}[${args[1]!.sql}]`),
  scalar("contains", ["array(T)", "T"], "boolean", (args) => `CASE WHEN ${args[0]!.sql} IS NULL OR ${args[1]!.sql} IS NULL THEN NULL WHEN list_contains(${args[0]!.sql}, ${args[1]!.sql}) THEN true WHEN list_contains(list_transform(${args[0]!.sql}, "x" -> "x" IS NULL), true) THEN NULL ELSE false END`, { constraints: { T: "comparable" } }),
  scalar("contains_sequence", ["array(T)", "array(T)"], "boolean", (args) =>
    bind(args[1]!.sql, '"seq"', `CASE WHEN len("seq") = 0 THEN true ELSE coalesce(list_bool_or(list_transform(range(1, len(${args[0]!.sql}) - len("seq") + 2), lambda "i": list_slice(${args[0]!.sql}, "i", "i" + len("seq") - 1) IS NOT DISTINCT FROM "seq")), false) END`),
    { constraints: { T: "comparable" } },
  ),
  scalar("array_position", ["array(T)", "T"], "bigint", (args) => `CAST(coalesce(list_position(${args[0]!.sql}, ${args[1]!.sql}), 0) AS BIGINT)`, { constraints: { T: "comparable" } }),
  scalar("array_distinct", ["array(E)"], "array(E)", call("trino_distinct"), { constraints: { E: "comparable" } }),
  scalar("array_max", ["array(T)"], "T", (args) => `CASE WHEN list_contains(list_transform(${args[0]!.sql}, "x" -> "x" IS NULL), true) THEN NULL ELSE list_max(${args[0]!.sql}) END`, { constraints: { T: "orderable" } }),
  scalar("array_min", ["array(T)"], "T", (args) => `CASE WHEN list_contains(list_transform(${args[0]!.sql}, "x" -> "x" IS NULL), true) THEN NULL ELSE list_min(${args[0]!.sql}) END`, { constraints: { T: "orderable" } }),
  scalar("array_sort", ["array(E)"], "array(E)", (args) => `list_sort(${args[0]!.sql}, 'ASC', 'NULLS LAST')`, { constraints: { E: "orderable" } }),
  // A stable sort by the comparator (Trino's List.sort): each element's rank is the number of elements before it,
  // from one matrix of all comparisons, checked as ArraySortComparatorFunction checks each result.
  scalar("array_sort", ["array(T)", "function(T,T,integer)"], "array(T)", (args, shape) => {
    const a = args[0]!.sql;
    const matrix = `list_transform(${a}, lambda "sx", "si": list_transform(${a}, lambda "sy", "sj": CASE WHEN "si" = "sj" THEN 0 ELSE ${applyLambda(args[1]!.lambda, ['"sy"', '"sx"'])} END))`;
    const invalid = `coalesce(list_bool_or(list_transform("m", lambda "r": list_bool_or(list_transform("r", lambda "c": "c" IS NULL OR "c" NOT IN (-1, 0, 1))))), false)`;
    const ranks = `list_transform("m", lambda "r", "ri": [len(list_filter("r", lambda "c", "cj": "c" < 0 OR ("c" = 0 AND "cj" < "ri"))), "ri"])`;
    return bind(matrix, '"m"', `CASE WHEN ${invalid} THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Lambda comparator must return either -1, 0, or 1'")} ELSE list_transform(list_sort(${ranks}), lambda "p": ${a}["p"[2]]) END`);
  }),
  scalar("array_join", ["array(T)", "varchar"], "varchar", (args) => `array_to_string(list_filter(CAST(${args[0]!.sql} AS VARCHAR[]), "x" -> "x" IS NOT NULL), ${args[1]!.sql})`),
  scalar("array_join", ["array(T)", "varchar", "varchar"], "varchar", (args) => `array_to_string(list_transform(CAST(${args[0]!.sql} AS VARCHAR[]), "x" -> coalesce("x", ${args[2]!.sql})), ${args[1]!.sql})`),
  scalar("array_remove", ["array(E)", "E"], "array(E)", (args) => `list_filter(${args[0]!.sql}, "x" -> "x" IS DISTINCT FROM ${args[1]!.sql})`),
  scalar("array_union", ["array(E)", "array(E)"], "array(E)", (args) => `trino_distinct(list_concat(${args[0]!.sql}, ${args[1]!.sql}))`, { constraints: { E: "comparable" } }),
  // ArrayIntersectFunction walks the longer array (the first when of equal length) and keeps what the other holds.
  scalar("array_intersect", ["array(E)", "array(E)"], "array(E)", (args) => {
    const [x, y] = [args[0]!.sql, args[1]!.sql];
    return `CASE WHEN len(${x}) < len(${y}) THEN trino_distinct(list_filter(${y}, lambda "v": trino_has(${x}, "v"))) ELSE trino_distinct(list_filter(${x}, lambda "v": trino_has(${y}, "v"))) END`;
  }, { constraints: { E: "comparable" } }),
  scalar("array_except", ["array(E)", "array(E)"], "array(E)", (args) => `trino_distinct(list_filter(${args[0]!.sql}, lambda "v": NOT trino_has(${args[1]!.sql}, "v")))`, { constraints: { E: "comparable" } }),
  scalar("arrays_overlap", ["array(E)", "array(E)"], "boolean", (args) =>
    `CASE WHEN list_has_any(${args[0]!.sql}, ${args[1]!.sql}) THEN true WHEN list_position(${args[0]!.sql}, NULL) IS NOT NULL OR list_position(${args[1]!.sql}, NULL) IS NOT NULL THEN NULL ELSE false END`,
    { constraints: { E: "comparable" } },
  ),
  scalar("flatten", ["array(array(E))"], "array(E)", call("flatten")),
  scalar("reverse", ["array(E)"], "array(E)", call("list_reverse")),
  scalar("shuffle", ["array(E)"], "array(E)", (args) => bind(args[0]!.sql, '"a"', `list_transform(list_sort(list_transform("a", lambda "x", "i": {'r': random(), 'i': "i"})), lambda "p": "a"["p"."i"])`), { deterministic: false }),
  scalar("slice", ["array(E)", "bigint", "bigint"], "array(E)", (args, shape) =>
    `CASE WHEN ${args[1]!.sql} = 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'SQL array indices start at 1'")} WHEN ${args[2]!.sql} < 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'length must be greater than or equal to 0'`)} ELSE list_slice(${args[0]!.sql}, CASE WHEN ${args[1]!.sql} < 0 THEN len(${args[0]!.sql}) + ${args[1]!.sql} + 1 ELSE ${args[1]!.sql} END, CASE WHEN ${args[1]!.sql} < 0 THEN len(${args[0]!.sql}) + ${args[1]!.sql} ELSE ${args[1]!.sql} - 1 END + ${args[2]!.sql}) END`,
  ),
  scalar("trim_array", ["array(E)", "bigint"], "array(E)", (args, shape) =>
    `CASE WHEN ${args[1]!.sql} < 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'size must not be negative: ' || ${args[1]!.sql}`)} WHEN ${args[1]!.sql} > len(${args[0]!.sql}) THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'size must not exceed array cardinality ' || len(${args[0]!.sql}) || ': ' || ${args[1]!.sql}`)} ELSE list_slice(${args[0]!.sql}, 1, len(${args[0]!.sql}) - ${args[1]!.sql}) END`,
  ),
  scalar("repeat", ["T", "integer"], "array(T)", (args, shape) =>
    `CASE WHEN ${args[1]!.sql} < 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'count argument of repeat function must be greater than or equal to 0'")} WHEN ${args[1]!.sql} > 10000 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'count argument of repeat function must be less than or equal to 10000'")} ELSE list_transform(range(${args[1]!.sql}), "i" -> ${args[0]!.sql}) END`,
  ),
  // ArrayCombinationsFunction: at most 5 elements a combination and 100,000 in all, in its (colexicographic) order.
  scalar("combinations", ["array(T)", "integer"], "array(array(T))", (args, shape) => {
    const [a, n] = [args[0]!.sql, args[1]!.sql];
    return `CASE WHEN ${n} < 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'combination size must not be negative: ' || ${n}`)} WHEN ${n} > 5 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'combination size must not exceed 5: ' || ${n}`)} WHEN ${n} > len(${a}) THEN [] WHEN trino_choose(len(${a}), ${n}) * ${n} > 100000 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'combinations exceed max size'")} ELSE list_transform(trino_combination_indexes(len(${a}), ${n}), lambda "c": list_transform("c", lambda "i": ${a}["i"])) END`;
  }),
  scalar("ngrams", ["array(T)", "integer"], "array(array(T))", (args, shape) => {
    const [a, n] = [args[0]!.sql, args[1]!.sql];
    return `CASE WHEN ${n} <= 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'N must be positive'")} ELSE list_transform(range(1, len(${a}) - least(len(${a}), ${n}) + 2), lambda "i": list_slice(${a}, "i", "i" + least(len(${a}), ${n}) - 1)) END`;
  }),
  scalar("sequence", ["bigint", "bigint"], "array(bigint)", (args, shape) =>
    arraySequence(args[0]!.sql, args[1]!.sql, `CASE WHEN ${args[0]!.sql} <= ${args[1]!.sql} THEN 1 ELSE -1 END`, shape, `CAST(generate_series(${args[0]!.sql}, ${args[1]!.sql}, CASE WHEN ${args[0]!.sql} <= ${args[1]!.sql} THEN 1 ELSE -1 END) AS BIGINT[])`, `abs(${args[1]!.sql} - ${args[0]!.sql}) + 1`),
  ),
  scalar("sequence", ["bigint", "bigint", "bigint"], "array(bigint)", (args, shape) =>
    arraySequence(args[0]!.sql, args[1]!.sql, args[2]!.sql, shape, `CAST(generate_series(${args[0]!.sql}, ${args[1]!.sql}, ${args[2]!.sql}) AS BIGINT[])`, `(${args[1]!.sql} - ${args[0]!.sql}) // ${args[2]!.sql} + 1`),
  ),
  scalar("sequence", ["date", "date"], "array(date)", (args, shape) => {
    const step = `CASE WHEN ${args[0]!.sql} <= ${args[1]!.sql} THEN to_days(1) ELSE to_days(-1) END`;
    return arraySequence(args[0]!.sql, args[1]!.sql, "1", shape, `CAST(generate_series(CAST(${args[0]!.sql} AS TIMESTAMP), CAST(${args[1]!.sql} AS TIMESTAMP), ${step}) AS DATE[])`, `abs(${args[1]!.sql} - ${args[0]!.sql}) + 1`);
  }),
  scalar("sequence", ["date", "date", "interval day to second"], "array(date)", (args, shape) =>
    `CASE WHEN epoch_us(${args[2]!.sql}) % 86400000000 <> 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'sequence step must be a day interval if start and end values are dates'")} ELSE ${arraySequence(args[0]!.sql, args[1]!.sql, intervalSign(args[2]!.sql), shape, `CAST(generate_series(CAST(${args[0]!.sql} AS TIMESTAMP), CAST(${args[1]!.sql} AS TIMESTAMP), ${args[2]!.sql}) AS DATE[])`, `(${args[1]!.sql} - ${args[0]!.sql}) // (epoch_us(${args[2]!.sql}) // 86400000000) + 1`)} END`,
  ),
  scalar("sequence", ["date", "date", "interval year to month"], "array(date)", (args, shape) =>
    arraySequence(args[0]!.sql, args[1]!.sql, intervalSign(args[2]!.sql), shape, `CAST(generate_series(CAST(${args[0]!.sql} AS TIMESTAMP), CAST(${args[1]!.sql} AS TIMESTAMP), ${args[2]!.sql}) AS DATE[])`, `date_sub('month', ${args[0]!.sql}, ${args[1]!.sql}) // (datepart('month', ${args[2]!.sql}) + datepart('year', ${args[2]!.sql}) * 12) + 1`),
  ),
  ...["interval day to second", "interval year to month"].map((interval) =>
    scalar("sequence", ["timestamp(p)", "timestamp(p)", interval], "array(timestamp(p))", (args, shape) => {
      const count = interval === "interval day to second" ? `(epoch_us(${args[1]!.sql}) - epoch_us(${args[0]!.sql})) // epoch_us(${args[2]!.sql}) + 1` : `date_sub('month', ${args[0]!.sql}, ${args[1]!.sql}) // (datepart('month', ${args[2]!.sql}) + datepart('year', ${args[2]!.sql}) * 12) + 1`;
      return arraySequence(args[0]!.sql, args[1]!.sql, intervalSign(args[2]!.sql), shape, `CAST(generate_series(CAST(${args[0]!.sql} AS TIMESTAMP), CAST(${args[1]!.sql} AS TIMESTAMP), ${args[2]!.sql}) AS ${args[0]!.type.kind === "timestamp" && args[0]!.type.precision > 6 ? "TIMESTAMP_NS" : args[0]!.type.kind === "timestamp" && args[0]!.type.precision > 3 ? "TIMESTAMP" : "TIMESTAMP_MS"}[])`, count);
    }),
  ),
  scalar("filter", ["array(T)", "function(T,boolean)"], "array(T)", (args) => `list_filter(${args[0]!.sql}, ${args[1]!.sql})`),
  scalar("transform", ["array(T)", "function(T,U)"], "array(U)", (args) => `list_transform(${args[0]!.sql}, ${args[1]!.sql})`),
  scalar("reduce", ["array(T)", "S", "function(S,T,S)", "function(S,R)"], "R", (args) =>
    `CASE WHEN ${args[0]!.sql} IS NOT NULL THEN ${applyLambda(args[3]!.lambda, [fold(args[0]!, args[1]!, args[2]!.lambda)])} END`,
  ),
  scalar("any_match", ["array(T)", "function(T,boolean)"], "boolean", (args) => `trino_any_match(list_transform(${args[0]!.sql}, ${args[1]!.sql}))`),
  scalar("all_match", ["array(T)", "function(T,boolean)"], "boolean", (args) => `trino_all_match(list_transform(${args[0]!.sql}, ${args[1]!.sql}))`),
  scalar("none_match", ["array(T)", "function(T,boolean)"], "boolean", (args) => `NOT trino_any_match(list_transform(${args[0]!.sql}, ${args[1]!.sql}))`),
  // zip of two to five arrays: the shorter ones padded with NULLs.
  ...[2, 3, 4, 5].map((count) => {
    const variables = ["T1", "T2", "T3", "T4", "T5"].slice(0, count);
    return scalar("zip", variables.map((variable) => `array(${variable})`), (_, bindings) => ({ kind: "array", element: { kind: "row", fields: variables.map((variable) => ({ type: bindings.types.get(variable)! })) } }), (args) =>
      `list_transform(range(1, greatest(${args.map((arg) => `len(${arg.sql})`).join(", ")}) + 1), lambda "i": struct_pack(${args.map((arg, index) => `"field${index}" := list_extract(${arg.sql}, "i")`).join(", ")}))`,
    );
  }),
  scalar("zip_with", ["array(T)", "array(U)", "function(T,U,R)"], "array(R)", (args) =>
    `list_transform(range(1, greatest(len(${args[0]!.sql}), len(${args[1]!.sql})) + 1), lambda "i": ${applyLambda(args[2]!.lambda, [`list_extract(${args[0]!.sql}, "i")`, `list_extract(${args[1]!.sql}, "i")`])})`,
  ),
  // Sparse vectors (MathFunctions.cosineSimilarity): NULL when a value is NULL. The array forms and cosine_distance,
  // euclidean_distance and dot_product came to Trino after the release Athena's grammar matches (see docs/athena-glue.md).
  ...["cosine_similarity"].map((name) =>
    scalar(name, ["map(varchar,double)", "map(varchar,double)"], "double", (args) => {
      const [a, b] = [args[0]!.sql, args[1]!.sql];
      const norm = (m: string): string => `sqrt(coalesce(list_sum(list_transform(map_values(${m}), lambda "v": "v" * "v")), 0.0))`;
      const dot = `coalesce(list_sum(list_transform(map_keys(${a}), lambda "k": ${a}["k"] * coalesce(${b}["k"], 0.0))), 0.0)`;
      const similarity = `(${dot} / (${norm(a)} * ${norm(b)}))`;
      return `CASE WHEN list_position(map_values(${a}), NULL) IS NOT NULL OR list_position(map_values(${b}), NULL) IS NOT NULL THEN NULL ELSE ${name === "cosine_similarity" ? similarity : `1 - ${similarity}`} END`;
    }),
  ),
  // maps
  scalar("map", [], "map(unknown,unknown)", () => "MAP {}"),
  scalar("map", ["array(K)", "array(V)"], "map(K,V)", (args, shape) => `CASE WHEN len(${args[0]!.sql}) <> len(${args[1]!.sql}) THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Key and value arrays must be the same length'")} ELSE ${checkedMap(args[0]!.sql, args[1]!.sql, shape)} END`),
  scalar("map_from_entries", ["array(row(K,V))"], "map(K,V)", (args, shape) => fromEntries(args, shape, (keys, values) => checkedMap(keys, values, shape))),
  scalar("multimap_from_entries", ["array(row(K,V))"], "map(K,array(V))", (args, shape) =>
    fromEntries(args, shape, (keys, values) => `CASE WHEN list_position(${keys}, NULL) IS NOT NULL THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'map key cannot be null'")} ELSE trino_multimap(${keys}, ${values}) END`),
  ),
  scalar("map_keys", ["map(K,V)"], "array(K)", call("map_keys")),
  scalar("map_values", ["map(K,V)"], "array(V)", call("map_values")),
  scalar("map_entries", ["map(K,V)"], (_, bindings) => ({ kind: "array", element: { kind: "row", fields: [{ type: bindings.types.get("K")! }, { type: bindings.types.get("V")! }] } }), (args) =>
    `list_transform(map_entries(${args[0]!.sql}), lambda "entry": struct_pack("field0" := "entry"."key", "field1" := "entry"."value"))`,
  ),
  scalar("map_concat", ["map(K,V)"], "map(K,V)", (args) => (args.length === 1 ? args[0]!.sql : `map_concat(${args.map((arg) => arg.sql).join(", ")})`), { variadic: true }),
  scalar("map_filter", ["map(K,V)", "function(K,V,boolean)"], "map(K,V)", (args) =>
    `map_from_entries(list_filter(map_entries(${args[0]!.sql}), lambda "entry": ${applyLambda(args[1]!.lambda, ['"entry"."key"', '"entry"."value"'])}))`,
  ),
  // MapZipWithFunction: the first map's keys, then the second's others; a missing value is NULL.
  scalar("map_zip_with", ["map(K,V1)", "map(K,V2)", "function(K,V1,V2,V3)"], "map(K,V3)", (args) =>
    bind(`trino_distinct(list_concat(map_keys(${args[0]!.sql}), map_keys(${args[1]!.sql})))`, '"keys"', `map("keys", list_transform("keys", lambda "k": ${applyLambda(args[2]!.lambda, ['"k"', `${args[0]!.sql}["k"]`, `${args[1]!.sql}["k"]`])}))`),
  ),
  scalar("transform_keys", ["map(K,V)", "function(K,V,K2)"], "map(K2,V)", (args, shape) =>
    bind(`map_entries(${args[0]!.sql})`, '"entries"', checkedMap(`list_transform("entries", lambda "entry": ${applyLambda(args[1]!.lambda, ['"entry"."key"', '"entry"."value"'])})`, `list_transform("entries", lambda "entry": "entry"."value")`, shape)),
  ),
  scalar("transform_values", ["map(K,V)", "function(K,V,V2)"], "map(K,V2)", (args) =>
    `map_from_entries(list_transform(map_entries(${args[0]!.sql}), lambda "entry": struct_pack("key" := "entry"."key", "value" := ${applyLambda(args[1]!.lambda, ['"entry"."key"', '"entry"."value"'])})))`,
  ),
];
