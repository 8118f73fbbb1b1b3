import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SUITE_ACCESS_KEY = { id: "AKIDKINESALITESUITE", secret: "kinesalite-suite-secret" };

/**
 * kinesalite's default CREATING/DELETING time (its createStreamMs, 500): the suite checks those states right after
 * CreateStream and DeleteStream, and waits for ACTIVE.
 */
const STATE_CHANGE_DELAY_MS = 500;

export interface SuiteEmulator {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * A fresh emulator of this checkout for one test file: its own data directory, a free port, SigV4 checked with the
 * suite's key (Kinesis always checks signatures). Never one a user is running.
 */
export async function startSuiteEmulator(cliPath: string): Promise<SuiteEmulator> {
  const dataDirectory = mkdtempSync(join(tmpdir(), "kinesalite-suite-"));
  const child = spawn(
    process.execPath,
    [
      cliPath,
      "--port",
      "0",
      "--data-dir",
      dataDirectory,
      "--create-stream-delay",
      String(STATE_CHANGE_DELAY_MS),
      "--credentials",
      `${SUITE_ACCESS_KEY.id}:${SUITE_ACCESS_KEY.secret}`,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const port = await listeningPort(child);
  return {
    port,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      const match = /at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match !== null) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("exit", (code) => reject(new Error(`the emulator exited (${code}) before listening:\n${output}`)));
  });
}
