import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { KinesisClient, ListStreamsCommand } from "@aws-sdk/client-kinesis";
import type * as ControlModule from "@gpu-stream/emulator/control";

// The emulator as a package of its own (issue 17): `npm pack` of the workspace, installed into an empty folder from
// the npm cache, brings none of the course's dependencies and runs from its bin, answering the unmodified SDK.

const run = promisify(execFile);
const EMULATOR = dirname(require.resolve("@gpu-stream/emulator/package.json"));
/** Packages of the course the emulator must not pull in. */
const COURSE_PACKAGES = [/^danfojs-node$/, /^tslab$/, /^plotly\.js/, /^@gpu-stream\/shared$/];

/** Every package folder under node_modules, scoped ones as `@scope/name`, nested node_modules included. */
function installedPackages(modules: string): string[] {
  if (!existsSync(modules)) {
    return [];
  }
  return readdirSync(modules, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory() || entry.name.startsWith(".")) {
      return [];
    }
    const names = entry.name.startsWith("@") ? readdirSync(join(modules, entry.name)).map((name) => `${entry.name}/${name}`) : [entry.name];
    return names.flatMap((name) => [name, ...installedPackages(join(modules, name, "node_modules"))]);
  });
}

/** Bytes of every file under `path`, links not followed. */
function bytesUnder(path: string): number {
  const status = statSync(path, { throwIfNoEntry: false });
  if (status === undefined || status.isSymbolicLink()) {
    return 0;
  }
  return status.isDirectory() ? readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0) : status.size;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

describe("the emulator as a package of its own", { timeout: 480_000 }, () => {
  let directory: string;
  let project: string;
  let child: ChildProcess | undefined;
  let tarball: string;
  let packedBytes: number;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "emulator-package-"));
    project = join(directory, "project");
    await mkdir(project);
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", directory], { cwd: EMULATOR, maxBuffer: 64 * 1024 * 1024 });
    const [packed] = JSON.parse(stdout) as { filename: string; size: number; unpackedSize: number; entryCount: number }[];
    tarball = join(directory, packed!.filename);
    packedBytes = packed!.size;
  });

  after(async () => {
    // Only the emulator this test started.
    if (child?.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(directory, { recursive: true, force: true });
  });

  test("installs from its tarball alone, without the course's packages, and answers the SDK from its bin", async () => {
    // An empty project of its own, so npm installs here and not into a folder above.
    await writeFile(join(project, "package.json"), `${JSON.stringify({ name: "emulator-package-check", private: true })}\n`);
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], { cwd: project, maxBuffer: 64 * 1024 * 1024 });
    const modules = join(project, "node_modules");
    const packages = installedPackages(modules);
    assert.ok(packages.includes("@gpu-stream/emulator"), packages.join(", "));
    assert.deepEqual(
      packages.filter((name) => COURSE_PACKAGES.some((pattern) => pattern.test(name))),
      [],
    );
    const installedBytes = bytesUnder(modules);
    console.log(`emulator package: tarball ${mebibytes(packedBytes)} (${packedBytes} bytes), installed node_modules ${mebibytes(installedBytes)} (${installedBytes} bytes, ${packages.length} packages)`);

    const bin = join(modules, ".bin", "gpu-stream-emulator");
    assert.ok(existsSync(bin), `npm linked no bin at ${bin}`);
    const dataDir = join(directory, "data");
    child = spawn(bin, ["--port", "0", "--data-dir", dataDir], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
    const stderr: string[] = [];
    createInterface({ input: child.stderr! }).on("line", (line) => stderr.push(line));
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child!.stdout! }).on("line", (line) => {
        const match = /at (http:\/\/\S+)/.exec(line);
        if (match !== null) {
          resolve(match[1]!);
        }
      });
      child!.once("exit", (code) => reject(new Error(`the installed emulator exited (${code}) before listening: ${stderr.join("\n")}`)));
    });
    const kinesis = new KinesisClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    try {
      const answer = await kinesis.send(new ListStreamsCommand({}));
      assert.deepEqual(answer.StreamNames, []);
      assert.equal(answer.HasMoreStreams, false);
    } finally {
      kinesis.destroy();
    }
    // The installed package's light subpath, as a script of another project would load it.
    const { EmulatorControl } = createRequire(join(project, "package.json"))("@gpu-stream/emulator/control") as typeof ControlModule;
    const health = await new EmulatorControl(url).health();
    assert.equal(health.status, "ok");
    assert.deepEqual(await new EmulatorControl(url).flushFirehose(), { deliveryStreams: [] });
  });
});
