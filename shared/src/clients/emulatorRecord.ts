import { readFileSync } from "node:fs";
import { get } from "node:http";
import { join, resolve } from "node:path";

/**
 * How a checkout finds the emulator it started, and tells it from another checkout's: the emulator's data
 * directory holds a random instance id (written at its first start, answered by GET /_emulator/health) and,
 * while it runs, a pid record naming its URL. An emulator "serves" a data directory when it answers at the
 * recorded URL with that directory's instance id; the answer never names a path.
 */

/** Chooses the data directory when none is passed (a test points it at a temporary one). */
export const EMULATOR_DATA_DIR_ENV = "GPU_STREAM_EMULATOR_DATA_DIR";

/** `<repository>/data/emulator`, from this file's place (shared/dist/), whatever the caller's cwd. */
export const DEFAULT_EMULATOR_DATA_DIR = resolve(__dirname, "..", "..", "..", "data", "emulator");

/** Inside the data directory, which git already ignores. */
export const EMULATOR_PID_FILE = "emulator.pid";
export const EMULATOR_INSTANCE_FILE = "instance-id";

type Env = Readonly<Record<string, string | undefined>>;

/** The explicit one, else env GPU_STREAM_EMULATOR_DATA_DIR, else DEFAULT_EMULATOR_DATA_DIR; absolute. */
export function emulatorDataDir(explicit?: string, env: Env = process.env): string {
  const fromEnv = env[EMULATOR_DATA_DIR_ENV]?.trim();
  return resolve(explicit ?? (fromEnv === undefined || fromEnv === "" ? DEFAULT_EMULATOR_DATA_DIR : fromEnv));
}

export interface EmulatorRecord {
  readonly pid: number;
  readonly url: string;
  /** Known when ensureEmulatorRunning started it; `npm run emulator` writes to its terminal. */
  readonly logFile?: string;
  readonly startedAt: string;
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return undefined;
    }
    throw error;
  }
}

/** The pid record the emulator serving `dataDir` left there; undefined when absent or unreadable. */
export function readEmulatorRecord(dataDir: string): EmulatorRecord | undefined {
  const text = readOptional(join(dataDir, EMULATOR_PID_FILE));
  if (text === undefined) {
    return undefined;
  }
  try {
    const record = JSON.parse(text) as Partial<EmulatorRecord>;
    if (typeof record.pid === "number" && typeof record.url === "string") {
      return record as EmulatorRecord;
    }
  } catch {
    // unreadable: treated as absent, and overwritten by the next start
  }
  return undefined;
}

/** The data directory's instance id; undefined before its emulator's first start. */
export function readInstanceId(dataDir: string): string | undefined {
  return readOptional(join(dataDir, EMULATOR_INSTANCE_FILE))?.trim() || undefined;
}

/** What answers at a URL: our emulator (with the instance id it serves), nothing (connection refused), or another server. */
export type EmulatorIdentity =
  | { readonly kind: "emulator"; readonly instance: string | undefined }
  | { readonly kind: "nothing" }
  | { readonly kind: "other"; readonly detail: string };

/** `GET <url>/_emulator/health`, classified. */
export function identifyEmulator(url: string, timeoutMs = 1000): Promise<EmulatorIdentity> {
  return new Promise((resolvePromise) => {
    // agent: false, so no pooled keep-alive socket outlives the probe and holds the caller's event loop open.
    const request = get(`${url}/_emulator/health`, { agent: false, timeout: timeoutMs }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("error", () => resolvePromise({ kind: "other", detail: "the answer broke off" }));
      response.on("end", () => {
        const instance = healthInstance(response.statusCode, body);
        const server = response.headers["server"]?.toString();
        resolvePromise(
          instance !== false
            ? { kind: "emulator", instance }
            : { kind: "other", detail: `GET /_emulator/health answered HTTP ${response.statusCode}${server === undefined ? "" : ` (server: ${server})`}` },
        );
      });
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error: NodeJS.ErrnoException) => {
      resolvePromise(error.code === "ECONNREFUSED" ? { kind: "nothing" } : { kind: "other", detail: `GET /_emulator/health failed: ${error.message}` });
    });
  });
}

/** False when the answer is not the emulator's health; else its instance id (undefined from an emulator older than ids). */
function healthInstance(status: number | undefined, body: string): string | undefined | false {
  if (status !== 200) {
    return false;
  }
  try {
    const answer = JSON.parse(body) as { status?: unknown; services?: unknown; instance?: unknown };
    if (answer.status !== "ok" || !Array.isArray(answer.services)) {
      return false;
    }
    return typeof answer.instance === "string" ? answer.instance : undefined;
  } catch {
    return false;
  }
}

/** Whether the emulator answering at `url` is the one serving `dataDir` (same instance id). */
export function servesDataDir(identity: EmulatorIdentity, dataDir: string): boolean {
  const own = readInstanceId(dataDir);
  return identity.kind === "emulator" && own !== undefined && identity.instance === own;
}

/** The emulator recorded in `dataDir`, if it still answers there as that data directory's. */
export async function findRecordedEmulator(dataDir: string): Promise<EmulatorRecord | undefined> {
  const record = readEmulatorRecord(dataDir);
  if (record === undefined) {
    return undefined;
  }
  return servesDataDir(await identifyEmulator(record.url), dataDir) ? record : undefined;
}

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
