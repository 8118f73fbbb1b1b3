import { setTimeout as sleep } from "node:timers/promises";
import { after, before } from "node:test";
import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { STSClient } from "@aws-sdk/client-sts";
import { awsModeClientsAt } from "./awsModeClients";
import { awsFidelityClients, catalogName, fidelityClients, resolveSuiteRegion, runPrefixFrom, sweepRunResources, TEST_TARGET_ENV, type FidelityClients } from "./awsSuiteModules";
import { clientConfig, startTestEmulator, type TestEmulator } from "./testEmulator";

export type FidelityTargetKind = "aws" | "emulator";

/**
 * Where a fidelity test sends its calls. Both targets take the same code path from the clients on: AWS through
 * createAwsClients in aws mode (as npm start -- --aws), the emulator through aws-mode clients pointed at it.
 */
export interface FidelityTarget extends FidelityClients {
  readonly kind: FidelityTargetKind;
  /** `gpu-stream-fidelity-<run>-<file>`: every resource of this file is named with it, and swept by it. */
  readonly prefix: string;
  /** The prefix as Glue and Athena names take it (underscores). */
  readonly catalogPrefix: string;
  /** Polling for what takes seconds on AWS and no time on the emulator. */
  readonly pollMs: number;
}

/** `GPU_STREAM_TEST_TARGET=aws` (set by npm run test:aws), else the emulator: npm test and CI never reach AWS. */
export function fidelityTargetKind(env: Readonly<Record<string, string | undefined>> = process.env): FidelityTargetKind {
  const given = env[TEST_TARGET_ENV]?.trim().toLowerCase();
  if (given === undefined || given === "" || given === "emulator") {
    return "emulator";
  }
  if (given === "aws") {
    return "aws";
  }
  throw new RangeError(`${TEST_TARGET_ENV} '${env[TEST_TARGET_ENV]}' is not a target: expected 'aws' or 'emulator'`);
}

/** The emulator as AWS: its own port and data directory, aws-mode clients, its IAM and STS. */
function emulatorAsAws(emulator: TestEmulator): FidelityClients {
  const config = clientConfig(emulator.emulator.url);
  return fidelityClients(awsModeClientsAt(emulator.emulator.url), new IAMClient(config), new STSClient(config), "us-east-1", (region) =>
    new S3Client({ ...config, region, forcePathStyle: true }),
  );
}

/**
 * Opens the target before the suite's tests (`fileTag` names this file's resources) and after them deletes
 * everything named with its prefix, whether the tests passed or not, then closes it.
 */
export function useFidelityTarget(fileTag: string, onReady: (target: FidelityTarget) => void | Promise<void>, kind: FidelityTargetKind = fidelityTargetKind()): void {
  let emulator: TestEmulator | undefined;
  let target: FidelityTarget | undefined;
  before(async () => {
    const prefix = `${runPrefixFrom()}-${fileTag}`;
    emulator = kind === "emulator" ? await startTestEmulator() : undefined;
    const clients = emulator === undefined ? awsFidelityClients(await resolveSuiteRegion()) : emulatorAsAws(emulator);
    target = { ...clients, kind, prefix, catalogPrefix: catalogName(prefix), pollMs: kind === "aws" ? 2_000 : 50 };
    await onReady(target);
  });
  after(async () => {
    try {
      if (target !== undefined) {
        await sweepRunResources(target, target.prefix);
      }
    } finally {
      target?.destroy();
      await emulator?.close();
    }
  });
}

/**
 * Polls `settled` until it answers true, for a minute at most: IAM and S3's bucket listings are eventually
 * consistent on AWS (a deleted role or bucket may still be found for seconds), the emulator at once.
 */
export async function untilSettled(target: FidelityTarget, settled: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await settled()) && Date.now() < deadline) {
    await sleep(target.pollMs);
  }
}
