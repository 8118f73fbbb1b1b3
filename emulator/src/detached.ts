import { spawn } from "node:child_process";
import { closeSync, fstatSync, openSync, readFileSync, writeSync } from "node:fs";
import { mkdir, open, readFile, rm, writeFile } from "node:fs/promises";
import { get } from "node:http";
import { dirname, join, resolve } from "node:path";
import { DEFAULT_HOST, DEFAULT_PORT } from "./start";

/** The repository root, from this file's place (emulator/dist/), so a notebook's kernel and `npm start` agree whatever their cwd. */
const REPOSITORY_ROOT = resolve(__dirname, "..", "..");
const CLI = join(__dirname, "cli.js");

/** `<repository>/data/emulator`, the data directory `npm run emulator` uses when started from the repository root. */
export const DEFAULT_EMULATOR_DATA_DIR = join(REPOSITORY_ROOT, "data", "emulator");
/** Inside the data directory: data/emulator/ is already ignored by git, and a stop needs only the data directory to find it. */
const PID_FILE = "emulator.pid";
const LOG_FILE = "emulator.log";
const LOCK_FILE = "emulator.starting";

export interface EnsureEmulatorOptions {
  /** The URL to serve at, e.g. http://127.0.0.1:4566; "" or unset: `host` and `port`. */
  readonly endpoint?: string;
  /** Default 4566. Not 0: a notebook must know the URL before it starts, to find the emulator again. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** More names to answer in Host (`--allow-host`), e.g. the name a container reaches this machine by. */
  readonly allowHosts?: readonly string[];
  /** Default `<repository>/data/emulator` (see DEFAULT_EMULATOR_DATA_DIR); relative paths resolve from cwd. */
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
  /** True when this call started it; false when one already answered at the URL. */
  readonly started: boolean;
  /** Known when this call started it, or when the data directory's pid file names the one that answers. */
  readonly pid?: number;
  readonly logFile?: string;
}

export interface StopEmulatorOptions {
  /** Whose pid file to read; default DEFAULT_EMULATOR_DATA_DIR. */
  readonly dataDir?: string;
  /** Only stop it if the pid file says it serves this URL. */
  readonly url?: string;
  /** Stop this process instead of reading a pid file. */
  readonly pid?: number;
  /** How long to wait for it to exit (it delivers Firehose buffers first); default 30 s. */
  readonly timeoutMs?: number;
}

export interface StopResult {
  /** False when nothing was running (a stale pid file is removed). */
  readonly stopped: boolean;
  readonly pid?: number;
}

interface PidRecord {
  readonly pid: number;
  readonly url: string;
  readonly logFile: string;
  readonly startedAt: string;
}

export type Probe = { readonly kind: "emulator" } | { readonly kind: "nothing" } | { readonly kind: "other"; readonly detail: string };

/** What answers `GET <url>/_emulator/health`: our emulator, nothing (connection refused), or some other server. */
export function probeEmulator(url: string, timeoutMs = 1000): Promise<Probe> {
  return new Promise((resolvePromise) => {
    // agent: false, so no pooled keep-alive socket outlives the probe and holds the caller's event loop open.
    const request = get(`${url}/_emulator/health`, { agent: false, timeout: timeoutMs }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("error", () => resolvePromise({ kind: "other", detail: "the answer broke off" }));
      response.on("end", () => {
        resolvePromise(isHealthAnswer(response.statusCode, body) ? { kind: "emulator" } : { kind: "other", detail: `GET /_emulator/health answered HTTP ${response.statusCode}${describeServer(response.headers["server"]?.toString())}` });
      });
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error: NodeJS.ErrnoException) => {
      resolvePromise(error.code === "ECONNREFUSED" ? { kind: "nothing" } : { kind: "other", detail: `GET /_emulator/health failed: ${error.message}` });
    });
  });
}

function isHealthAnswer(status: number | undefined, body: string): boolean {
  if (status !== 200) {
    return false;
  }
  try {
    const answer = JSON.parse(body) as { status?: unknown; services?: unknown };
    return answer.status === "ok" && Array.isArray(answer.services);
  } catch {
    return false;
  }
}

function describeServer(server: string | undefined): string {
  return server === undefined ? "" : ` (server: ${server})`;
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/**
 * The emulator at host:port, started as a detached process if nothing answers there yet. Detached (its own
 * process group, output to a log file, unref'd) so it outlives the notebook kernel that started it: Jupyter
 * kills a kernel's whole process group when the kernel shuts down.
 */
export async function ensureEmulatorRunning(options: EnsureEmulatorOptions = {}): Promise<EmulatorProcess> {
  const endpoint = options.endpoint === undefined || options.endpoint === "" ? undefined : new URL(options.endpoint);
  const port = endpoint === undefined ? (options.port ?? DEFAULT_PORT) : Number(endpoint.port || 80);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`ensureEmulatorRunning: port must be 1 to 65535, got ${port}`);
  }
  const host = endpoint?.hostname ?? options.host ?? DEFAULT_HOST;
  const dataDir = resolve(options.dataDir ?? DEFAULT_EMULATOR_DATA_DIR);
  const logFile = resolve(options.logFile ?? join(dataDir, LOG_FILE));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const url = urlOf(host, port);

  const already = await reuse(url, dataDir);
  if (already !== undefined) {
    return already;
  }
  await mkdir(dataDir, { recursive: true });
  await mkdir(dirname(logFile), { recursive: true });
  const release = await acquireStartLock(join(dataDir, LOCK_FILE), timeoutMs);
  try {
    // Whoever held the lock may have just started it.
    const meanwhile = await reuse(url, dataDir);
    if (meanwhile !== undefined) {
      return meanwhile;
    }
    await refuseSharedDataDir(dataDir);
    return await spawnDetached({ url, host, port, dataDir, logFile, timeoutMs, extraArgs: [...(options.allowHosts ?? []).flatMap((name) => ["--allow-host", name]), ...(options.extraArgs ?? [])] });
  } finally {
    await release();
  }
}

async function reuse(url: string, dataDir: string): Promise<EmulatorProcess | undefined> {
  const probe = await probeEmulator(url);
  if (probe.kind === "other") {
    throw new Error(`${url} answers, but not as the gpu-stream emulator (${probe.detail}): another program (LocalStack?) holds that port. Stop it, or pass another port and point the clients at that URL.`);
  }
  if (probe.kind === "nothing") {
    return undefined;
  }
  const record = await readPidRecord(dataDir);
  return record?.url === url ? { url, started: false, pid: record.pid, logFile: record.logFile } : { url, started: false };
}

/** Two emulators on one data directory would overwrite each other's files. */
async function refuseSharedDataDir(dataDir: string): Promise<void> {
  const record = await readPidRecord(dataDir);
  if (record === undefined) {
    return;
  }
  if (isAlive(record.pid) && (await probeEmulator(record.url)).kind === "emulator") {
    throw new Error(`the emulator at ${record.url} (pid ${record.pid}) already uses ${dataDir}; two emulators must not share a data directory. Use ${record.url}, stop it first (stopEmulator), or pass another dataDir.`);
  }
  await rm(join(dataDir, PID_FILE), { force: true });
}

interface SpawnPlan {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly logFile: string;
  readonly timeoutMs: number;
  readonly extraArgs: readonly string[];
}

async function spawnDetached(plan: SpawnPlan): Promise<EmulatorProcess> {
  const args = ["--enable-source-maps", CLI, "--port", String(plan.port), "--host", plan.host, "--data-dir", plan.dataDir, ...plan.extraArgs];
  const log = openSync(plan.logFile, "a");
  try {
    // Where this start's lines begin, for the tail an error shows.
    const logStart = fstatSync(log).size;
    writeSync(log, `--- ${new Date().toISOString()} ensureEmulatorRunning: ${process.execPath} ${args.join(" ")}\n`);
    const child = spawn(process.execPath, args, { cwd: REPOSITORY_ROOT, detached: true, stdio: ["ignore", log, log], env: process.env });
    child.unref();
    let exit: string | undefined;
    child.once("error", (error) => (exit = `could not start: ${error.message}`));
    child.once("exit", (code, signal) => (exit = signal === null ? `exited with code ${code}` : `was killed by ${signal}`));
    const pid = child.pid;
    const deadline = Date.now() + plan.timeoutMs;
    for (;;) {
      const probe = await probeEmulator(plan.url);
      if (exit !== undefined) {
        if (probe.kind === "emulator") {
          // Another emulator (not started through this function, so not behind its lock) won the port.
          return { url: plan.url, started: false };
        }
        throw new Error(`the emulator ${exit} before answering at ${plan.url}; its log (${plan.logFile}) says:\n${logTail(plan.logFile, logStart)}`);
      }
      if (probe.kind === "emulator" && pid !== undefined) {
        const record: PidRecord = { pid, url: plan.url, logFile: plan.logFile, startedAt: new Date().toISOString() };
        await writeFile(join(plan.dataDir, PID_FILE), `${JSON.stringify(record)}\n`);
        return { url: plan.url, started: true, pid, logFile: plan.logFile };
      }
      if (probe.kind === "other" || Date.now() > deadline) {
        child.kill("SIGTERM");
        const why = probe.kind === "other" ? `another server answered there instead (${probe.detail})` : `it did not answer within ${plan.timeoutMs} ms`;
        throw new Error(`started the emulator (pid ${pid}) for ${plan.url}, but ${why}; stopped it. Its log (${plan.logFile}) says:\n${logTail(plan.logFile, logStart)}`);
      }
      await sleep(100);
    }
  } finally {
    closeSync(log);
  }
}

/** Stops an emulator that ensureEmulatorRunning started (SIGTERM, then waits for it to exit), found by its data directory's pid file or by pid. */
export async function stopEmulator(target: string | StopEmulatorOptions = {}): Promise<StopResult> {
  const options: StopEmulatorOptions = typeof target === "string" ? (target === "" ? {} : { url: target }) : target;
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (options.pid !== undefined) {
    return (await terminate(options.pid, timeoutMs)) ? { stopped: true, pid: options.pid } : { stopped: false };
  }
  const dataDir = resolve(options.dataDir ?? DEFAULT_EMULATOR_DATA_DIR);
  const pidFile = join(dataDir, PID_FILE);
  const record = await readPidRecord(dataDir);
  if (record === undefined) {
    if (options.url !== undefined && (await probeEmulator(options.url)).kind === "emulator") {
      throw new Error(`the emulator at ${options.url} has no pid file in ${dataDir}: it was not started by ensureEmulatorRunning with that data directory (npm run emulator? stop it with Ctrl-C where it runs)`);
    }
    return { stopped: false };
  }
  if (options.url !== undefined && record.url !== options.url) {
    throw new Error(`${pidFile} names the emulator at ${record.url}, not ${options.url}; pass the dataDir that emulator uses`);
  }
  // A pid outlives its process: only signal it while it still answers as the emulator, lest it is now someone else's.
  const stillOurs = isAlive(record.pid) && (await probeEmulator(record.url)).kind === "emulator";
  const stopped = stillOurs && (await terminate(record.pid, timeoutMs));
  await rm(pidFile, { force: true });
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

async function readPidRecord(dataDir: string): Promise<PidRecord | undefined> {
  let text: string;
  try {
    text = await readFile(join(dataDir, PID_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return undefined;
    }
    throw error;
  }
  try {
    const record = JSON.parse(text) as Partial<PidRecord>;
    if (typeof record.pid === "number" && typeof record.url === "string" && typeof record.logFile === "string") {
      return record as PidRecord;
    }
  } catch {
    // unreadable: treated as absent, and overwritten by the next start
  }
  return undefined;
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
