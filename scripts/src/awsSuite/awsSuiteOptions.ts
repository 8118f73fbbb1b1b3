import { Command } from "commander";

export interface AwsSuiteOptions {
  /** Skip the confirmation (needed where stdin is not a terminal). */
  readonly yes: boolean;
  /** Run even though AWS_ENDPOINT_URL points the SDK elsewhere: a rehearsal against an emulator. */
  readonly endpointOk: boolean;
}

export function parseAwsSuiteOptions(argv: readonly string[]): AwsSuiteOptions {
  const program = new Command("npm run test:aws --")
    .description(
      "The emulator's AWS-facing tests (test/awsFidelity/*.test.ts) against your AWS account: credentials from the default chain, " +
        "a cost estimate and a confirmation first, everything the run made deleted afterwards.",
    )
    .option("-y, --yes", "do not ask for confirmation", false)
    .option("--endpoint-ok", "run even when AWS_ENDPOINT_URL is set (a rehearsal against an emulator, not a check of AWS)", false)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program.parse([...argv], { from: "user" });
  return program.opts<AwsSuiteOptions>();
}

/** Why the run must not go on with this environment, or undefined. */
export function endpointRefusal(env: Readonly<Record<string, string | undefined>>, endpointOk: boolean): string | undefined {
  const redirects = Object.keys(env).filter((name) => name.startsWith("AWS_ENDPOINT_URL") && (env[name]?.trim() ?? "") !== "");
  if (redirects.length === 0 || endpointOk) {
    return undefined;
  }
  return (
    `${redirects.map((name) => `${name}=${env[name]}`).join(", ")} sends the SDK somewhere other than AWS, so this run would not verify AWS. ` +
    "Unset it, or pass --endpoint-ok to rehearse the run against that endpoint (an emulator)."
  );
}
