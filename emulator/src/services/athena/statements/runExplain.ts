import { QueryError } from "../errors/athenaErrors";
import type { Query, Relation, Statement } from "../sql/ast";
import { formatName } from "../sql/formatSql";
import { display } from "../sql/types/TrinoType";
import { runPlanned } from "./planQuery";
import { engineColumn, type StatementContext, type StatementResult } from "./StatementContext";

/**
 * EXPLAIN (https://docs.aws.amazon.com/athena/latest/ug/athena-explain-statement.html): DML/EXPLAIN, one
 * `Query Plan` column, one row per line. The statement is analysed as it would run (so EXPLAIN fails where the
 * statement would), but the plan text is the emulator's own outline in Trino's notation, not Trino's optimizer's
 * plan; EXPLAIN (TYPE VALIDATE) answers `Valid` / `true` as Athena does.
 */

function relationLines(relation: Relation | undefined, depth: number, out: string[]): void {
  if (relation === undefined) return;
  const indent = "    ".repeat(depth);
  switch (relation.kind) {
    case "table":
      out.push(`${indent}- TableScan[table = awsdatacatalog:${formatName(relation.name)}]`);
      break;
    case "aliasedRelation":
    case "sampledRelation":
      relationLines(relation.relation, depth, out);
      break;
    case "join":
      out.push(`${indent}- ${relation.type === "IMPLICIT" ? "CrossJoin" : `${relation.type[0]}${relation.type.slice(1).toLowerCase()}Join`}`);
      relationLines(relation.left, depth + 1, out);
      relationLines(relation.right, depth + 1, out);
      break;
    case "tableSubquery":
    case "lateral":
      queryLines(relation.query, depth, out);
      break;
    case "unnest":
      out.push(`${indent}- Unnest`);
      break;
    case "unsupportedRelation":
      break;
  }
}

function queryLines(query: Query, depth: number, out: string[]): void {
  const indent = "    ".repeat(depth);
  const body = query.body;
  if (query.limit?.count !== undefined) out.push(`${indent}- Limit`);
  if (query.orderBy.length > 0) out.push(`${indent}- Sort`);
  if (body.kind === "querySpecification") {
    if (body.groupBy !== undefined) out.push(`${indent}- Aggregate`);
    if (body.where !== undefined) out.push(`${indent}- Filter`);
    relationLines(body.from, depth + (body.groupBy !== undefined || body.where !== undefined ? 1 : 0), out);
  } else if (body.kind === "setOperation") {
    out.push(`${indent}- ${body.operator[0]}${body.operator.slice(1).toLowerCase()}`);
  } else if (body.kind === "values") {
    out.push(`${indent}- Values`);
  }
}

function queryOf(statement: Statement): Query | undefined {
  switch (statement.kind) {
    case "query":
      return statement;
    case "createTableAsSelect":
    case "insert":
    case "unload":
    case "createView":
      return statement.query;
    default:
      return undefined;
  }
}

export async function runExplain(context: StatementContext, statement: Extract<Statement, { kind: "explain" }>): Promise<StatementResult> {
  const inner = statement.statement;
  const query = queryOf(inner);
  if (query === undefined) throw new QueryError("NOT_SUPPORTED", `EXPLAIN of this statement is not supported by the gpu-stream emulator`);
  const started = performance.now();
  const { plan, result } = await runPlanned(context, inner, query, async (connection, current) => {
    if (!statement.analyze) return undefined;
    return (await connection.runAndReadAll(current.sql)).getRows().length;
  });
  const column = engineColumn("Query Plan", { kind: "varchar" });
  if (statement.type === "VALIDATE") return { columns: [column], rows: [["Valid"], ["true"], [""]], bytesScanned: 0 };
  const lines = [`- Output[columnNames = [${plan.columns.map((output, index) => output.name ?? `_col${index}`).join(", ")}]]`, `        Layout: [${plan.columns.map((output, index) => `${output.name ?? `_col${index}`}:${display(output.type)}`).join(", ")}]`];
  queryLines(query, 1, lines);
  if (statement.analyze) lines.push("", `Output rows: ${result ?? 0}`, `Execution time: ${Math.round(performance.now() - started)}ms`);
  return { columns: [{ ...column, precision: lines.join("\n").length }], rows: [...lines, ""].map((line) => [line]), bytesScanned: 0 };
}
