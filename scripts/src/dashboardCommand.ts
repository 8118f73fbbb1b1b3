import { Command, Option } from "commander";
import { DEFAULT_DASHBOARD_PORT, openDashboard } from "./dashboard";
import { parsePort } from "./optionParsers";

interface DashboardFlags {
  mode?: "local" | "aws";
  endpoint?: string;
  region?: string;
  profile?: string;
  port: number;
  files: string;
}

async function runDashboard(flags: DashboardFlags): Promise<void> {
  const dashboard = await openDashboard({
    ...(flags.mode === undefined ? {} : { mode: flags.mode }),
    ...(flags.endpoint === undefined ? {} : { localEndpoint: flags.endpoint }),
    ...(flags.region === undefined ? {} : { region: flags.region }),
    ...(flags.profile === undefined ? {} : { profile: flags.profile }),
    port: flags.port,
    filesDir: flags.files,
  });
  if (dashboard.fellBack) {
    process.stderr.write(`port ${flags.port} is taken: listening on ${dashboard.port} instead\n`);
  }
  process.stdout.write(`Dashboard: ${dashboard.url}\n  reading ${dashboard.description} (read-only calls); Ctrl-C stops it\n`);
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
    .option("--endpoint <url>", "the local emulator's endpoint (default: $GPU_STREAM_ENDPOINT or http://127.0.0.1:4566)")
    .option("--region <region>", "AWS region (default: $AWS_REGION, else the profile's)")
    .option("--profile <name>", "AWS: the shared-config profile (default: $AWS_PROFILE or default)")
    .option("--port <n>", `port on 127.0.0.1 (0: any free port; a taken port falls back to a free one)`, parsePort, DEFAULT_DASHBOARD_PORT)
    .option("--files <dir>", "where npm start wrote the report and the CSV, to link them", "data")
    .action(runDashboard);
}
