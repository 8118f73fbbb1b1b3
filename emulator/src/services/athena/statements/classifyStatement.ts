import type { AthenaStatement } from "../sql/parseStatement";

/**
 * How Athena files a statement: QueryExecution's StatementType and SubstatementType, whether GetQueryResults
 * starts with a header row, and what the result file is called. Observed on Athena engine v3 (xo/dbimp
 * testdata/athena, 2026-10-10; aoyagikouhei/athena-local measurements, 2026-09; notes in docs/athena-glue.md).
 */
export interface StatementClass {
  readonly statementType: "DML" | "DDL" | "UTILITY";
  readonly substatementType: string;
  readonly headerRow: boolean;
  /** `<OutputLocation><id>.csv`, `.txt`, `<id>` (INSERT, UNLOAD), or `tables/<id>` (CTAS). */
  readonly result: "csv" | "txt" | "bare" | "tables";
}

const DDL = (substatementType: string): StatementClass => ({ statementType: "DDL", substatementType, headerRow: false, result: "txt" });
const UTILITY = (substatementType: string): StatementClass => ({ statementType: "UTILITY", substatementType, headerRow: false, result: "txt" });

export function classifyStatement(parsed: AthenaStatement): StatementClass {
  if (parsed.engine === "hiveParseError") {
    const word = parsed.text.trim().split(/\s+/)[0]?.toUpperCase();
    return word === "SHOW" || word === "DESCRIBE" || word === "DESC" ? UTILITY("SHOW") : DDL("UNKNOWN");
  }
  if (parsed.engine === "hive") {
    const statement = parsed.statement;
    switch (statement.kind) {
      case "createTable":
        return DDL("CREATE_TABLE");
      case "dropTable":
        return DDL("DROP_TABLE");
      case "createDatabase":
        return DDL("CREATE_DATABASE");
      case "dropDatabase":
        return DDL("DROP_DATABASE");
      case "addPartitions":
        return DDL("ALTER_TABLE_ADD_PARTITION");
      case "dropPartitions":
        return DDL("ALTER_TABLE_DROP_PARTITION");
      case "setLocation":
        return DDL("ALTER_TABLE_SET_LOCATION");
      case "setTableProperties":
        return DDL("ALTER_TABLE_PROPERTIES");
      case "addColumns":
        return DDL(statement.replace ? "ALTER_TABLE_REPLACE_COLUMN" : "ALTER_TABLE_ADD_COLUMN");
      case "changeColumn":
        return DDL("ALTER_TABLE_CHANGE_COLUMN");
      case "renamePartition":
        return DDL("ALTER_TABLE_RENAME_PARTITION");
      case "msckRepair":
        return DDL("MSCK_REPAIR");
      case "showTables":
        return UTILITY("SHOW_TABLES");
      case "showDatabases":
        return UTILITY("SHOW_DATABASES");
      case "showViews":
        return UTILITY("SHOW_VIEWS");
      case "showColumns":
        return UTILITY("SHOW_COLUMNS");
      case "showPartitions":
        return UTILITY("SHOW_PARTITIONS");
      case "showTableProperties":
        return UTILITY("SHOW_TABLE_PROPERTIES");
      case "showCreateTable":
        return UTILITY("SHOW_CREATE_TABLE");
      case "describe":
        return UTILITY("DESCRIBE_TABLE");
      case "unsupportedDdl":
        return DDL("UNKNOWN");
    }
  }
  const statement = parsed.statement;
  switch (statement.kind) {
    case "query":
      return { statementType: "DML", substatementType: "SELECT", headerRow: true, result: "csv" };
    case "explain":
      return { statementType: "DML", substatementType: "EXPLAIN", headerRow: true, result: "txt" };
    case "insert":
      return { statementType: "DML", substatementType: "INSERT", headerRow: false, result: "bare" };
    case "unload":
      return { statementType: "DML", substatementType: "UNLOAD", headerRow: false, result: "bare" };
    case "createTableAsSelect":
      return { statementType: "DDL", substatementType: "CREATE_TABLE_AS_SELECT", headerRow: false, result: "tables" };
    case "createView":
      return DDL("CREATE_VIEW");
    case "dropView":
      return DDL("DROP_VIEW");
    case "showCreateView":
      return UTILITY("SHOW_CREATE_VIEW");
    case "unsupportedStatement":
      return { statementType: "DML", substatementType: "UNKNOWN", headerRow: false, result: "csv" };
  }
}
