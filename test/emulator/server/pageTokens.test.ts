import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { isOffset, PageTokens, processSeal } from "@gpu-stream/emulator/internal/server/PageTokens";

// The one paging-token scheme every listing operation uses: sealed, scoped to an operation and what it lists, expiring.

const LIFETIME_MS = 300_000;

describe("PageTokens", () => {
  test("reads back the position a token was issued with, within its scope", () => {
    const tokens = new PageTokens("glue", processSeal(), LIFETIME_MS);
    const token = tokens.issue(["GetTables", "sales"], 42, 1_000);
    assert.deepEqual(tokens.read(token, ["GetTables", "sales"], 2_000, isOffset), { position: 42 });
  });

  test("refuses a token issued for another operation or another resource", () => {
    const tokens = new PageTokens("glue", processSeal(), LIFETIME_MS);
    const token = tokens.issue(["GetTables", "sales"], 2, 0);
    assert.deepEqual(tokens.read(token, ["GetTables", "marketing"], 0, isOffset), { refused: "invalid" });
    assert.deepEqual(tokens.read(token, ["GetDatabases"], 0, isOffset), { refused: "invalid" });
  });

  test("refuses a token issued by another service under the same seal", () => {
    const seal = processSeal();
    const token = new PageTokens("athena", seal, LIFETIME_MS).issue(["ListWorkGroups"], 2, 0);
    assert.deepEqual(new PageTokens("glue", seal, LIFETIME_MS).read(token, ["ListWorkGroups"], 0, isOffset), { refused: "invalid" });
  });

  test("refuses a token once older than the lifetime, not before", () => {
    const tokens = new PageTokens("kinesis", processSeal(), LIFETIME_MS);
    const token = tokens.issue(["ListShards"], 1, 10_000);
    assert.deepEqual(tokens.read(token, ["ListShards"], 10_000 + LIFETIME_MS, isOffset), { position: 1 });
    assert.deepEqual(tokens.read(token, ["ListShards"], 10_000 + LIFETIME_MS + 1, isOffset), { refused: "expired" });
  });

  test("refuses a tampered token, one from another process's seal, and text that is no token", () => {
    const tokens = new PageTokens("iam", processSeal(), LIFETIME_MS);
    const token = tokens.issue(["ListRoles", "/"], 100, 0);
    const bytes = Buffer.from(token, "base64url");
    bytes[3] = bytes[3]! ^ 1;
    assert.deepEqual(tokens.read(bytes.toString("base64url"), ["ListRoles", "/"], 0, isOffset), { refused: "invalid" });
    assert.deepEqual(new PageTokens("iam", processSeal(), LIFETIME_MS).read(token, ["ListRoles", "/"], 0, isOffset), { refused: "invalid" });
    assert.deepEqual(tokens.read("bm90IGEgdG9rZW4=", ["ListRoles", "/"], 0, isOffset), { refused: "invalid" });
  });

  test("refuses a position its reader does not accept", () => {
    const tokens = new PageTokens("logs", processSeal(), LIFETIME_MS);
    const token = tokens.issue(["DescribeLogGroups"], -1, 0);
    assert.deepEqual(tokens.read(token, ["DescribeLogGroups"], 0, isOffset), { refused: "invalid" });
  });
});
