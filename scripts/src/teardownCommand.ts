import { Command, Option } from "commander";
import { connectPipeline, estimateRunningCost, givenRoleArns, teardownPipeline } from "@gpu-stream/shared";
import { LOCAL_ENDPOINT_HELP } from "./optionParsers";

interface TeardownFlags {
  mode?: "local" | "aws";
  endpoint?: string;
  region?: string;
  profile?: string;
  keepBucket: boolean;
  firehoseRoleArn?: string;
  crawlerRoleArn?: string;
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);

async function runTeardown(flags: TeardownFlags): Promise<void> {
  const existingRoleArns = givenRoleArns({ firehose: flags.firehoseRoleArn, crawler: flags.crawlerRoleArn });
  const session = await connectPipeline({
    ...(flags.mode === undefined ? {} : { mode: flags.mode }),
    ...(flags.endpoint === undefined ? {} : { localEndpoint: flags.endpoint }),
    ...(flags.region === undefined ? {} : { region: flags.region }),
    ...(flags.profile === undefined ? {} : { profile: flags.profile }),
    existingRoleArns,
  });
  try {
    say(`tearing down the exercise's resources in ${session.clients.target.description}${session.clients.target.mode === "aws" ? `, account ${session.names.accountId}` : ""}`);
    const running = await estimateRunningCost(session.clients, session.names);
    if (running !== undefined && session.clients.target.mode === "aws") {
      say(`  while it existed it cost about $${running.usdPerHour.toFixed(3)} per hour`);
    }
    const deleted = await teardownPipeline(session.clients, session.names, {
      ...(session.iam === undefined ? {} : { iam: session.iam }),
      existingRoleArns,
      deleteBucket: !flags.keepBucket,
      onStep: (line) => say(`  ${line}`),
    });
    say(`${deleted.length} resource${deleted.length === 1 ? "" : "s"} deleted`);
  } finally {
    session.close();
  }
}

/** `gpu-stream teardown`: what notebook 04 does, for a run stopped halfway or kept with --keep. */
export function teardownCommand(): Command {
  return new Command("teardown")
    .description("delete every resource the exercise makes (stream, delivery stream and its error log, crawlers and their log streams, database, roles it created, bucket); what is gone is skipped")
    .addOption(new Option("--mode <mode>", "local emulator or real AWS (default: $GPU_STREAM_MODE or local)").choices(["local", "aws"]))
    .option("--endpoint <url>", LOCAL_ENDPOINT_HELP)
    .option("--region <region>", "AWS region (default: $AWS_REGION, else the profile's)")
    .option("--profile <name>", "the shared-config profile (default: $AWS_PROFILE or default)")
    .option("--keep-bucket", "keep the bucket and its data (S3 bills it per GB-month)", false)
    .option("--firehose-role-arn <arn>", "a role you gave set-up: kept")
    .option("--crawler-role-arn <arn>", "a role you gave set-up: kept")
    .action(runTeardown);
}
