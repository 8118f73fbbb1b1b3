import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { JsonLineProfile } from "@gpu-stream/emulator/internal/services/athena/scan/jsonLineProfile";

// Whether DuckDB may read a JSON object's string columns as text: only where every line is a flat object of strings,
// booleans and plain integers, which DuckDB's VARCHAR reading renders as the OpenX SerDe does (docs/athena-glue.md).
// The scan runs over stream chunks, so every case is also fed a byte at a time.

function profile(text: string, chunk: number): { every: boolean; flat: boolean } {
  const scan = new JsonLineProfile();
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunk) scan.feed(bytes.subarray(i, i + chunk));
  scan.end();
  return { every: scan.every, flat: scan.flat };
}

const CASES: readonly [string, string, { every: boolean; flat: boolean }][] = [
  ["flat records, an escaped quote, an integer and a boolean", '{"a":"x","b":"y\\"z","c":12,"d":true}\n{"a":"1"}\n', { every: true, flat: true }],
  ["a last line without a newline", '{"a":"1"}', { every: true, flat: true }],
  ["a string ending in an escaped backslash", '{"a":"x\\\\"}\n', { every: true, flat: true }],
  ["a null value", '{"a":null}\n', { every: true, flat: false }],
  ["a nested object", '{"a":{"b":1}}\n', { every: true, flat: false }],
  ["a number that is not a plain integer", '{"a":1.5}\n', { every: true, flat: false }],
  ["an integer of 16 digits", '{"a":1234567890123456}\n', { every: true, flat: false }],
  ["two records on one line", '{"a":"1"}{"a":"2"}\n', { every: true, flat: false }],
  ["text after the object", '{"a":"1"} x\n', { every: true, flat: false }],
  ["an empty line between records", '{"a":"1"}\n\n{"a":"2"}\n', { every: false, flat: false }],
  ["a line of spaces", "   \n", { every: false, flat: false }],
  ["a trailing line of spaces", '{"a":"1"}\n  ', { every: false, flat: false }],
  ["an array line", "[1,2]\n", { every: false, flat: false }],
  ["a raw newline inside a string", '{"a":"x\n"}\n', { every: false, flat: false }],
];

describe("the JSON line profile behind Athena's direct text reads", () => {
  for (const [name, text, expected] of CASES) {
    test(`profiles ${name}`, () => {
      for (const chunk of [1, 2, 3, 7, 1 << 20]) assert.deepEqual(profile(text, chunk), expected, `chunks of ${chunk}`);
    });
  }
});
