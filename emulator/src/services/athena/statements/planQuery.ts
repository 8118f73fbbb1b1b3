import type { DuckDBConnection } from "@duckdb/node-api";
import { queryErrorOfDuckError } from "../engine/duckErrors";
import type { Session } from "../sql/analyze/ExpressionContext";
import { QueryAnalyzer, type QueryPlan } from "../sql/analyze/QueryAnalyzer";
import type { RelationCatalog } from "../sql/analyze/RelationCatalog";
import type { Query, Statement } from "../sql/ast";
import { prepareRelations } from "./prepareRelations";
import { timePlanning, type StatementContext } from "./StatementContext";

export function session(context: StatementContext): Session {
  return { schema: context.database, catalog: "awsdatacatalog", user: "gpu-stream" };
}

/**
 * Plans a query over the Glue tables and runs `work` with it on the engine. JSON tables are first read by DuckDB
 * directly where it can (directJsonScan), a path that fails wherever its answer could differ; any failure reruns
 * the whole statement over the JavaScript reader, whose answer or error is the statement's. Analysis errors do not
 * depend on the path and are raised once.
 */
export async function runPlanned<T>(context: StatementContext, reads: Statement, query: Query, work: (connection: DuckDBConnection, plan: QueryPlan) => Promise<T>): Promise<{ result: T; plan: QueryPlan; bytesScanned: number }> {
  const analyze = (catalog: RelationCatalog): QueryPlan => new QueryAnalyzer(catalog, session(context)).query(query, undefined, new Map());
  const { fast, plan } = await timePlanning(context.planning, async () => {
    const prepared = await prepareRelations(context, reads, true);
    return { fast: prepared, plan: analyze(prepared.catalog) };
  });
  const run = (current: QueryPlan): Promise<T> => context.engine.run(context.queryId, (connection) => work(connection, current));
  if (fast.direct) {
    try {
      const result = await run(plan);
      context.directJsonScans.count++;
      return { result, plan, bytesScanned: fast.bytesScanned };
    } catch {
      // Answered below by the JavaScript reader, unless the failure is the query being stopped.
      context.signal.throwIfAborted();
    }
  }
  const { exact, exactPlan } = fast.direct
    ? await timePlanning(context.planning, async () => {
        const prepared = await prepareRelations(context, reads, false);
        return { exact: prepared, exactPlan: analyze(prepared.catalog) };
      })
    : { exact: fast, exactPlan: plan };
  try {
    return { result: await run(exactPlan), plan: exactPlan, bytesScanned: exact.bytesScanned };
  } catch (error) {
    throw queryErrorOfDuckError(error);
  }
}
