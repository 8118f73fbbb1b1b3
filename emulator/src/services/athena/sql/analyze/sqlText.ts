/** DuckDB SQL text for names and values the front end generates: always quoted, never spliced raw. */

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Athena's runtime failure, raised inside DuckDB: `error('INVALID_CAST_ARGUMENT: ...')`, read back by duckErrors. */
export function raiseSql(errorName: string, messageSql: string): string {
  return `error(${quoteString(`${errorName}: `)} || ${messageSql})`;
}
