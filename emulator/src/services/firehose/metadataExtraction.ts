/**
 * Dynamic partitioning's inline parsing: the MetadataExtraction processor runs a jq query over each JSON record and
 * takes the partition keys from the object it builds
 * (https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-partitioning-keys.html).
 * jq is jq-web (jq compiled to WebAssembly, shipped in its npm package), loaded on first use only.
 */

interface JqWeb {
  raw(input: string, filter: string, flags?: string[]): string;
}

/** What extracting one record's keys gave: its keys, or why they could not be extracted. */
export type ExtractedKeys = { readonly keys: Readonly<Record<string, string>> } | { readonly error: string };

let loading: Promise<JqWeb> | undefined;

function loadJq(): Promise<JqWeb> {
  loading ??= Promise.resolve(require("jq-web") as PromiseLike<JqWeb>);
  return loading;
}

/** Runs jq, keeping process.exitCode as it was: jq-web's Emscripten runtime sets it when jq exits non-zero. */
function runJq(jq: JqWeb, input: string, filter: string): string {
  const exitCode = process.exitCode;
  try {
    return jq.raw(input, filter, ["-c"]);
  } finally {
    process.exitCode = exitCode;
  }
}

function jqMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^Non-zero exit code: \d+\n?/, "").trim().replace(/\s*\n\s*/g, " ");
}

/** jq's exit status for a program that does not compile (runtime errors exit 5). */
const JQ_COMPILE_ERROR_EXIT = 3;

/** Runs the query once on `null`; answers jq's message when it does not compile, else undefined. */
export async function queryCompileError(query: string): Promise<string | undefined> {
  const jq = await loadJq();
  try {
    runJq(jq, "null", query);
    return undefined;
  } catch (error) {
    return (error as { exitCode?: number }).exitCode === JQ_COMPILE_ERROR_EXIT ? jqMessage(error) : undefined;
  }
}

/** A key's value as it goes into the prefix: strings as they are, numbers and booleans as jq prints them. */
function keyValue(value: unknown): string | undefined {
  if (typeof value === "string") {
    return value;
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return JSON.stringify(value);
  }
  return undefined;
}

function keysFrom(outputs: unknown, wanted: readonly string[]): ExtractedKeys {
  if (!Array.isArray(outputs) || outputs.length !== 1 || typeof outputs[0] !== "object" || outputs[0] === null || Array.isArray(outputs[0])) {
    return { error: "The metadata extraction query must produce exactly one JSON object for each record." };
  }
  const object = outputs[0] as Record<string, unknown>;
  const keys: Record<string, string> = {};
  for (const key of wanted) {
    const value = keyValue(object[key]);
    if (value === undefined) {
      return { error: `Partition key '${key}' is ${object[key] === undefined || object[key] === null ? "missing" : "not a string, number or boolean"} in the metadata extraction query's result ${JSON.stringify(object)}.` };
    }
    keys[key] = value;
  }
  return { keys };
}

/** Records given to one jq run: bounds the copy of the input inside WebAssembly memory. */
const RECORDS_PER_RUN = 1000;

/**
 * One output line per record: every output of the query collected, or the error it raised. A query that reads
 * further inputs itself (`input`, `inputs`) would shift the lines: then each record runs alone, where it cannot.
 */
function outputLines(jq: JqWeb, records: readonly string[], query: string): string[] {
  const filter = `try {ok: [${query}]} catch {error: (. | tostring)}`;
  const split = (output: string): string[] => output.split("\n").filter((line) => line !== "");
  const lines = split(runJq(jq, records.join("\n"), filter));
  if (lines.length === records.length) {
    return lines;
  }
  return records.map((record) => split(runJq(jq, record, filter))[0] ?? JSON.stringify({ error: "The metadata extraction query produced no result." }));
}

/**
 * Extracts the partition keys `wanted` from each record with the query, in one jq run for all of them. A record
 * that is not JSON, a query that fails or produces no object, or a key missing or not a scalar: that record's error.
 */
export async function extractPartitionKeys(records: readonly Uint8Array[], query: string, wanted: readonly string[]): Promise<ExtractedKeys[]> {
  const results: (ExtractedKeys | undefined)[] = [];
  const parsed: string[] = [];
  for (const record of records) {
    try {
      parsed.push(JSON.stringify(JSON.parse(Buffer.from(record.buffer, record.byteOffset, record.byteLength).toString("utf8"))));
      results.push(undefined);
    } catch (error) {
      results.push({ error: `The record is not valid JSON (${error instanceof Error ? error.message : String(error)}).` });
    }
  }
  if (parsed.length > 0) {
    const jq = await loadJq();
    const lines: string[] = [];
    for (let start = 0; start < parsed.length; start += RECORDS_PER_RUN) {
      lines.push(...outputLines(jq, parsed.slice(start, start + RECORDS_PER_RUN), query));
    }
    let next = 0;
    for (let index = 0; index < results.length; index += 1) {
      if (results[index] === undefined) {
        const line = JSON.parse(lines[next]!) as { ok?: unknown; error?: string };
        next += 1;
        results[index] = line.error !== undefined ? { error: `The metadata extraction query failed: ${line.error}` } : keysFrom(line.ok, wanted);
      }
    }
  }
  return results as ExtractedKeys[];
}
