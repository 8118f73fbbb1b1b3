import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { queryObjectKeys } from "@gpu-stream/emulator/internal/services/firehose/queryObjectKeys";

// The keys of a MetadataExtraction query, which CreateDeliveryStream checks against Prefix's partitionKeyFromQuery keys.

describe("queryObjectKeys", () => {
  describe("behaviour", () => {
    test("reads the keys of one object construction, plain, quoted and shorthand", () => {
      assert.deepEqual(queryObjectKeys("{tipo:.tipo}"), ["tipo"]);
      assert.deepEqual(queryObjectKeys(' { tipo: .tipo, "gpu": .origem.gpu, year: .t | strftime("%Y") } '), ["tipo", "gpu", "year"]);
      assert.deepEqual(queryObjectKeys("{tipo, $gpu}"), ["tipo", "gpu"]);
    });

    test("skips commas and colons inside values", () => {
      assert.deepEqual(queryObjectKeys('{a: {x: 1, y: 2}, b: [1, 2], c: (.p, .q), d: "x:y,z"}'), ["a", "b", "c", "d"]);
    });

    test("answers undefined when the keys cannot be known without running the query", () => {
      assert.equal(queryObjectKeys(".tipo"), undefined);
      assert.equal(queryObjectKeys("{(.k): 1}"), undefined);
      assert.equal(queryObjectKeys('{"a\\(.k)": 1}'), undefined);
      assert.equal(queryObjectKeys("{a: 1} | {b: 2}"), undefined);
      assert.equal(queryObjectKeys("{a: 1}, {b: 2}"), undefined);
    });
  });
});
