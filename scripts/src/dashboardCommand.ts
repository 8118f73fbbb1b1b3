import { Command, InvalidArgumentError, Option } from "commander";
import { parseAccessKey, type AccessKey } from "@gpu-stream/emulator";
import { resolveAwsMode } from "@gpu-stream/shared";
import { DEFAULT_DASHBOARD_PORT, openDashboard } from "./dashboard";
import { LOCAL_ENDPOINT_HELP, parsePort } from "./optionParsers";

interface DashboardFlags {
  mode?: "local" | "aws";
  endpoint?: string;
  region?: string;
  profile?: string;
  credentials?: AccessKey;
  port: number;
  files: string;
}

/** The emulator's --credentials syntax, from the emulator itself, so that one key can be pasted into both. */
function parseCredentials(text: string): AccessKey {
  try {
    return parseAccessKey(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

async function runDashboard(flags: DashboardFlags): Promise<void> {
  if (flags.credentials !== undefined && resolveAwsMode(flags.mode) === "aws") {
    throw new Error("--credentials is the local emulator's key: on AWS the dashboard uses the default credential chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, --profile)");
  }
  const dashboard = await openDashboard({
    ...(flags.mode === undefined ? {} : { mode: flags.mode }),
    ...(flags.endpoint === undefined ? {} : { localEndpoint: flags.endpoint }),
    ...(flags.region === undefined ? {} : { region: flags.region }),
    ...(flags.profile === undefined ? {} : { profile: flags.profile }),
    ...(flags.credentials === undefined ? {} : { credentials: flags.credentials }),
    port: flags.port,
    filesDir: flags.files,
  });
  if (dashboard.fellBack) {
    process.stderr.write(`port ${flags.port} is taken: listening on ${dashboard.port} instead\n`);
  }
  const signing = dashboard.accessKeyId === undefined ? "" : `, signed with access key ${dashboard.accessKeyId}`;
  process.stdout.write(`Dashboard: ${dashboard.url}\n  reading ${dashboard.description} (read-only calls${signing}); Ctrl-C stops it\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await dashboard.close();
}

export function dashboardCommand(): Command {
  return new Command("dashboard")
    .description("a live web view of the pipeline: the records as a consumer reads them, and each service's state (read-only)")
    .addOption(new Option("--mode <mode>", "local emulator or real AWS (default: $GPU_STREAM_MODE or local)").choices(["local", "aws"]))
    .option("--endpoint <url>", LOCAL_ENDPOINT_HELP)
    .option("--region <region>", "AWS region (default: $AWS_REGION, else the profile's)")
    .option("--profile <name>", "the shared-config profile whose credentials sign (default: $AWS_PROFILE or default)")
    .option(
      "--credentials <id:secret>",
      "local: sign with this key, one of those the emulator's --credentials accepts (id:secret:token for a session token). Default: the SDK's chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the profile), else test/test",
      parseCredentials,
    )
    .option("--port <n>", `port on 127.0.0.1 (0: any free port; a taken port falls back to a free one)`, parsePort, DEFAULT_DASHBOARD_PORT)
    .option("--files <dir>", "where npm start wrote the report and the CSV, to link them", "data")
    .action(runDashboard);
}
