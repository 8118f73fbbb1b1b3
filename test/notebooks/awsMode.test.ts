import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { IAMClient, ListRolesCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { DENORMALIZED_CSV_FILE, METRICS, parseDenormalizedCsv } from "@gpu-stream/shared";
import { assertNothingLeft } from "../support/nothingLeft";
import { NotebookCellError, runNotebook, type NotebookRun } from "../support/notebookRunner";
import { clientConfig, startTestEmulator, type TestEmulator } from "../support/testEmulator";
import { REPO_ROOT } from "../support/repoRoot";

const NOTEBOOKS = resolve(REPO_ROOT, "notebooks");
const PRODUCERS = ["GPU_energia", "GPU_Frequencia", "GPU_Temp", "GPU_uso", "GPU_usoVRAM"] as const;
const RECORDS = 3;

function output(run: NotebookRun): string {
  return run.cells.map((cell) => cell.stdout).join("");
}

/**
 * The notebooks with MODE = "aws", their AWS played by the emulator through AWS_ENDPOINT_URL (the SDK's own
 * setting), IAM and STS included and roles enforced: the real AWS code path (roles, their propagation, real
 * Firehose buffering, the crawl, Athena, teardown), nothing mocked.
 */
describe("the notebooks in MODE = \"aws\", on the emulator", { timeout: 900_000 }, () => {
  let emulator: TestEmulator;
  let iam: IAMClient;
  let outputDir: string;
  const run = async (name: string, parameters: Record<string, string | number | boolean> = {}): Promise<NotebookRun> =>
    runNotebook(join(NOTEBOOKS, `${name}.ipynb`), {
      // 01 profiles a local file: it has no MODE.
      parameters: { ...(name === "01_profile_gpu_log" ? {} : { MODE: "aws" }), ...parameters },
      timeoutMs: 240_000,
      env: { AWS_ENDPOINT_URL: emulator.emulator.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_PROFILE: "" },
    });

  before(async () => {
    emulator = await startTestEmulator({ enforceIam: true });
    iam = new IAMClient(clientConfig(emulator.emulator.url));
    outputDir = await mkdtemp(join(tmpdir(), "gpu-stream-notebooks-aws-"));
  });
  after(async () => {
    iam.destroy();
    await emulator.close();
    await rm(outputDir, { recursive: true, force: true });
  });

  test("00 to 04 run top to bottom: roles made and used, the CSV complete, and nothing left after 04", async () => {
    const setup = await run("00_setup", { BUFFER_SECONDS: 1 });
    assert.match(output(setup), /^OK: /m);
    const roles = ((await iam.send(new ListRolesCommand({}))).Roles ?? []).map((role) => role.RoleName).sort();
    assert.deepEqual(roles, ["gpu-stream-firehose", "gpu-stream-glue-crawler"], "00 made the pipeline's two roles");

    const profilePath = join(outputDir, "generator-profile.json");
    await run("01_profile_gpu_log", { PROFILE_PATH: profilePath });
    for (const producer of PRODUCERS) {
      await run(producer, { FIRST_RECORDS: 0, RECORDS, INTERVAL_S: 0, PROFILE_PATH: profilePath });
    }
    const crawl = await run("02_glue_crawler", { SIDEBAR_RECORDS: 6, SIDEBAR_OBJECTS: 2 });
    assert.match(output(crawl), /last crawl SUCCEEDED/);
    const csvPath = join(outputDir, DENORMALIZED_CSV_FILE);
    await run("03_athena_analysis", { CSV_PATH: csvPath, REPORT_PATH: join(outputDir, "report.html") });
    assert.equal(parseDenormalizedCsv(await readFile(csvPath, "utf8")).length, METRICS.length * RECORDS);

    const teardown = await run("04_teardown", { CONFIRM: true });
    assert.match(output(teardown), /^OK: nothing left$/m);
    await assertNothingLeft(emulator);
  });

  test("02 shows what Firehose logged while it waits: a role that may not write the bucket, S3.AccessDenied", async () => {
    await run("00_setup", { BUFFER_SECONDS: 1, RESHARD_SIDEBAR: false });
    const deny = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:PutObject", Resource: "*" }] };
    await iam.send(new PutRolePolicyCommand({ RoleName: "gpu-stream-firehose", PolicyName: "no-writes", PolicyDocument: JSON.stringify(deny) }));
    const profilePath = join(outputDir, "generator-profile.json");
    await run("GPU_Temp", { FIRST_RECORDS: 0, RECORDS: 2, INTERVAL_S: 0, PROFILE_PATH: profilePath });
    const failed = await run("02_glue_crawler", { MAX_BUFFER_WAIT_S: 12 }).then(
      () => assert.fail("02 went on although nothing reached S3"),
      (error: unknown) => {
        assert.ok(error instanceof NotebookCellError, String(error));
        return error;
      },
    );
    const waited = failed.cells.find((cell) => cell.source.includes("loggedErrors"))!;
    assert.match(waited.stdout, /^Firehose: S3\.AccessDenied: Access was denied\. Ensure that the trust policy .* access to the S3 bucket\.( \(\d+ times\))?$/m);
    assert.ok(
      waited.displays.some((display) => /S3 holds 0 records so far; Firehose: S3\.AccessDenied/.test(String(display.data["text/plain"]))),
      "the countdown shows it while waiting",
    );
    await run("04_teardown", { CONFIRM: true });
    await assertNothingLeft(emulator);
  });
});
