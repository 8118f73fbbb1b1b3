/** DuckDB SQL text for names and values the front end generates: always quoted, never spliced raw. */

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Athena's runtime failure raised inside DuckDB, `error('INVALID_CAST_ARGUMENT: ...')`, which duckErrors reads back as
 * the query's error; inside TRY (`safe`) NULL instead.
 */
export function failSql(safe: boolean, errorName: string, messageSql: string): string {
  return safe ? "NULL" : `error(${quoteString(`${errorName}: `)} || ${messageSql})`;
}
