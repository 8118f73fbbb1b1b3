import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type * as HelpersPatchModule from "../../../scripts/dist/conformance/kinesalite/helpersPatch";
import type * as NotToPassModule from "../../../scripts/dist/conformance/kinesalite/notToPass";
import type * as ReportModule from "../../../scripts/dist/conformance/kinesalite/conformanceReport";
import { REPO_ROOT } from "../../support/repoRoot";

// The harness of `npm run conformance:kinesis` (kinesalite's suite is fetched, never committed, so the run itself
// is not part of npm test): what it changes in kinesalite's helpers.js, and how it judges and counts results.
const conformance = join(REPO_ROOT, "scripts", "dist", "conformance", "kinesalite");
const { patchHelpers } = require(join(conformance, "helpersPatch.js")) as typeof HelpersPatchModule;
const { notToPassReason } = require(join(conformance, "notToPass.js")) as typeof NotToPassModule;
const { judge, tally, conformanceMarkdown } = require(join(conformance, "conformanceReport.js")) as typeof ReportModule;

/** The lines of kinesalite's test/helpers.js (commit c76689d) that the harness changes, with some around them. */
const HELPERS_EXCERPT = [
  "    cbor = require('cbor'),",
  "    kinesalite = require('..')",
  "var port = 10000 + Math.round(Math.random() * 10000),",
  "    requestOpts = process.env.REMOTE ?",
  "      {host: 'kinesis.' + exports.awsRegion + '.amazonaws.com', method: 'POST', ssl: true} :",
  "      {host: '127.0.0.1', port: port, method: 'POST'}",
  "var kinesaliteServer = kinesalite({path: process.env.KINESALITE_PATH})",
].join("\n");

describe("the kinesalite suite's harness", () => {
  test("points helpers.js at the emulator's port and signs for kinesis, without starting kinesalite", () => {
    const patched = patchHelpers(HELPERS_EXCERPT);
    assert.match(patched, /kinesalite = null/);
    assert.match(patched, /var port = \+process\.env\.KINESIS_PORT,/);
    assert.match(patched, /service: 'kinesis', region: exports\.awsRegion/);
    assert.match(patched, /var kinesaliteServer = \{listen: function\(port, done\) \{ done\(\) \}/);
    assert.doesNotMatch(patched, /require\('\.\.'\)/);
  });

  test("stops on a helpers.js it does not know rather than test something else", () => {
    assert.throws(() => patchHelpers(HELPERS_EXCERPT.replace("var port = 10000", "var port = 20000")), /helpers\.js has 0 copies of .*the harness needs updating/);
    assert.throws(() => patchHelpers(`${HELPERS_EXCERPT}\n${HELPERS_EXCERPT}`), /has 2 copies/);
  });

  test("a listed test is not meant to pass whatever describe blocks its title sits in; others are", () => {
    assert.equal(notToPassReason("putRecord.js", "putRecord validations should return ValidationException for no StreamName"), "streamNameOptional");
    assert.equal(notToPassReason("putRecord.js", "putRecord validations should return ValidationException for empty StreamName"), undefined);
    assert.equal(notToPassReason("splitShard.js", "splitShard functionality should work with minimum hash"), "newerMembers");
    assert.equal(notToPassReason("listShards.js", "listShards functionality should return shards"), undefined);
  });

  test("counts tests, not failed hooks, and lists every failure not meant to fail", () => {
    const results = judge([
      { file: "putRecord.js", title: "putRecord validations should return ValidationException for no StreamName", state: "failed", error: "1 validation error" },
      { file: "putRecord.js", title: "putRecord functionality should work", state: "passed" },
      { file: "putRecord.js", title: "putRecord functionality should fail", state: "failed", error: "expected 200" },
      { file: "putRecord.js", title: '"before all" hook in "{root}"', state: "failed", hook: true, error: "ECONNREFUSED" },
    ]);
    assert.deepEqual(tally(results), { tests: 3, passed: 1, notToPass: 1, failing: 1, failedHooks: 1, pending: 0 });
    const markdown = conformanceMarkdown(results, { kinesaliteCommit: "c76689d", emulatorCommit: "abc1234", date: "2026-12-07" });
    assert.match(markdown, /\*\*1 of 3 pass\*\*; 1 are not meant to pass/);
    assert.match(markdown, /### streamNameOptional \(1\)/);
    assert.match(markdown, /\| putRecord\.js \| putRecord functionality should fail \| expected 200 \|/);
    assert.match(markdown, /"before all" hook/);
  });

  test("an error raised after a file's last test is reported as late, neither a test nor a failure", () => {
    const results = judge([
      { file: "putRecord.js", title: "putRecord functionality should work", state: "passed" },
      { file: "putRecord.js", title: '"after all" hook', state: "failed", late: true, error: "AssertionError: expected '20175acf' to match" },
    ]);
    assert.deepEqual(tally(results), { tests: 1, passed: 1, notToPass: 0, failing: 0, failedHooks: 0, pending: 0 });
    const markdown = conformanceMarkdown(results, { kinesaliteCommit: "c76689d", emulatorCommit: "abc1234", date: "2026-12-07" });
    assert.match(markdown, /## Late errors[\s\S]*- putRecord\.js: AssertionError: expected '20175acf' to match/);
    assert.match(markdown, /## Failing\n\nNone\./);
  });
});
