import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { CommanderError } from "commander";
import { endpointRefusal, parseAwsSuiteOptions } from "./awsSuiteOptions";
import { confirmRun } from "./confirmRun";
import { awsFidelityClients, resolveSuiteRegion } from "./fidelityClients";
import { newRunPrefix } from "./runPrefix";
import { estimateSuiteCost, formatSuiteCost } from "./suiteCostEstimate";
import { findSuiteFiles, runSuiteFiles } from "./suiteFiles";
import { formatSwept, sweepRunResources } from "./sweepRunResources";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** `npm run test:aws`: the fidelity suite against the signed-in AWS account, then a sweep of what it made. */
async function main(): Promise<number> {
  let options;
  try {
    options = parseAwsSuiteOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    throw error;
  }
  const refusal = endpointRefusal(process.env, options.endpointOk);
  if (refusal !== undefined) {
    process.stderr.write(`${refusal}\n`);
    return 2;
  }
  const files = await findSuiteFiles();
  const region = await resolveSuiteRegion();
  const target = awsFidelityClients(region);
  try {
    const identity = await target.sts.send(new GetCallerIdentityCommand({})).catch((error: unknown) => {
      throw new Error(`no usable AWS credentials (STS GetCallerIdentity: ${(error as Error).message}); sign in as for npm start -- --aws`, { cause: error });
    });
    say(`AWS account ${identity.Account}, region ${region}, signed in as ${identity.Arn}`);
    if (process.env["AWS_ENDPOINT_URL"] !== undefined) {
      say(`Rehearsal: AWS_ENDPOINT_URL=${process.env["AWS_ENDPOINT_URL"]} answers instead of AWS (--endpoint-ok)`);
    }
    say(formatSuiteCost(estimateSuiteCost(), region));
    const runPrefix = newRunPrefix();
    say(`It creates Kinesis streams, a Firehose delivery stream, S3 buckets, IAM roles, a Glue database and crawler named ${runPrefix}* (Glue: with underscores), and deletes them all afterwards.`);
    const answer = await confirmRun("Run the suite on this account?", { yes: options.yes, input: process.stdin, output: process.stdout });
    if (answer !== "confirmed") {
      process.stderr.write(answer === "not-a-terminal" ? "Not a terminal, so nobody can confirm: pass --yes to run.\n" : "Not run.\n");
      return 2;
    }

    // Ctrl-C reaches the test run too; this process outlives it to sweep.
    const onInterrupt = (): void => say("\nInterrupted: the sweep runs once the tests stop.");
    process.on("SIGINT", onInterrupt);
    let testsExit: number;
    try {
      testsExit = await runSuiteFiles(files, runPrefix, region);
    } finally {
      process.off("SIGINT", onInterrupt);
    }
    say(`Sweeping what is left named ${runPrefix}*...`);
    const swept = await sweepRunResources(target, runPrefix);
    say(formatSwept(swept, runPrefix));
    say(testsExit === 0 ? "The suite passed against this target." : `The suite failed (node --test exited ${testsExit}).`);
    return testsExit;
  } finally {
    target.destroy();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`npm run test:aws failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
