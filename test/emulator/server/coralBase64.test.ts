import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { coralBase64Message } from "@gpu-stream/emulator/internal/server/coralWording";

// Kinesis (Coral) takes a blob's base64 only in the one form that decodes and encodes back to itself; every
// PutRecord's Data is checked, so the check is a regular expression and a look at one character (coralWording.ts).

/** The definition the fast check must agree with: four-character groups of the alphabet that survive a round trip. */
function decodesToItself(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/=]*$/.test(text) && Buffer.from(text, "base64").toString("base64") === text;
}

function* strings(alphabet: string, length: number, prefix = ""): Generator<string> {
  if (length === 0) {
    yield prefix;
    return;
  }
  for (const character of alphabet) {
    yield* strings(alphabet, length - 1, prefix + character);
  }
}

describe("Coral's base64 check of a blob", () => {
  test("takes exactly the texts that decode to themselves (every text of up to 5 characters over a telling alphabet)", () => {
    // A, Q, g, w: the characters whose low bits are zero before `==`; E: zero before `=` only; x: neither.
    let checked = 0;
    for (let length = 0; length <= 5; length += 1) {
      for (const text of strings("AQgwEx+/=-", length)) {
        assert.equal(coralBase64Message(text) === undefined, decodesToItself(text), JSON.stringify(text));
        checked += 1;
      }
    }
    assert.ok(checked > 100_000);
  });

  test("takes what Buffer writes, for data of every length up to 64 bytes", () => {
    for (let length = 0; length <= 64; length += 1) {
      const text = Buffer.from(Array.from({ length }, (_, index) => (index * 37 + length) % 256)).toString("base64");
      assert.equal(coralBase64Message(text), undefined, text);
    }
  });

  test("words each refusal as Coral does", () => {
    assert.equal(coralBase64Message("abc"), "'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3");
    assert.equal(coralBase64Message("ab-d"), "'ab-d' can not be converted to a Blob: Invalid Base64 character: '-'");
    assert.equal(coralBase64Message("a=bc"), "'a=bc' can not be converted to a Blob: Invalid Base64 character: '='");
    assert.equal(coralBase64Message("+/+="), "'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
  });
});
