import { rm } from "node:fs/promises";
import { join } from "node:path";
import { loadSql, type AwsClients } from "@gpu-stream/shared";
import type { DuckdbBaseline } from "./duckdbBaseline";
import { timedAthenaQuery, type AthenaQueryTarget } from "./timedAthenaQuery";

export interface EmulatorRun {
  readonly endToEndMs: number;
  readonly engineMs: number;
  readonly planningMs: number;
  /** What both engines must agree on. */
  readonly check: string;
}

export interface DuckdbRun {
  readonly ms: number;
  readonly check: string;
}

/** One statement of sql/, runnable on the emulator through the SDK and on DuckDB directly. */
export interface SqlBenchQuery {
  readonly name: string;
  onEmulator(clients: AwsClients, target: AthenaQueryTarget): Promise<EmulatorRun>;
  onDuckdb(duckdb: DuckdbBaseline): Promise<DuckdbRun>;
}

const TABLE = "telemetry";
const CTAS_TABLE = "dados_tratados";

function countsPerTipo(rows: readonly (readonly unknown[])[]): string {
  return rows.map((row) => `${String(row[0])}=${String(row[1])}`).join(",");
}

/** sql/metric_stats.sql: min, mean and max per metric, a full scan with a cast and a group-by. */
export function metricStatsQuery(): SqlBenchQuery {
  const sql = loadSql("metric_stats", { table: TABLE });
  return {
    name: "metric_stats",
    async onEmulator(clients, target) {
      const result = await timedAthenaQuery(clients.athena, sql, target);
      return { endToEndMs: result.endToEndMs, engineMs: result.engineMs, planningMs: result.planningMs, check: countsPerTipo(result.rows) };
    },
    async onDuckdb(duckdb) {
      const started = performance.now();
      const rows = await duckdb.select(sql);
      return { ms: performance.now() - started, check: countsPerTipo(rows) };
    },
  };
}

/**
 * sql/dados_tratados.sql, the course's CTAS: a full scan, a sort by timestamp and a Parquet file written. On
 * DuckDB the same CREATE TABLE AS plus a COPY to Parquet with GZIP, since Athena's CTAS leaves its table as
 * GZIP-compressed Parquet objects ("For Parquet ... the default is GZIP", Athena's CTAS considerations page) and
 * the emulator writes the same; the previous run's table is dropped before each run, untimed.
 */
export function denormalizationQuery(parquetDirectory: string): SqlBenchQuery {
  const sql = loadSql("dados_tratados", { table: TABLE });
  return {
    name: "dados_tratados (CTAS)",
    async onEmulator(clients, target) {
      await timedAthenaQuery(clients.athena, `drop table if exists \`${CTAS_TABLE}\``, target);
      const result = await timedAthenaQuery(clients.athena, sql, target);
      return { endToEndMs: result.endToEndMs, engineMs: result.engineMs, planningMs: result.planningMs, check: `rows=${result.updateCount ?? "?"}` };
    },
    async onDuckdb(duckdb) {
      const parquet = join(parquetDirectory, `${CTAS_TABLE}.parquet`);
      await duckdb.connection.run(`drop table if exists "${CTAS_TABLE}"`);
      await rm(parquet, { force: true });
      const started = performance.now();
      await duckdb.connection.run(sql);
      await duckdb.connection.run(`COPY "${CTAS_TABLE}" TO '${parquet}' (FORMAT parquet, COMPRESSION gzip)`);
      const ms = performance.now() - started;
      const [[count] = []] = await duckdb.select(`select count(*) from "${CTAS_TABLE}"`);
      return { ms, check: `rows=${String(count)}` };
    },
  };
}
