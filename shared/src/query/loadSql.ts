import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The repository's sql/ folder: the notebooks show and the tests run the same statements. */
export const SQL_DIRECTORY = join(__dirname, "..", "..", "..", "sql");

/**
 * A statement from `sql/<name>.sql`, with `${parameter}` placeholders filled in and `--` comment lines
 * dropped. A placeholder without a value is an error, never an empty string in SQL.
 */
export function loadSql(name: string, parameters: Readonly<Record<string, string>> = {}): string {
  const text = readFileSync(join(SQL_DIRECTORY, `${name}.sql`), "utf8");
  const statement = text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n")
    .trim();
  return statement.replace(/\$\{(\w+)\}/g, (_, key: string) => {
    const value = parameters[key];
    if (value === undefined) {
      throw new Error(`sql/${name}.sql needs a value for \${${key}}`);
    }
    return value;
  });
}
