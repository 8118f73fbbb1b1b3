/**
 * Kinesalite as its own cli.js starts it, with the options the bench uses, except that it listens on 127.0.0.1 and
 * a free port: cli.js binds every interface and reads `--port 0` as its default, 4567.
 * Usage: node kinesaliteMain.js [--path DIR]
 */
import type { Server } from "node:http";

interface KinesaliteOptions {
  readonly path?: string;
  readonly createStreamMs: number;
}

// kinesalite ships no type declarations.
const kinesalite = require("kinesalite") as (options: KinesaliteOptions) => Server;

const pathFlag = process.argv.indexOf("--path");
const path = pathFlag >= 0 ? process.argv[pathFlag + 1] : undefined;
const server = kinesalite({ ...(path === undefined ? {} : { path }), createStreamMs: 0 });
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") {
    throw new Error("kinesalite is not listening on TCP");
  }
  process.stdout.write(`Listening at http://127.0.0.1:${address.port}\n`);
});
// As cli.js dies on SIGTERM, but by a normal exit, so that `--cpu-prof` writes its profile.
process.on("SIGTERM", () => process.exit(0));
