import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SeededRandom } from "@gpu-stream/shared";
import { drawInt, drawOne } from "./randomDraws";
import { joinSql, tokenizeSql, type SqlToken } from "./sqlTokens";

/** One statement for StartQueryExecution, with what was done to it (printed on failure). */
export interface SqlCase {
  readonly category: "course" | "mutated" | "hostile" | "deep";
  readonly label: string;
  readonly sql: string;
  /** ExecutionParameters, for a statement with `?`. */
  readonly parameters?: readonly string[];
  /** A known defect of Athena's front end this statement shows: not sent until the fix lands (it names the symptom). */
  readonly awaitsAthenaFix?: string;
}

/** What the statements name: the course's table, and files outside the data directory that no query may touch. */
export interface SqlFuzzTargets {
  readonly database: string;
  readonly table: string;
  /** A file outside the data directory whose content must never come back. */
  readonly canary: string;
  /** A file inside the data directory but no S3 object (the Glue catalog's folder, S3's metadata): never read either. */
  readonly innerCanaries: readonly string[];
  /** A folder outside the data directory where no query may write. */
  readonly outside: string;
}

/** The course's SQL: sql/*.sql with the table filled in, and the statements shared/src/query/analysis.ts runs. */
export function courseStatements(repoRoot: string, table: string): string[] {
  const directory = join(repoRoot, "sql");
  const files = readdirSync(directory).filter((name) => name.endsWith(".sql")).sort();
  const fromFiles = files.map((name) =>
    readFileSync(join(directory, name), "utf8")
      .split("\n")
      .filter((line) => !line.trimStart().startsWith("--"))
      .join("\n")
      .trim()
      .replaceAll("${table}", table),
  );
  // shared/src/query/analysis.ts drops the CTAS's table before making it, and reads it after.
  return ["drop table if exists `dados_tratados`", ...fromFiles, `select * from "dados_tratados" order by "timestamp", "tipo"`];
}

/** Written where an identifier was: quotes and their escapes, comments, placeholders, DuckDB's table functions, odd characters. */
function hostileIdentifiers(targets: SqlFuzzTargets): string[] {
  return [
    `"a""b"`, `"x'y"`, `"--"`, `"/*"`, `"*/"`, `"a;b"`, `"{{table:0}}"`, `"$1"`, `"?"`, `""`, `"\\"`, `"a\\"`,
    `"${"i".repeat(300)}"`, `"${"L".repeat(70_000)}"`, `"ação"`, `"😀"`, `"\u0000"`, `"a\u0000b"`, `"\ud800"`, `"\udfff x"`, `ident\u0000`,
    "`tick`", "`a``b`", "[brackets]", `read_text('${targets.canary}')`, `"${targets.canary}"`, `'${targets.canary}'`,
    `read_csv_auto('${targets.innerCanaries[0]}')`, `"${targets.innerCanaries[1]}"`, "information_schema.tables", "system.runtime.nodes",
    "duckdb_settings()", "pragma_version()", `glob('/etc/*')`, "x.y.z.w", "$1", "?", "{{table:0}}", "{{table:-1}}", "\u202eevil", "sqlite_master",
  ];
}

/** Written where a literal was. */
function hostileLiterals(targets: SqlFuzzTargets): string[] {
  return [
    "''", "''''", "'\\'", "'\\''", "'--'", "'/*'", "'*/'", "'; SELECT 1; --'", "'{{table:0}}'", "'$1'", "'?'", "$1", "?", "'\u0000'",
    "'a\u0000b'", "'\ud800'", "'😀'", "E'\\x41'", `'x' || read_text('${targets.canary}')`, `'${targets.canary}'`, "1e309", "9223372036854775808",
    "-9223372036854775809", "0x7fffffff", "1e-400", "NaN", "X'00ff'", "DATE '2026-13-45'", "TIMESTAMP 'x'", "INTERVAL '1' YEAR",
    `'${"s".repeat(100_000)}'`, "U&'\\0000'", "NULL", "CAST(NULL AS varchar)", "'%'", "'\\u0000'", "(SELECT 1)", "ARRAY[1]",
  ];
}

/** Spliced in at a token boundary: a second statement, a comment that swallows the rest, a placeholder. */
function hostileFragments(targets: SqlFuzzTargets): string[] {
  return [
    `; SELECT * FROM read_text('${targets.canary}')`, `; COPY (SELECT 1) TO '${targets.outside}/fragment-copy.csv'`,
    `; ATTACH '${targets.outside}/fragment-attach.db' AS x`, "; PRAGMA database_list", "; INSTALL httpfs", "; LOAD httpfs",
    "; CREATE MACRO m(x) AS x", "; SET enable_external_access = true", "; SET lock_configuration = false", "; CALL duckdb_settings()",
    " -- ", " /* ", " */ ", " $1 ", " ? ", " {{table:0}} ", "\u0000", ";", " ; ", "'", '"', "`", "\\", "(", ")",
    ` UNION ALL SELECT * FROM read_text('${targets.canary}') `, ` UNION ALL SELECT content, content, content, content FROM read_text('${targets.canary}')`,
    " FOR SYSTEM_TIME AS OF TIMESTAMP '2026-01-01' ", " USING SAMPLE 10 ", " QUALIFY true ", " EXCLUDE (tipo) ", " :: varchar ",
  ];
}

/**
 * Statements that try DuckDB's reach outside the data directory, or Athena's: file-reading functions, COPY, ATTACH,
 * PRAGMA, INSTALL, macros, parameters, CTAS, UNLOAD and tables whose location points out.
 */
export function hostileStatements(targets: SqlFuzzTargets): SqlCase[] {
  const { canary, outside, table } = targets;
  const [glueCanary, metaCanary] = targets.innerCanaries;
  const statements = [
    `SELECT * FROM read_text('${canary}')`, `SELECT read_text('${canary}')`, `SELECT * FROM '${canary}'`, `SELECT * FROM "${canary}"`,
    `SELECT * FROM read_json_auto('${canary}')`, `SELECT * FROM read_csv('${glueCanary}')`, `SELECT * FROM "${metaCanary}"`,
    `SELECT "read_text"('${metaCanary}')`, `SELECT * FROM TABLE(read_text('${canary}'))`, `SELECT * FROM glob('${outside}/*')`,
    `COPY (SELECT 1) TO '${outside}/copy.csv'`, `COPY ${table} TO '${outside}/table.csv'`, `COPY "${table}" TO 'copy-relative.csv'`,
    `EXPORT DATABASE '${outside}/export'`, `ATTACH '${outside}/attach.db'`, `ATTACH 'attach-relative.db' AS a`, `DETACH memory`,
    "PRAGMA database_list", "PRAGMA enable_profiling", "INSTALL httpfs", "LOAD httpfs", "FORCE INSTALL httpfs FROM 'http://127.0.0.1:9/'",
    "CREATE MACRO m(x) AS x", "CREATE OR REPLACE FUNCTION f(x) AS x", "SET enable_external_access = true", "RESET allowed_directories",
    "SELECT current_setting('allowed_directories')", "SELECT * FROM duckdb_settings()", "SELECT getenv('HOME')", "CALL pragma_version()",
    "SELECT $1", "SELECT ?", "SELECT ? , ?", "SELECT 1 FROM {{table:0}}", "SELECT '{{table:0}}'", `SELECT * FROM "{{table:0}}"`,
    "PREPARE p FROM SELECT ?", "EXECUTE p USING 1", "DEALLOCATE PREPARE p", "USE other", "SELECT 1; SELECT 2", "SELECT 1;", ";", "",
    "SELECT 1 -- ", "SELECT 1 /* unterminated", "SELECT '\u0000'", "SELECT \"\u0000\"", "SELECT '\ud800'", "SELECT 1\u0000; SELECT 2",
    `CREATE TABLE escaped WITH (external_location = 'file://${outside}/ctas/') AS SELECT 1 AS a`,
    `CREATE TABLE escaped2 WITH (external_location = 's3://fuzz-data/../../../../../../../..${outside}/ctas2/') AS SELECT 1 AS a`,
    `CREATE TABLE escaped3 WITH (format = 'TEXTFILE', external_location = '${outside}/ctas3/') AS SELECT 1 AS a`,
    `UNLOAD (SELECT 1 AS a) TO 'file://${outside}/unload/' WITH (format = 'TEXTFILE')`,
    `UNLOAD (SELECT 1 AS a) TO 's3://fuzz-data/../../../../../../../..${outside}/unload2/' WITH (format = 'JSON')`,
    `UNLOAD (SELECT 1 AS a) TO 's3://fuzz-results/unload/'' ; COPY (SELECT 1) TO ''${outside}/unload3.csv' WITH (format = 'JSON')`,
    `CREATE EXTERNAL TABLE \`outfile\` (\`line\` string) LOCATION 'file://${outside}/'`,
    `CREATE EXTERNAL TABLE \`outs3\` (\`line\` string) LOCATION 's3://fuzz-data/../../../../../../../..${outside}/'`,
    `CREATE EXTERNAL TABLE \`outslash\` (\`line\` string) LOCATION '${outside}/'`,
    "SELECT * FROM outfile", "SELECT * FROM outs3", "SELECT * FROM outslash", "MSCK REPAIR TABLE outs3", "SHOW CREATE TABLE outs3",
    `INSERT INTO ${table} SELECT content, content, content, content, '1', '2', '3', '4' FROM read_text('${canary}')`,
    `CREATE VIEW peek AS SELECT * FROM read_text('${canary}')`, "SELECT * FROM peek",
    `SELECT * FROM ${table} WHERE "tipo" = '' OR 1=1 --'`, `SELECT * FROM ${table} WHERE "tipo" = '\\'; SELECT 1; --'`,
    `DESCRIBE ${table}`, `SHOW PARTITIONS ${table}`, `SHOW CREATE TABLE ${table}`, `EXPLAIN SELECT * FROM read_text('${canary}')`,
    `SELECT * FROM "${table}$partitions"`, `SELECT "$path" FROM ${table}`, `SELECT "$path", "$file_size" FROM ${table} LIMIT 1`,
  ];
  const cases: SqlCase[] = statements.map((sql) => ({ category: "hostile", label: `hostile: ${sql.slice(0, 120)}`, sql }));
  for (const parameters of [["'x'; SELECT 1"], ["1) OR (1=1"], [`read_text('${canary}')`], ["'\u0000'"], ["$1"], ["{{table:0}}"], ["'a''b'", "2"]]) {
    cases.push({ category: "hostile", label: `hostile parameters ${JSON.stringify(parameters)}`, sql: `SELECT ${parameters.map(() => "?").join(", ")}`, parameters });
  }
  cases.push({ category: "hostile", label: "hostile parameters in a WHERE", sql: `SELECT count(*) FROM ${table} WHERE "tipo" = ?`, parameters: ["energia' OR '1'='1"] });
  return cases;
}

/**
 * Nesting and sizes that recurse in a parser, an AST walk or DuckDB: each must end in a clean error or a result,
 * never a crash, and none may stop the emulator answering. Each shape at a depth every stage must take, and at the
 * extreme the issue asks for (10,000 levels), which Athena refuses as too large.
 */
export function deepStatements(table: string): SqlCase[] {
  const deep = (label: string, sql: string): SqlCase => ({ category: "deep", label: `deep: ${label} (${sql.length} characters)`, sql });
  const shapes: [string, (depth: number) => string, number, number][] = [
    ["nested parentheses", (n) => `SELECT ${"(".repeat(n)}1${")".repeat(n)}`, 64, 10_000],
    ["unclosed parentheses", (n) => `SELECT ${"(".repeat(n)}1`, 100, 10_000],
    ["nested subqueries", (n) => `SELECT * FROM ${"(SELECT * FROM ".repeat(n)}${table}${")".repeat(n)}`, 200, 2000],
    ["NOTs", (n) => `SELECT ${"NOT ".repeat(n)}true`, 1000, 10_000],
    ["unary minuses", (n) => `SELECT ${"- ".repeat(n)}1`, 1000, 10_000],
    ["additions", (n) => `SELECT ${Array.from({ length: n }, () => "1").join("+")}`, 1000, 20_000],
    ["nested arrays", (n) => `SELECT ${"ARRAY[".repeat(n)}1${"]".repeat(n)}`, 100, 5000],
    ["nested CASEs", (n) => `SELECT ${"CASE WHEN true THEN ".repeat(n)}1${" END".repeat(n)}`, 100, 3000],
    ["nested function calls", (n) => `SELECT ${"abs(".repeat(n)}1${")".repeat(n)}`, 100, 5000],
    ["nested casts", (n) => `SELECT ${"CAST(".repeat(n)}1${" AS varchar)".repeat(n)}`, 100, 5000],
    ["concatenations", (n) => `SELECT 'x'${" || 'x'".repeat(n)}`, 1000, 20_000],
    ["ORs", (n) => `SELECT count(*) FROM ${table} WHERE ${Array.from({ length: n }, () => `"tipo" = 'a'`).join(" OR ")}`, 400, 10_000],
    ["nested array types in Hive DDL", (n) => `CREATE EXTERNAL TABLE \`deep\` (\`a\` ${"array<".repeat(n)}int${">".repeat(n)}) LOCATION 's3://fuzz-data/'`, 400, 5000],
  ];
  const cases: SqlCase[] = shapes.flatMap(([label, build, moderate, extreme]) => [deep(`${moderate} ${label}`, build(moderate)), deep(`${extreme} ${label}`, build(extreme))]);
  return [
    ...cases,
    deep("an IN list of 30,000", `SELECT count(*) FROM ${table} WHERE "idtemp" IN (${Array.from({ length: 30_000 }, (_, index) => `'${index}'`).join(",")})`),
    deep("an identifier of 30,000 characters", `SELECT "${"L".repeat(30_000)}"`),
    deep("20,000 statements", "SELECT 1;".repeat(20_000)),
    // abs() repeats its argument in the SQL it generates: bound once, 24 levels stay small (they once passed V8's string limit).
    deep("24 nested abs() calls", `SELECT ${"abs(".repeat(24)}1${")".repeat(24)}`),
    deep("500 UNION ALLs", Array.from({ length: 500 }, (_, index) => `SELECT ${index}`).join(" UNION ALL ")),
  ];
}

type Mutation = (tokens: SqlToken[], random: SeededRandom) => { tokens: SqlToken[]; label: string };

function indexOfKind(tokens: readonly SqlToken[], random: SeededRandom, kinds: readonly SqlToken["kind"][]): number | undefined {
  const candidates = tokens.flatMap((token, index) => (kinds.includes(token.kind) ? [index] : []));
  return candidates.length === 0 ? undefined : drawOne(random, candidates);
}

function solid(tokens: readonly SqlToken[], random: SeededRandom): number | undefined {
  return indexOfKind(tokens, random, ["comment", "string", "quoted", "number", "word", "symbol"]);
}

function mutations(targets: SqlFuzzTargets, corpus: readonly SqlToken[][]): Mutation[] {
  const identifiers = hostileIdentifiers(targets);
  const literals = hostileLiterals(targets);
  const fragments = hostileFragments(targets);
  const replace = (tokens: SqlToken[], index: number, text: string): SqlToken[] => [...tokens.slice(0, index), { kind: "word", text }, ...tokens.slice(index + 1)];
  return [
    (tokens, random) => {
      const index = solid(tokens, random);
      return index === undefined ? { tokens, label: "nothing to delete" } : { tokens: [...tokens.slice(0, index), ...tokens.slice(index + 1)], label: `deleted ${tokens[index]!.text.slice(0, 20)}` };
    },
    (tokens, random) => {
      const index = solid(tokens, random);
      return index === undefined ? { tokens, label: "nothing to duplicate" } : { tokens: [...tokens.slice(0, index + 1), { kind: "space", text: " " }, ...tokens.slice(index)], label: `duplicated ${tokens[index]!.text.slice(0, 20)}` };
    },
    (tokens, random) => {
      const first = solid(tokens, random);
      const second = solid(tokens, random);
      if (first === undefined || second === undefined) return { tokens, label: "nothing to swap" };
      const swapped = [...tokens];
      swapped[first] = tokens[second]!;
      swapped[second] = tokens[first]!;
      return { tokens: swapped, label: `swapped ${tokens[first]!.text.slice(0, 20)} and ${tokens[second]!.text.slice(0, 20)}` };
    },
    (tokens, random) => {
      const index = indexOfKind(tokens, random, ["quoted", "word"]);
      const text = drawOne(random, identifiers);
      return index === undefined ? { tokens, label: "no identifier" } : { tokens: replace(tokens, index, text), label: `identifier ${tokens[index]!.text.slice(0, 20)} -> ${JSON.stringify(text.slice(0, 60))}` };
    },
    (tokens, random) => {
      const index = indexOfKind(tokens, random, ["string", "number"]);
      const text = drawOne(random, literals);
      return index === undefined ? { tokens, label: "no literal" } : { tokens: replace(tokens, index, text), label: `literal ${tokens[index]!.text.slice(0, 20)} -> ${JSON.stringify(text.slice(0, 60))}` };
    },
    (tokens, random) => {
      const index = drawInt(random, tokens.length + 1);
      const text = drawOne(random, fragments);
      return { tokens: [...tokens.slice(0, index), { kind: "word", text }, ...tokens.slice(index)], label: `inserted ${JSON.stringify(text.slice(0, 60))} at token ${index}` };
    },
    (tokens, random) => {
      const other = drawOne(random, corpus);
      const cut = drawInt(random, tokens.length + 1);
      const from = drawInt(random, other.length + 1);
      return { tokens: [...tokens.slice(0, cut), ...other.slice(from)], label: `spliced at token ${cut} with another statement from its token ${from}` };
    },
    (tokens, random) => {
      const cut = drawInt(random, tokens.length);
      return { tokens: tokens.slice(0, cut), label: `cut after token ${cut}` };
    },
  ];
}

/** `count` mutations of the course's statements: one to three token-level mutations each. */
export function mutatedStatements(statements: readonly string[], targets: SqlFuzzTargets, random: SeededRandom, count: number): SqlCase[] {
  const corpus = statements.map(tokenizeSql);
  const operators = mutations(targets, corpus);
  return Array.from({ length: count }, () => {
    const source = drawInt(random, corpus.length);
    let tokens = corpus[source]!;
    const labels: string[] = [];
    const rounds = 1 + drawInt(random, 3);
    for (let round = 0; round < rounds; round += 1) {
      const mutated = drawOne(random, operators)(tokens, random);
      tokens = mutated.tokens;
      labels.push(mutated.label);
    }
    return { category: "mutated", label: `statement ${source}: ${labels.join("; ")}`, sql: joinSql(tokens) };
  });
}
