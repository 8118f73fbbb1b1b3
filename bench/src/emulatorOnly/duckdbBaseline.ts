import { existsSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

/** The columns the Glue crawler infers from the records: all strings, as the records keep them. */
const RECORD_COLUMNS = ["idtemp", "dado", "tipo", "timestamp", "gpu", "unidade"] as const;
const PARTITION_COLUMNS = ["partition_0", "partition_1", "partition_2", "partition_3"] as const;

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * Where the emulator keeps an object's bytes: `<dataDir>/s3/<bucket>/<key>`, one path component per key
 * segment. That holds for plain keys like Firehose's (no `%`, control or Windows-reserved characters, no
 * segment over 200 bytes); the files are checked to exist, so a change of layout fails loudly.
 */
export function objectFilePath(dataDir: string, bucket: string, key: string): string {
  const path = join(dataDir, "s3", bucket, ...key.split("/"));
  if (!existsSync(path)) {
    throw new Error(`no file for s3://${bucket}/${key} at ${path}: the emulator's storage layout is not what the baseline assumes`);
  }
  return path;
}

/**
 * The crawled table as DuckDB sees the same files directly: one read_json per hour folder with the folder names
 * as constant partition columns, which is what the partitioned Glue table means.
 */
function telemetryViewSql(filesByHour: ReadonlyMap<string, readonly string[]>): string {
  const columns = `{${RECORD_COLUMNS.map((name) => `${quote(name)}: 'VARCHAR'`).join(", ")}}`;
  const selects = [...filesByHour].map(([hour, files]) => {
    const partitions = hour.split("/").map((value, index) => `${quote(value)} AS "${PARTITION_COLUMNS[index]}"`);
    const list = `[${files.map(quote).join(", ")}]`;
    return `SELECT ${RECORD_COLUMNS.map((name) => `"${name}"`).join(", ")}, ${partitions.join(", ")} FROM read_json(${list}, format = 'newline_delimited', columns = ${columns})`;
  });
  return `CREATE VIEW "telemetry" AS ${selects.join(" UNION ALL ")}`;
}

/** DuckDB in this process, over the emulator's files: the emulator's Athena minus the emulator. */
export class DuckdbBaseline {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(filesByHour: ReadonlyMap<string, readonly string[]>): Promise<DuckdbBaseline> {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run(telemetryViewSql(filesByHour));
    return new DuckdbBaseline(instance, connection);
  }

  /** A SELECT, its rows read into JavaScript values as a client would. */
  async select(sql: string): Promise<unknown[][]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRows();
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Hour folder (`YYYY/MM/DD/HH`) -> files, from Firehose keys under `prefix`. */
export function filesByHourFolder(dataDir: string, bucket: string, prefix: string, keys: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const hour = key.slice(prefix.length).split("/").slice(0, 4).join("/");
    groups.set(hour, [...(groups.get(hour) ?? []), objectFilePath(dataDir, bucket, key)]);
  }
  return groups;
}
