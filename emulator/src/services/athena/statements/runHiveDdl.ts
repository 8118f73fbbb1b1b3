import { AwsError } from "../../../protocol/AwsError";
import type { HiveStatement, HiveStatementOf } from "../sql/hiveAst";
import { addColumns } from "./ddl/addColumns";
import { addPartitions } from "./ddl/addPartitions";
import { changeColumn } from "./ddl/changeColumn";
import { createDatabase } from "./ddl/createDatabase";
import { createTable } from "./ddl/createTable";
import { describe } from "./ddl/describe";
import { dropDatabase } from "./ddl/dropDatabase";
import { dropPartitions } from "./ddl/dropPartitions";
import { dropTable } from "./ddl/dropTable";
import { hiveFailure } from "./ddl/hiveFailure";
import { msckRepair } from "./ddl/msckRepair";
import { renamePartition } from "./ddl/renamePartition";
import { setLocation } from "./ddl/setLocation";
import { setTableProperties } from "./ddl/setTableProperties";
import { showColumns } from "./ddl/showColumns";
import { showCreateTable } from "./ddl/showCreateTable";
import { showDatabases } from "./ddl/showDatabases";
import { showPartitions } from "./ddl/showPartitions";
import { showTableProperties } from "./ddl/showTableProperties";
import { showTables } from "./ddl/showTables";
import { showViews } from "./ddl/showViews";
import { unsupportedDdl } from "./ddl/unsupportedDdl";
import type { StatementContext, StatementResult } from "./StatementContext";

/**
 * Athena's DDL (https://docs.aws.amazon.com/athena/latest/ug/ddl-reference.html), run on the Glue catalog. Its
 * failures are Hive's, `FAILED: SemanticException ...` or a DDL task's execution error; its results are Hive's
 * (SHOW TABLES `tab_name`, DESCRIBE `col_name`/`data_type`/`comment` padded to 20 characters), observed on
 * Athena engine v3 (notes in docs/athena-glue.md).
 */

type HiveKind = HiveStatement["kind"];

/** Runs the statements of one kind. */
type HiveDdlRunner<K extends HiveKind> = (context: StatementContext, statement: HiveStatementOf<K>) => StatementResult | Promise<StatementResult>;

/** One runner for each kind of statement Hive's grammar gives (sql/hiveAst.ts): a kind without one is a compile error. */
const HIVE_DDL: { readonly [K in HiveKind]: HiveDdlRunner<K> } = {
  createTable,
  dropTable,
  createDatabase,
  dropDatabase,
  addPartitions,
  dropPartitions,
  setLocation,
  setTableProperties,
  addColumns,
  changeColumn,
  renamePartition,
  msckRepair,
  showTables,
  showViews,
  showDatabases,
  showColumns,
  showPartitions,
  showTableProperties,
  showCreateTable,
  describe,
  unsupportedDdl,
};

/** Runs one DDL statement of Hive's grammar; Glue's refusals become the DDL task's execution errors. */
export async function runHiveDdl(context: StatementContext, statement: HiveStatement): Promise<StatementResult> {
  try {
    return await runKind(context, statement.kind, statement);
  } catch (error) {
    if (error instanceof AwsError) {
      throw hiveFailure(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. ${error.code}(message:${error.message})`);
    }
    throw error;
  }
}

function runKind<K extends HiveKind>(context: StatementContext, kind: K, statement: HiveStatementOf<K>): StatementResult | Promise<StatementResult> {
  const run: HiveDdlRunner<K> = HIVE_DDL[kind];
  return run(context, statement);
}
