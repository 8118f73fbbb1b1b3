import { loadSql, localPipelineNames } from "@gpu-stream/shared";
import { QueryAnalyzer } from "@gpu-stream/emulator/internal/services/athena/sql/analyze/QueryAnalyzer";
import type { CatalogTable, RelationCatalog } from "@gpu-stream/emulator/internal/services/athena/sql/analyze/RelationCatalog";
import type { Query } from "@gpu-stream/emulator/internal/services/athena/sql/ast";
import { parseAthenaStatement } from "@gpu-stream/emulator/internal/services/athena/sql/parseStatement";
import { VARCHAR } from "@gpu-stream/emulator/internal/services/athena/sql/types/TrinoType";
import type { SqlFrontEndCost } from "./EmulatorOnlyResults";
import { measureOperation, type OperationTiming } from "./measureOperation";
import { round } from "./stats";

/** The course's statements (sql/), each filled in as the helper module fills it. */
const STATEMENTS = ["count_rows", "records_per_tipo", "metric_stats", "per_minute", "dados_tratados"] as const;

/**
 * The table the course's crawler makes over Firehose's folders: the record's four strings, then one partition
 * key per folder level (YYYY/MM/DD/HH). The scan is a stand-in: the analyzer only embeds its text.
 */
function courseCatalog(database: string, table: string): RelationCatalog {
  const columns = ["idtemp", "dado", "tipo", "timestamp", "partition_0", "partition_1", "partition_2", "partition_3"].map((name) => ({ name, type: VARCHAR }));
  const telemetry: CatalogTable = { kind: "table", database, name: table, columns, hiddenColumns: [], scanSql: `SELECT * FROM read_json('/data/${table}/*.json')` };
  return { schemaExists: (name) => name === database, lookup: (name, relation) => (name === database && relation === table ? telemetry : undefined) };
}

/** The query a statement plans: a SELECT itself, a CTAS its SELECT. */
function plannedQuery(text: string): Query {
  const parsed = parseAthenaStatement(text);
  if (parsed.engine !== "trino") {
    throw new Error(`parsed as ${parsed.engine}, not Trino: ${text.slice(0, 60)}`);
  }
  const statement = parsed.statement;
  if (statement.kind === "query") return statement;
  if (statement.kind === "createTableAsSelect") return statement.query;
  throw new Error(`a ${statement.kind}, not a query or CTAS: ${text.slice(0, 60)}`);
}

/**
 * Athena's Trino front end on the course's queries, in this process: parsing (sql/parseStatement.ts, which the
 * emulator runs on a worker thread) and analysis (sql/analyze/QueryAnalyzer.ts, as statements/planQuery.ts calls
 * it: Trino's name resolution, types and function rules, and the DuckDB SQL it runs). Listing the table's objects
 * and running the SQL are not part of it: the SQL scenario times those end to end.
 */
export function measureSqlFrontEndCosts(timing: OperationTiming): SqlFrontEndCost[] {
  const names = localPipelineNames();
  const catalog = courseCatalog(names.database, names.table);
  const session = { schema: names.database, catalog: "awsdatacatalog", user: "gpu-stream" };
  return STATEMENTS.map((name) => {
    const text = loadSql(name, { table: names.table });
    const started = performance.now();
    const query = plannedQuery(text);
    const firstParseMs = round(performance.now() - started, 2);
    return {
      name,
      firstParseMs,
      parse: measureOperation(`parse ${name}`, timing, () => parseAthenaStatement(text)),
      analysis: measureOperation(`analyse ${name}`, timing, () => new QueryAnalyzer(catalog, session).query(query, undefined, new Map())),
    };
  });
}
