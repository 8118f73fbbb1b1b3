/**
 * The harness's only changes to kinesalite's test/helpers.js: do not start kinesalite (an emulator is already
 * listening), send to the emulator's port, and sign for kinesis in the suite's region (aws4 takes the service and
 * region from the host name, which 127.0.0.1 does not give). Each replacement must apply exactly once, so a
 * changed helpers.js stops the run instead of testing something else.
 */
const REPLACEMENTS: readonly (readonly [string, string])[] = [
  ["kinesalite = require('..')", "kinesalite = null"],
  ["var port = 10000 + Math.round(Math.random() * 10000),", "var port = +process.env.KINESIS_PORT,"],
  [
    "{host: '127.0.0.1', port: port, method: 'POST'}",
    "{host: '127.0.0.1', port: port, method: 'POST', service: 'kinesis', region: exports.awsRegion}",
  ],
  [
    "var kinesaliteServer = kinesalite({path: process.env.KINESALITE_PATH})",
    "var kinesaliteServer = {listen: function(port, done) { done() }, close: function(done) { done() }}",
  ],
];

export function patchHelpers(source: string): string {
  let patched = source;
  for (const [from, to] of REPLACEMENTS) {
    const count = patched.split(from).length - 1;
    if (count !== 1) {
      throw new Error(`kinesalite's test/helpers.js has ${count} copies of ${JSON.stringify(from)} (expected 1): the harness needs updating`);
    }
    patched = patched.replace(from, to);
  }
  return patched;
}
