import { AGGREGATE_FUNCTIONS } from "./aggregateFunctions";
import { BINARY_FUNCTIONS } from "./binaryFunctions";
import { COLLECTION_FUNCTIONS } from "./collectionFunctions";
import { DATETIME_FUNCTIONS } from "./datetimeFunctions";
import type { FunctionSignature } from "./FunctionSignature";
import { JSON_FUNCTIONS } from "./jsonFunctions";
import { MATH_FUNCTIONS } from "./mathFunctions";
import { REGEXP_FUNCTIONS } from "./regexpFunctions";
import { STRING_FUNCTIONS } from "./stringFunctions";
import { URL_FUNCTIONS } from "./urlFunctions";

/**
 * Every function the emulator's Athena knows, by name, each with Trino's signatures in Trino's order. A name not
 * here, even one DuckDB has (read_csv, glob, getenv), is `FUNCTION_NOT_FOUND: Function 'x' not registered`, as
 * in Athena. Special forms (if, nullif, coalesce, try, typeof, cast, extract) are the analyzer's.
 */
let catalog: Map<string, FunctionSignature[]> | undefined;

function build(): Map<string, FunctionSignature[]> {
  const byName = new Map<string, FunctionSignature[]>();
  for (const signature of [
    ...AGGREGATE_FUNCTIONS,
    ...MATH_FUNCTIONS,
    ...STRING_FUNCTIONS,
    ...DATETIME_FUNCTIONS,
    ...COLLECTION_FUNCTIONS,
    ...JSON_FUNCTIONS,
    ...REGEXP_FUNCTIONS,
    ...BINARY_FUNCTIONS,
    ...URL_FUNCTIONS,
  ]) {
    const list = byName.get(signature.name) ?? [];
    list.push(signature);
    byName.set(signature.name, list);
  }
  return byName;
}

export function functionsNamed(name: string): readonly FunctionSignature[] | undefined {
  catalog ??= build();
  return catalog.get(name);
}

