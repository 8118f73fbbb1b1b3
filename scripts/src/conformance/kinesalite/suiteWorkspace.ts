import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { patchHelpers } from "./helpersPatch";

/**
 * What kinesalite's tests require (its package.json devDependencies and the dependencies its test/helpers.js
 * loads), at the versions its lock file had. Installed into the workspace only, never into the project.
 */
const SUITE_DEPENDENCIES: Readonly<Record<string, string>> = {
  async: "2.6.3",
  aws4: "1.9.1",
  "bignumber.js": "9.0.0",
  cbor: "5.0.2",
  // splitShard.js and mergeShards.js require('../db') for parseSequence (kinesalite's own sequence-number layout).
  kinesalite: "3.3.3",
  mocha: "6.2.3",
  once: "1.4.0",
  should: "13.2.3",
};

/** A mocha reporter writing one JSON line per test as it ends, so a crash keeps what ran before it. */
const LINE_REPORTER = `'use strict'
var fs = require('fs')
module.exports = function LineReporter(runner) {
  var out = process.env.CONFORMANCE_RESULTS
  function write(entry) { fs.appendFileSync(out, JSON.stringify(entry) + '\\n') }
  function message(error) { return String((error && (error.stack || error.message)) || error).slice(0, 4000) }
  runner.on('start', function() {
    runner.suite.eachTest(function(test) { write({title: test.fullTitle(), state: 'listed'}) })
  })
  runner.on('pass', function(test) { write({title: test.fullTitle(), state: 'passed'}) })
  runner.on('pending', function(test) { write({title: test.fullTitle(), state: 'pending'}) })
  runner.on('fail', function(test, error) {
    write({title: test.fullTitle(), state: 'failed', hook: test.type === 'hook', error: message(error)})
  })
}
`;

/** `require('../db')` in the tests: kinesalite's db module, installed from the registry at the suite's version. */
const DB_MODULE = "module.exports = require('kinesalite/db')\n";

/**
 * `require('..')` in the tests: kinesalite itself, which only connection.js's "should connect to SSL" starts (to test
 * kinesalite's own TLS server). Not started here: that test is listed as not meant to pass.
 */
const KINESALITE_MODULE = `module.exports = function kinesalite() {
  throw new Error('this harness runs the suite against the gpu-stream emulator and does not start kinesalite')
}
`;

export interface SuiteWorkspace {
  readonly directory: string;
  /** The suite's test files, without helpers.js: `addTagsToStream.js`, ... */
  readonly testFiles: readonly string[];
  readonly mocha: string;
  readonly reporter: string;
}

/**
 * A copy of kinesalite's test/ with helpers.js patched to talk to an emulator instead of starting kinesalite,
 * its dependencies installed beside it, and our line reporter.
 */
export function prepareWorkspace(tree: string, directory: string): SuiteWorkspace {
  const testDirectory = join(directory, "test");
  mkdirSync(testDirectory, { recursive: true });
  const testFiles = readdirSync(join(tree, "test"))
    .filter((name) => name.endsWith(".js") && name !== "helpers.js")
    .sort();
  for (const name of testFiles) {
    copyFileSync(join(tree, "test", name), join(testDirectory, name));
  }
  writeFileSync(join(testDirectory, "helpers.js"), patchHelpers(readFileSync(join(tree, "test", "helpers.js"), "utf8")));
  mkdirSync(join(directory, "db"), { recursive: true });
  writeFileSync(join(directory, "db", "index.js"), DB_MODULE);
  writeFileSync(join(directory, "index.js"), KINESALITE_MODULE);
  const reporter = join(directory, "lineReporter.js");
  writeFileSync(reporter, LINE_REPORTER);
  const manifest = JSON.stringify({ name: "kinesalite-suite-workspace", private: true, dependencies: SUITE_DEPENDENCIES }, null, 2);
  const manifestPath = join(directory, "package.json");
  const mocha = join(directory, "node_modules", "mocha", "bin", "mocha");
  if (!existsSync(mocha) || !existsSync(manifestPath) || readFileSync(manifestPath, "utf8") !== manifest) {
    writeFileSync(manifestPath, manifest);
    process.stdout.write(`installing the suite's test dependencies into ${directory}\n`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"], { cwd: directory, stdio: ["ignore", "inherit", "inherit"] });
  }
  return { directory, testFiles, mocha, reporter };
}
