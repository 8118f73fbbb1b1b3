import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { duckdb } from "../../../duckdbModule";
import { quoteString } from "../sql/analyze/sqlText";
import { TRINO_MACROS } from "../sql/runtime/trinoMacros";

interface Opened {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  /** The allowed directories it was opened with, as one text to compare. */
  readonly allowed: string;
}

/** Each directory with one trailing slash: DuckDB then allows exactly what lies under it (`/s3/b/` not `/s3/b2/`). */
function asAllowed(directories: readonly string[]): string[] {
  return [...new Set(directories.map((directory) => (directory.endsWith("/") ? directory : `${directory}/`)))].sort();
}

async function openSandboxed(allowed: readonly string[], spillDirectory: string): Promise<Opened> {
  const instance = await duckdb().DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  // These cannot be passed to DuckDBInstance.create; set them before anything else runs, then lock them.
  await connection.run("SET TimeZone = 'UTC'");
  await connection.run(`SET temp_directory = ${quoteString(spillDirectory)}`);
  await connection.run(`SET allowed_directories = [${allowed.map(quoteString).join(", ")}]`);
  for (const macro of TRINO_MACROS) await connection.run(macro);
  await connection.run("SET enable_external_access = false");
  await connection.run("SET lock_configuration = true");
  return { instance, connection, allowed: JSON.stringify(allowed) };
}

function closeOpened({ instance, connection }: Opened): void {
  connection.closeSync();
  instance.closeSync();
}

/**
 * The one embedded DuckDB behind Athena, sandboxed: it may read and write only the directories it is given (each
 * bucket's folder, Athena's work folder) and its spill folder, and no statement can lift that (configuration
 * locked). Statements run one at a time. DuckDB is loaded and opened on the first statement, not at start (see
 * duckdbModule); when the directories change (a bucket created or deleted), it is reopened before the next
 * statement, as a locked configuration cannot change. Nothing of a statement outlives it: the macros are
 * defined again, temporary tables are dropped by the statement that makes them.
 */
export class DuckEngine {
  private queue: Promise<unknown> = Promise.resolve();
  private running: string | undefined;
  private readonly cancelled = new Set<string>();
  private opened: Promise<Opened> | undefined;
  private connection: DuckDBConnection | undefined;

  /**
   * DuckDB may read and write only in `allowedDirectories` (asked again before each statement when a function) and
   * `spillDirectory` (where a large sort or join spills).
   */
  constructor(
    private readonly allowedDirectories: readonly string[] | (() => readonly string[]),
    private readonly spillDirectory: string,
  ) {}

  private async open(): Promise<Opened> {
    const directories = typeof this.allowedDirectories === "function" ? this.allowedDirectories() : this.allowedDirectories;
    const allowed = asAllowed([...directories, this.spillDirectory]);
    const current = await this.opened?.catch(() => undefined);
    if (current !== undefined && current.allowed === JSON.stringify(allowed)) return current;
    if (current !== undefined) closeOpened(current);
    this.opened = openSandboxed(allowed, this.spillDirectory);
    return this.opened;
  }

  /** Runs `work` alone on the connection; `owner` names it for interrupt(). */
  run<T>(owner: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      if (this.cancelled.has(owner)) {
        throw new Error("INTERRUPT Error: Interrupted!");
      }
      const { connection } = await this.open();
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
    const current = await this.opened?.catch(() => undefined);
    if (current !== undefined) closeOpened(current);
    this.opened = undefined;
  }
}
