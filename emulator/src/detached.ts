import { spawn } from "node:child_process";
import { closeSync, fstatSync, openSync, readFileSync, writeSync } from "node:fs";
import { mkdir, open, readFile, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import {
  DEFAULT_EMULATOR_DATA_DIR,
  EMULATOR_PID_FILE,
  emulatorDataDir,
  findRecordedEmulator,
  identifyEmulator,
  readEmulatorRecord,
  servesDataDir,
  type EmulatorIdentity,
  type EmulatorRecord,
} from "./control/emulatorRecord";
import { removePidRecord, writePidRecord } from "./pidRecord";
import { DEFAULT_HOST, DEFAULT_PORT } from "./start";

/** The repository root, from this file's place (emulator/dist/), so a notebook's kernel and `npm start` agree whatever their cwd. */
const REPOSITORY_ROOT = resolve(__dirname, "..", "..");
const CLI = join(__dirname, "cli.js");

export { DEFAULT_EMULATOR_DATA_DIR };
const LOG_FILE = "emulator.log";
const LOCK_FILE = "emulator.starting";
const PREFERRED_PORT_ENV = "GPU_STREAM_EMULATOR_PORT";

export interface EnsureEmulatorOptions {
  /**
   * "" or absent: this checkout's emulator (the one its data directory records), else a new one on `port` (4566)
   * when nothing answers there, else on a free port. A URL: the emulator there if it serves this data directory,
   * a new one there if nothing answers, and an error if an emulator serving another data directory answers.
   */
  readonly endpoint?: string;
  /**
   * Without `endpoint`: start (or find) it at this port of `host`, as if named by an endpoint. With an endpoint of
   * "": the port tried first (default env GPU_STREAM_EMULATOR_PORT, else 4566) when this checkout's emulator must
   * be started.
   */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** More names to answer in Host (`--allow-host`), e.g. the name a container reaches this machine by. */
  readonly allowHosts?: readonly string[];
  /** Default env GPU_STREAM_EMULATOR_DATA_DIR, else `<repository>/data/emulator`; relative paths resolve from cwd. */
  readonly dataDir?: string;
  /** Where the emulator's stdout and stderr go (appended); default `<dataDir>/emulator.log`. */
  readonly logFile?: string;
  /** How long to wait for it to answer; default 30 s. */
  readonly timeoutMs?: number;
  /** More flags for emulator/dist/cli.js, e.g. ["--create-stream-delay", "2000"]. */
  readonly extraArgs?: readonly string[];
}

export interface EmulatorProcess {
  readonly url: string;
  /** True when this call started it; false when this data directory's emulator already ran. */
  readonly started: boolean;
  /** The data directory it serves. */
  readonly dataDir: string;
  /** Known when this call started it, or when the data directory's pid record names the one that answers. */
  readonly pid?: number;
  readonly logFile?: string;
}

export interface StopEmulatorOptions {
  /** Whose pid record to read; default env GPU_STREAM_EMULATOR_DATA_DIR, else `<repository>/data/emulator`. */
  readonly dataDir?: string;
  /** Only stop it if the pid record says it serves this URL. */
  readonly url?: string;
  /** Stop this process instead of reading a pid record. */
  readonly pid?: number;
  /** How long to wait for it to exit (it delivers Firehose buffers first); default 30 s. */
  readonly timeoutMs?: number;
}

export interface StopResult {
  /** False when nothing was running (a stale pid record is removed). */
  readonly stopped: boolean;
  readonly pid?: number;
}

export type Probe = { readonly kind: "emulator" } | { readonly kind: "nothing" } | { readonly kind: "other"; readonly detail: string };

/** What answers `GET <url>/_emulator/health`: our emulator, nothing (connection refused), or some other server. */
export async function probeEmulator(url: string, timeoutMs = 1000): Promise<Probe> {
  const identity = await identifyEmulator(url, timeoutMs);
  return identity.kind === "emulator" ? { kind: "emulator" } : identity;
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`ensureEmulatorRunning: port must be 1 to 65535, got ${port}`);
  }
  return port;
}

/** Where the caller wants it: the endpoint's host and port, or host:port; undefined: wherever this checkout's runs. */
function wantedPlace(options: EnsureEmulatorOptions): { host: string; port: number } | undefined {
  const endpoint = options.endpoint?.trim() ?? "";
  if (endpoint !== "") {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new RangeError(`ensureEmulatorRunning: endpoint '${endpoint}' is not a URL (expected e.g. http://127.0.0.1:4566, or "" for this checkout's emulator)`);
    }
    if (url.protocol !== "http:" || url.port === "" || (url.pathname !== "/" && url.pathname !== "")) {
      throw new RangeError(`ensureEmulatorRunning: endpoint '${endpoint}' must be http://host:port (the emulator serves plain HTTP on one port)`);
    }
    return { host: url.hostname.replace(/^\[|\]$/g, ""), port: checkPort(Number(url.port)) };
  }
  return options.port === undefined || options.endpoint !== undefined ? undefined : { host: options.host ?? DEFAULT_HOST, port: checkPort(options.port) };
}

/**
 * This checkout's emulator, started as a detached process if it is not running yet. Detached (its own process
 * group, output to a log file, unref'd) so it outlives the notebook kernel that started it: Jupyter kills a
 * kernel's whole process group when the kernel shuts down. It never adopts an emulator that serves another data
 * directory (another checkout's, another student's): see EnsureEmulatorOptions.endpoint.
 */
export async function ensureEmulatorRunning(options: EnsureEmulatorOptions = {}): Promise<EmulatorProcess> {
  const wanted = wantedPlace(options);
  const host = wanted?.host ?? options.host ?? DEFAULT_HOST;
  const dataDir = emulatorDataDir(options.dataDir);
  const logFile = resolve(options.logFile ?? join(dataDir, LOG_FILE));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const wantedUrl = wanted === undefined ? undefined : urlOf(wanted.host, wanted.port);

  const already = await findOwn(wantedUrl, dataDir);
  if (already !== undefined) {
    return already;
  }
  await mkdir(dataDir, { recursive: true });
  await mkdir(dirname(logFile), { recursive: true });
  const release = await acquireStartLock(join(dataDir, LOCK_FILE), timeoutMs);
  try {
    // Whoever held the lock may have just started it.
    const meanwhile = await findOwn(wantedUrl, dataDir);
    if (meanwhile !== undefined) {
      return meanwhile;
    }
    await refuseSharedDataDir(dataDir);
    const port = wanted?.port ?? (await defaultPort(host, options.port ?? preferredPortFromEnv() ?? DEFAULT_PORT, dataDir));
    const extraArgs = [...(options.allowHosts ?? []).flatMap((name) => ["--allow-host", name]), ...(options.extraArgs ?? [])];
    return await spawnDetached({ host, port, dataDir, logFile, timeoutMs, extraArgs });
  } finally {
    await release();
  }
}

/** The emulator serving `dataDir`, at `url` when one is named; undefined when it must be started; an error for anyone else's. */
async function findOwn(url: string | undefined, dataDir: string): Promise<EmulatorProcess | undefined> {
  if (url === undefined) {
    const record = await findRecordedEmulator(dataDir);
    return record === undefined ? undefined : running(record, dataDir);
  }
  const identity = await identifyEmulator(url);
  if (identity.kind === "nothing") {
    return undefined;
  }
  refuseForeign(url, identity, dataDir);
  const record = readEmulatorRecord(dataDir);
  return record?.url === url ? running(record, dataDir) : { url, started: false, dataDir };
}

function running(record: EmulatorRecord, dataDir: string): EmulatorProcess {
  return { url: record.url, started: false, dataDir, pid: record.pid, ...(record.logFile === undefined ? {} : { logFile: record.logFile }) };
}

/** Anything at `url` but the emulator serving `dataDir` is someone else's: say whose, and what to do instead. */
function refuseForeign(url: string, identity: EmulatorIdentity, dataDir: string): void {
  if (identity.kind === "other") {
    throw new Error(`${url} answers, but not as the gpu-stream emulator (${identity.detail}): another program (LocalStack?) holds that port. Stop it, or use another port (ENDPOINT "" picks a free one).`);
  }
  if (!servesDataDir(identity, dataDir)) {
    throw new Error(
      `${url} answers as a gpu-stream emulator serving another data directory than ${dataDir}: it is someone else's ` +
        `(another checkout's or student's), so it is not used. Set ENDPOINT to "" to use this checkout's own ` +
        `emulator (started on a free port), or point GPU_STREAM_EMULATOR_DATA_DIR at that emulator's data directory.`,
    );
  }
}

/** Env GPU_STREAM_EMULATOR_PORT: the port a checkout's emulator is tried on first (a class's convention, a test's own). */
function preferredPortFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env[PREFERRED_PORT_ENV]?.trim();
  if (text === undefined || text === "") {
    return undefined;
  }
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`${PREFERRED_PORT_ENV} must be a port number, 1 to 65535, not '${text}'`);
  }
  return port;
}

/** 4566 (or the port asked for) when nothing answers there, else a free one: never share another's. */
async function defaultPort(host: string, preferred: number, dataDir: string): Promise<number> {
  const identity = await identifyEmulator(urlOf(host, checkPort(preferred)));
  return identity.kind === "nothing" || servesDataDir(identity, dataDir) ? preferred : 0;
}

/** Two emulators on one data directory would overwrite each other's files. */
async function refuseSharedDataDir(dataDir: string): Promise<void> {
  const record = readEmulatorRecord(dataDir);
  if (record === undefined) {
    return;
  }
  if (isAlive(record.pid) && servesDataDir(await identifyEmulator(record.url), dataDir)) {
    throw new Error(`the emulator at ${record.url} (pid ${record.pid}) already uses ${dataDir}; two emulators must not share a data directory. Use ${record.url}, stop it first (stopEmulator), or pass another dataDir.`);
  }
  await rm(join(dataDir, EMULATOR_PID_FILE), { force: true });
}

interface SpawnPlan {
  readonly host: string;
  /** 0: a free port, which the emulator records once it listens. */
  readonly port: number;
  readonly dataDir: string;
  readonly logFile: string;
  readonly timeoutMs: number;
  readonly extraArgs: readonly string[];
}

/**
 * This process's environment less NODE_EXTRA_CA_CERTS: Node 20 reads and parses that CA bundle as the process
 * starts (https://github.com/nodejs/node/pull/23354), 40-60 ms of the emulator's start here, and the emulator
 * opens no TLS connection that would use it.
 */
function emulatorEnvironment(): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _unused, ...environment } = process.env;
  return environment;
}

/** Starts emulator/dist/cli.js and waits for the pid record it writes once it listens (emulator/src/cli.ts). */
async function spawnDetached(plan: SpawnPlan): Promise<EmulatorProcess> {
  const args = ["--enable-source-maps", CLI, "--port", String(plan.port), "--host", plan.host, "--data-dir", plan.dataDir, ...plan.extraArgs];
  const place = plan.port === 0 ? `a free port of ${plan.host}` : urlOf(plan.host, plan.port);
  const log = openSync(plan.logFile, "a");
  try {
    // Where this start's lines begin, for the tail an error shows.
    const logStart = fstatSync(log).size;
    writeSync(log, `--- ${new Date().toISOString()} ensureEmulatorRunning: ${process.execPath} ${args.join(" ")}\n`);
    const child = spawn(process.execPath, args, { cwd: REPOSITORY_ROOT, detached: true, stdio: ["ignore", log, log], env: emulatorEnvironment() });
    child.unref();
    let exit: string | undefined;
    child.once("error", (error) => (exit = `could not start: ${error.message}`));
    child.once("exit", (code, signal) => (exit = signal === null ? `exited with code ${code}` : `was killed by ${signal}`));
    const pid = child.pid;
    const deadline = Date.now() + plan.timeoutMs;
    for (;;) {
      if (exit !== undefined) {
        throw new Error(`the emulator ${exit} before answering at ${place}; its log (${plan.logFile}) says:\n${logTail(plan.logFile, logStart)}`);
      }
      const record = readEmulatorRecord(plan.dataDir);
      if (record !== undefined && record.pid === pid && servesDataDir(await identifyEmulator(record.url), plan.dataDir)) {
        // logFile marks it as started here, so stopEmulator may stop it (npm run emulator's own record has none).
        const detached: EmulatorRecord = { ...record, logFile: plan.logFile };
        await writePidRecord(plan.dataDir, detached);
        return { url: record.url, started: true, dataDir: plan.dataDir, pid, logFile: plan.logFile };
      }
      if (Date.now() > deadline) {
        child.kill("SIGTERM");
        throw new Error(`started the emulator (pid ${pid}) for ${place}, but it did not answer within ${plan.timeoutMs} ms; stopped it. Its log (${plan.logFile}) says:\n${logTail(plan.logFile, logStart)}`);
      }
      await sleep(100);
    }
  } finally {
    closeSync(log);
  }
}

/**
 * Stops this checkout's emulator if ensureEmulatorRunning started it (SIGTERM, then waits for it to exit), found by
 * its data directory's pid record, or the process `pid`. A string is an endpoint: "" means this checkout's
 * emulator wherever it runs; a URL, only if the record says this checkout's runs there. It never signals an
 * emulator serving another data directory, nor one started in a terminal (npm run emulator: Ctrl-C stops it).
 */
export async function stopEmulator(target: string | StopEmulatorOptions = {}): Promise<StopResult> {
  const options: StopEmulatorOptions = typeof target === "string" ? (target.trim() === "" ? {} : { url: target.trim().replace(/\/+$/, "") }) : target;
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (options.pid !== undefined) {
    return (await terminate(options.pid, timeoutMs)) ? { stopped: true, pid: options.pid } : { stopped: false };
  }
  const dataDir = emulatorDataDir(options.dataDir);
  const pidFile = join(dataDir, EMULATOR_PID_FILE);
  const record = readEmulatorRecord(dataDir);
  if (record === undefined) {
    if (options.url !== undefined && (await probeEmulator(options.url)).kind === "emulator") {
      throw new Error(`the emulator at ${options.url} is not recorded in ${dataDir}: this checkout did not start it (another checkout's, or npm run emulator with another data directory), so it is left alone`);
    }
    return { stopped: false };
  }
  if (options.url !== undefined && record.url !== options.url) {
    throw new Error(`${pidFile} names this checkout's emulator at ${record.url}, not ${options.url}; the one at ${options.url} is not this checkout's, so it is left alone`);
  }
  // A pid outlives its process: only signal it while it still answers as this data directory's emulator.
  const stillOurs = isAlive(record.pid) && servesDataDir(await identifyEmulator(record.url), dataDir);
  if (stillOurs && record.logFile === undefined) {
    throw new Error(`the emulator at ${record.url} (pid ${record.pid}) was started with npm run emulator: stop it with Ctrl-C where it runs`);
  }
  const stopped = stillOurs && (await terminate(record.pid, timeoutMs));
  await removePidRecord(dataDir, record.pid);
  return stopped ? { stopped: true, pid: record.pid } : { stopped: false };
}

async function terminate(pid: number, timeoutMs: number): Promise<boolean> {
  if (!isAlive(pid)) {
    return false;
  }
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      throw new Error(`the emulator (pid ${pid}) did not exit within ${timeoutMs} ms of SIGTERM`);
    }
    await sleep(50);
  }
  return true;
}

/** Alive and not a zombie: an orphan whose parent does not reap it (a container without init) still answers kill(pid, 0). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

/** Serializes starts on one data directory across processes (two notebooks run at once); a dead holder's lock is taken over. */
async function acquireStartLock(lockFile: string, timeoutMs: number): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockFile, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw error;
      }
    }
    const holder = Number(await readFile(lockFile, "utf8").catch(() => ""));
    if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
      await rm(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`another process (pid ${holder}) has been starting the emulator for over ${timeoutMs} ms (${lockFile})`);
    }
    await sleep(100);
  }
}

/** The log from this start on, last 40 lines. */
function logTail(path: string, from: number): string {
  try {
    const lines = readFileSync(path).subarray(from).toString("utf8").trimEnd().split("\n");
    return lines.slice(-40).join("\n");
  } catch (error) {
    return `(could not read it: ${(error as Error).message})`;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}
