import { identifyEmulator, servesDataDir } from "@gpu-stream/emulator/control";

/**
 * How a checkout finds the emulator it started is the emulator's own (`@gpu-stream/emulator/control`,
 * emulator/src/control/emulatorRecord.ts): a data directory's instance id, answered by GET /_emulator/health,
 * and the pid record naming its URL. What the course says when it finds none is here.
 */

/** Said wherever local mode finds no emulator of this checkout's: what to run, and how to name one instead. */
export function noEmulatorMessage(dataDir: string, why = `nothing recorded in ${dataDir}`): string {
  return (
    `no emulator of this checkout is running (${why}): run notebooks/00_setup.ipynb (or npm run emulator) ` +
    `first, or name one: ENDPOINT in the notebook's parameters, --endpoint, or env GPU_STREAM_ENDPOINT ` +
    `(e.g. http://127.0.0.1:4566)`
  );
}

/**
 * Where a target's endpoint came from the data directory's record (AwsTarget.emulatorDataDir), checks that the
 * emulator there still serves that directory: a recorded URL outlives its emulator, and another may take the port.
 */
export async function checkRecordedEmulator(target: { readonly endpoint?: string; readonly emulatorDataDir?: string }): Promise<void> {
  const dataDir = target.emulatorDataDir;
  if (dataDir === undefined || target.endpoint === undefined) {
    return;
  }
  const identity = await identifyEmulator(target.endpoint);
  if (!servesDataDir(identity, dataDir)) {
    const found =
      identity.kind === "nothing" ? "nothing answers there now" : identity.kind === "emulator" ? "an emulator serving another data directory answers there now" : "another server answers there now";
    throw new Error(noEmulatorMessage(dataDir, `${dataDir} records it at ${target.endpoint}, but ${found}`));
  }
}
