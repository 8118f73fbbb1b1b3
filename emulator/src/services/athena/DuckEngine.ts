import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { duckdb } from "../../duckdbModule";
import { quoteString } from "./sql/analyze/sqlText";
import { TRINO_MACROS } from "./sql/runtime/trinoMacros";

interface Opened {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
}

async function openSandboxed(allowedDirectories: readonly string[], spillDirectory: string): Promise<Opened> {
  const instance = await duckdb().DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  // These cannot be passed to DuckDBInstance.create; set them before anything else runs, then lock them.
  await connection.run("SET TimeZone = 'UTC'");
  await connection.run(`SET temp_directory = ${quoteString(spillDirectory)}`);
  const directories = [...allowedDirectories, spillDirectory].map((directory) => quoteString(directory.endsWith("/") ? directory : `${directory}/`));
  await connection.run(`SET allowed_directories = [${directories.join(", ")}]`);
  for (const macro of TRINO_MACROS) await connection.run(macro);
  await connection.run("SET enable_external_access = false");
  await connection.run("SET lock_configuration = true");
  return { instance, connection };
}

/**
 * The one embedded DuckDB behind Athena, sandboxed: it may read and write only the S3 objects and Athena's own
 * folders, and no statement can lift that (configuration locked). Statements run one at a time. DuckDB is
 * loaded and opened on the first statement, not at start (see duckdbModule).
 */
export class DuckEngine {
  private queue: Promise<unknown> = Promise.resolve();
  private running: string | undefined;
  private readonly cancelled = new Set<string>();
  private opened: Promise<Opened> | undefined;
  private connection: DuckDBConnection | undefined;

  /** DuckDB may read and write only in `allowedDirectories` and `spillDirectory` (where a large sort or join spills). */
  constructor(
    private readonly allowedDirectories: readonly string[],
    private readonly spillDirectory: string,
  ) {}

  /** Runs `work` alone on the connection; `owner` names it for interrupt(). */
  run<T>(owner: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      if (this.cancelled.has(owner)) {
        throw new Error("INTERRUPT Error: Interrupted!");
      }
      this.opened ??= openSandboxed(this.allowedDirectories, this.spillDirectory);
      const { connection } = await this.opened;
      this.connection = connection;
      this.running = owner;
      try {
        return await work(connection);
      } finally {
        this.running = undefined;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Stops `owner`'s work: what is queued never starts, what runs is interrupted. DuckDB forgets an interrupt
   * that arrives between two statements, so it is repeated while the owner still holds the connection.
   */
  interrupt(owner: string): void {
    this.cancelled.add(owner);
    const again = (): void => {
      if (this.running === owner) {
        this.connection?.interrupt();
        setTimeout(again, 20).unref();
      }
    };
    again();
  }

  /** Drops what interrupt() remembers of a finished owner. */
  forget(owner: string): void {
    this.cancelled.delete(owner);
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.opened !== undefined) {
      const { instance, connection } = await this.opened;
      connection.closeSync();
      instance.closeSync();
    }
  }
}
