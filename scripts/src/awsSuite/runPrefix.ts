import { randomBytes } from "node:crypto";

/** Every resource a fidelity run makes is named with this, then the run's id, so one sweep finds them all. */
export const FIDELITY_PREFIX = "gpu-stream-fidelity-";

/** The environment variable the runner passes its run's prefix in, so the suite files and the final sweep agree. */
export const FIDELITY_RUN_ENV = "GPU_STREAM_FIDELITY_RUN";

/** `gpu-stream-fidelity-<8 hex>`: lowercase, digits and hyphens, as S3 bucket names (global) require. */
export function newRunPrefix(): string {
  return `${FIDELITY_PREFIX}${randomBytes(4).toString("hex")}`;
}

/** The run's prefix given by the runner, else a new one (a suite file run on its own). */
export function runPrefixFrom(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const given = env[FIDELITY_RUN_ENV]?.trim();
  if (given === undefined || given === "") {
    return newRunPrefix();
  }
  if (!given.startsWith(FIDELITY_PREFIX) || !/^[a-z0-9-]+$/.test(given)) {
    throw new RangeError(`${FIDELITY_RUN_ENV} '${given}' must start with '${FIDELITY_PREFIX}' and hold only lowercase letters, digits and hyphens`);
  }
  return given;
}

/** The name as Glue and Athena take it: underscores for hyphens (Athena's DDL refuses a hyphen in an unquoted name). */
export function catalogName(name: string): string {
  return name.replaceAll("-", "_");
}
