import { athenaTypeOfDuckType } from "../athenaTypes";
import { queryErrorOfDuckError } from "../duckErrors";
import { formatValue } from "../formatValue";
import type { SqlToken } from "../sqlTokens";
import { translateQuery } from "../translateQuery";
import { runOverTables } from "./resolveTables";
import type { StatementContext, StatementResult } from "./StatementContext";

/** SELECT (and WITH ... SELECT, VALUES): runs on DuckDB over the Glue tables; the result has a header row. */
export async function runSelect(context: StatementContext, tokens: readonly SqlToken[] = context.tokens): Promise<StatementResult> {
  const { result: reader, bytesScanned } = await runOverTables(context, translateQuery(tokens, context.database), (sql) =>
    context.engine.run(context.queryId, (connection) => connection.runAndReadAll(sql)),
  ).catch((error: unknown) => {
    throw queryErrorOfDuckError(error, context.tokens);
  });
  const duckTypes = reader.columnTypes().map((type) => String(type));
  const columns = reader.columnNames().map((name, index) => ({ name: name.toLowerCase(), type: athenaTypeOfDuckType(duckTypes[index]!) }));
  const rows = reader.getRows().map((row) => row.map((value, index) => formatValue(value, duckTypes[index]!)));
  return { statementType: "DML", columns, rows, headerRow: true, bytesScanned };
}
