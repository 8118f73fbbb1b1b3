import { dirname, join } from "node:path";
import { controlPath, CONTROL_ROUTES } from "@gpu-stream/emulator/control";
import type { ServerLaunch } from "./ServerProcess";

export type Protocol = "HTTP/2" | "HTTP/1.1";

export interface SystemSpec {
  /** As the report names it. */
  readonly name: string;
  /** For file names and JSON keys. */
  readonly id: string;
  readonly kind: "gpu-stream" | "kinesalite";
  /** What the SDK client speaks to it. */
  readonly protocol: Protocol;
  /** The server's launch, given a fresh empty directory of its own and Node.js flags (e.g. --cpu-prof). */
  launch(dataDir: string, nodeFlags: readonly string[]): ServerLaunch;
}

const emulatorCli = join(dirname(require.resolve("@gpu-stream/emulator/package.json")), "dist", "cli.js");
const kinesaliteMain = join(__dirname, "kinesaliteMain.js");

function emulator(protocol: Protocol, id: string): SystemSpec {
  return {
    name: `gpu-stream (${protocol})`,
    id,
    kind: "gpu-stream",
    protocol,
    launch: (dataDir, nodeFlags) => ({
      args: [...nodeFlags, emulatorCli, "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir],
      urlPattern: / at (http:\/\/127\.0\.0\.1:\d+)/,
      healthPath: controlPath(CONTROL_ROUTES.health),
    }),
  };
}

function kinesalite(onDisk: boolean): SystemSpec {
  return {
    name: onDisk ? "kinesalite (--path, HTTP/1.1)" : "kinesalite (memory, HTTP/1.1)",
    id: onDisk ? "kinesalite-path" : "kinesalite-memory",
    kind: "kinesalite",
    // kinesalite's server is node:http only: it cannot speak HTTP/2.
    protocol: "HTTP/1.1",
    launch: (dataDir, nodeFlags) => ({
      args: [...nodeFlags, kinesaliteMain, ...(onDisk ? ["--path", dataDir] : [])],
      urlPattern: /Listening at (http:\/\/127\.0\.0\.1:\d+)/,
    }),
  };
}

/** In the order they run; ratios are taken against kinesalite in memory, the peer's fastest form. */
export const SYSTEMS: readonly SystemSpec[] = [
  emulator("HTTP/2", "gpu-stream-h2"),
  emulator("HTTP/1.1", "gpu-stream-h1"),
  kinesalite(false),
  kinesalite(true),
];

export const REFERENCE_SYSTEM_ID = "kinesalite-memory";
