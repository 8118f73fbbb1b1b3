import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { GetQueryResultsCommand } from "@aws-sdk/client-athena";
import { assertErrorCase, assertValueCase, type ErrorCase, type ValueCase } from "../../support/athenaCases";
import { createDatabase, createFirehoseTable, runSucceeding, startRefused, telemetryRecord, useAthenaEmulator, type AthenaTestEmulator } from "../../support/athenaTestKit";

// What a student of the course writes, answered as Athena engine v3 (Trino) answers it. Each case names its source:
// a Trino or Athena documentation page, Trino's own source where the documentation gives no wording, or a recorded
// Athena answer (docs/athena-glue.md lists them all).
const TRINO = "https://trino.io/docs/current";
const ATHENA = "https://docs.aws.amazon.com/athena/latest/ug";

const COURSE_TIMESTAMP = "2026-11-28 06:29:32.123456";

const VALUES: readonly ValueCase[] = [
  // Casts and the course's timestamps.
  { sql: `select date_parse('${COURSE_TIMESTAMP}', '%Y-%m-%d %H:%i:%s.%f')`, row: ["2026-11-28 06:29:32.123"], types: ["timestamp"], source: `${TRINO}/functions/datetime.html#mysql-date-functions (%f, timestamp(3))` },
  { sql: `select cast('${COURSE_TIMESTAMP}' as timestamp)`, row: ["2026-11-28 06:29:32.123"], types: ["timestamp"], source: `${TRINO}/functions/conversion.html; timestamp defaults to timestamp(3) (${TRINO}/language/types.html#timestamp)` },
  { sql: "select cast('2026-11-28 06:29:32.123556' as timestamp)", row: ["2026-11-28 06:29:32.124"], source: `${ATHENA}/engine-versions-reference-0003.html ("values that were trimmed ... are rounded")` },
  { sql: "select cast('2026-11-28 06:29:32.9996' as timestamp)", row: ["2026-11-28 06:29:33.000"], source: `${ATHENA}/engine-versions-reference-0003.html (rounding carries into the second)` },
  { sql: "select cast('36.2107' as double), cast('36.2107' as decimal(10,2)), cast('17' as integer)", row: ["36.2107", "36.21", "17"], types: ["double", "decimal", "integer"], source: `${TRINO}/functions/conversion.html` },
  { sql: "select try(1.5 / 0), try(7 / 0), try(length('trino_divide(') / 1)", row: [undefined, undefined, "13"], source: `${TRINO}/functions/conditional.html#try (a division by zero answers NULL, decimal or integer)` },
  { sql: "select try_cast('36.2107' as integer), try(cast('x' as double))", row: [undefined, undefined], source: `${TRINO}/functions/conversion.html#try_cast, ${TRINO}/functions/conditional.html#try` },
  { sql: "select from_iso8601_timestamp('2026-11-28T06:29:32.123Z')", row: ["2026-11-28 06:29:32.123 UTC"], types: ["timestamp with time zone"], source: `${TRINO}/functions/datetime.html#from_iso8601_timestamp` },
  // Integer arithmetic and literal types.
  { sql: "select 5/2, -7/2, 7 % 3, -7 % 3", row: ["2", "-3", "1", "-1"], types: ["integer", "integer", "integer", "integer"], source: `${TRINO}/functions/math.html#mathematical-operators (integer division truncates)` },
  { sql: "select 7.0/2, 2.5e0/2, 1.5 * 2", row: ["3.5", "1.25", "3.0"], types: ["decimal", "double", "decimal"], source: `${TRINO}/language/types.html#decimal (a literal with a point is decimal), #double (with an exponent)` },
  {
    sql: "select typeof(1), typeof(10000000000), typeof(1.5), typeof(1.50), typeof(1e0), typeof('ab'), typeof(cast(null as timestamp)), typeof(date '2026-11-28')",
    row: ["integer", "bigint", "decimal(2,1)", "decimal(3,2)", "double", "varchar(2)", "timestamp(3)", "date"],
    source: `${TRINO}/functions/conversion.html#typeof, ${TRINO}/language/types.html`,
  },
  { sql: "select round(2.5), round(-2.5), round(2.345e0, 2), truncate(2.7e0)", row: ["3", "-3", "2.35", "2.0"], types: ["decimal", "decimal", "double", "double"], source: `${TRINO}/functions/math.html#round (half away from zero)` },
  // Date and time functions with Trino's semantics.
  { sql: "select date_diff('minute', timestamp '2026-11-28 06:00:59', timestamp '2026-11-28 07:10:00')", row: ["69"], types: ["bigint"], source: `${TRINO}/functions/datetime.html#date_diff (whole units elapsed)` },
  { sql: "select date_diff('day', date '2026-11-28', date '2026-12-07'), date_add('day', 1, date '2026-02-28')", row: ["9", "2026-03-01"], source: `${TRINO}/functions/datetime.html#date_add` },
  { sql: "select date_trunc('minute', timestamp '2026-11-28 06:29:32.123')", row: ["2026-11-28 06:29:00.000"], types: ["timestamp"], source: `${TRINO}/functions/datetime.html#date_trunc` },
  { sql: "select format_datetime(timestamp '2026-11-28 06:29:32.123', 'yyyy-MM-dd HH:mm')", row: ["2026-11-28 06:29"], types: ["varchar"], source: `${TRINO}/functions/datetime.html#format_datetime (Joda-Time pattern)` },
  { sql: "select date_format(timestamp '2026-11-28 06:29:32.123', '%d/%m/%Y %H:%i')", row: ["28/11/2026 06:29"], source: `${TRINO}/functions/datetime.html#date_format` },
  { sql: "select extract(hour from timestamp '2026-11-28 06:29:32'), hour(timestamp '2026-11-28 06:29:32'), day_of_week(date '2026-11-28')", row: ["6", "6", "6"], types: ["bigint", "bigint", "bigint"], source: `${TRINO}/functions/datetime.html#extract` },
  { sql: "select to_unixtime(timestamp '2026-11-28 00:00:00'), from_unixtime(0)", row: ["1.795824E9", "1970-01-01 00:00:00.000 UTC"], source: `${TRINO}/functions/datetime.html#to_unixtime; double printed as Java prints it` },
  // String functions.
  { sql: "select split_part('2026-11-28', '-', 2), split_part('a-b', '-', 5)", row: ["11", undefined], source: `${TRINO}/functions/string.html#split_part` },
  { sql: "select concat('id-', cast(17 as varchar)), 'id-' || cast(17 as varchar)", row: ["id-17", "id-17"], source: `${TRINO}/functions/string.html#concat` },
  { sql: "select substr('energia', 2, 3), length('energia'), upper('uso'), lpad('7', 3, '0'), strpos('energia', 'g')", row: ["ner", "7", "USO", "007", "5"], source: `${TRINO}/functions/string.html` },
  { sql: "select regexp_extract('gpu-0-2026', '\\d+'), regexp_like('energia', '^en'), regexp_replace('a-b-c', '-', '+')", row: ["0", "true", "a+b+c"], source: `${TRINO}/functions/regexp.html` },
  // JSON, arrays and maps, printed as Athena prints them.
  { sql: `select json_extract_scalar('{"a":{"b":"c"}}', '$.a.b'), json_format(json '{"b":1}'), json_parse('[1, "x"]')`, row: ["c", '{"b":1}', '[1,"x"]'], source: `${TRINO}/functions/json.html` },
  { sql: "select array[1, 2], map(array['a'], array[1]), cardinality(array['x']), element_at(array[10, 20], 2)", row: ["[1, 2]", "{a=1}", "1", "20"], source: `${TRINO}/functions/array.html, ${TRINO}/functions/map.html` },
  // Output names: an unnamed column is _col<position>.
  { sql: "select 1, 'a' as nome, 2", row: ["1", "a", "2"], source: `${ATHENA}/select.html; Trino LogicalPlanner ("_col" + position)` },
];

const ERRORS: readonly ErrorCase[] = [
  { sql: "select cast(dado as integer) from leituras where idtemp = '1'", reason: "INVALID_CAST_ARGUMENT: Cannot cast '30.1' to INT", source: `${TRINO}/functions/conversion.html; wording: Trino VarcharOperators` },
  { sql: "select cast('abc' as double)", reason: "INVALID_CAST_ARGUMENT: Cannot cast 'abc' to DOUBLE", source: `${TRINO}/functions/conversion.html; wording: Trino VarcharOperators` },
  {
    sql: `select from_iso8601_timestamp('${COURSE_TIMESTAMP}')`,
    reason: `INVALID_FUNCTION_ARGUMENT: Invalid format: "${COURSE_TIMESTAMP}" is malformed at " 06:29:32.123456"`,
    source: `${TRINO}/functions/datetime.html#from_iso8601_timestamp (ISO 8601 needs the T); wording: Joda-Time's parser`,
  },
  { sql: "select * from leituras where idtemp = 17", reason: "TYPE_MISMATCH: line 1:37: Cannot apply operator: varchar = integer", source: `${TRINO}/functions/comparison.html; ${ATHENA}/engine-versions-reference-0003.html (no implicit varchar conversion)` },
  { sql: "select * from leituras where dado > 40", reason: "TYPE_MISMATCH: line 1:35: Cannot apply operator: varchar < integer", source: "Trino ExpressionAnalyzer (a > b is looked up as b < a's operator, operands not swapped)" },
  {
    sql: "select concat('id-', 17)",
    reason:
      "FUNCTION_NOT_FOUND: line 1:8: Unexpected parameters (varchar(3), integer) for function concat. Expected: concat(E, array(E)) E, concat(array(E)) E, concat(array(E), E) E, concat(char(x), char(y)), concat(varbinary), concat(varchar)",
    source: `${TRINO}/functions/string.html#concat; wording: observed Trino/Athena answers`,
  },
  {
    sql: "select 'id-' || 17",
    reason:
      "FUNCTION_NOT_FOUND: line 1:14: Unexpected parameters (varchar(3), integer) for function concat. Expected: concat(E, array(E)) E, concat(array(E)) E, concat(array(E), E) E, concat(char(x), char(y)), concat(varbinary), concat(varchar)",
    source: `${TRINO}/functions/string.html (|| is concat)`,
  },
  { sql: "select nada(1)", reason: "FUNCTION_NOT_FOUND: line 1:8: Function 'nada' not registered", source: `${ATHENA}/functions-env3.html; wording: Trino FunctionResolver` },
  { sql: "select 1/0", reason: "DIVISION_BY_ZERO: Division by zero", source: `${TRINO}/functions/math.html` },
  { sql: "select 2147483647 + 1", reason: "NUMERIC_VALUE_OUT_OF_RANGE: integer addition overflow: 2147483647 + 1", source: `${TRINO}/language/types.html#integer` },
  { sql: "select x from leituras", reason: "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved or requester is not authorized to access requested resources", source: "recorded Athena answer (aws-samples Security Lake fixture; docs/athena-glue.md)" },
  { sql: "select tipo, count(*) from leituras", reason: "EXPRESSION_NOT_AGGREGATE: line 1:8: 'tipo' must be an aggregate expression or appear in GROUP BY clause", source: `${TRINO}/sql/select.html#group-by-clause; wording: Trino AggregationAnalyzer` },
];

describe("Athena's Trino semantics, as a student meets them", () => {
  let emulator: AthenaTestEmulator;
  const database = "semantica";
  useAthenaEmulator(async (started) => {
    emulator = started;
    await createDatabase(emulator.glue, database);
    const records = [telemetryRecord(1), telemetryRecord(2, "Uso")];
    await createFirehoseTable(emulator, { database, table: "leituras", bucket: "semantica-leituras", objects: [{ hour: "06", records }], backToBack: false });
  });

  describe("behaviour", () => {
    for (const valueCase of VALUES) {
      test(`answers ${valueCase.sql}`, () => assertValueCase(emulator, valueCase, { database }));
    }

    test("names unnamed columns _col<position> and reports each column's precision and scale", async () => {
      const execution = await runSucceeding(emulator, "select 1, 'a' as nome, cast(1.5 as decimal(10,2)), cast('x' as varchar(5)), 2", { database });
      const results = await emulator.athena.send(new GetQueryResultsCommand({ QueryExecutionId: execution.QueryExecutionId! }));
      const columns = results.ResultSet?.ResultSetMetadata?.ColumnInfo?.map((column) => [column.Name, column.Type, column.Precision, column.Scale]);
      // Precision and scale as the GetQueryResults API reports them (ColumnInfo; recorded Athena answers in docs/athena-glue.md).
      assert.deepEqual(columns, [
        ["_col0", "integer", 10, 0],
        ["nome", "varchar", 1, 0],
        ["_col2", "decimal", 10, 2],
        ["_col3", "varchar", 5, 0],
        ["_col4", "integer", 10, 0],
      ]);
      assert.deepEqual(results.ResultSet?.Rows?.[0]?.Data?.map((datum) => datum.VarCharValue), ["_col0", "nome", "_col2", "_col3", "_col4"]);
    });
  });

  describe("errors", () => {
    // FROM is reserved in Athena's SELECT ("Reserved keywords to escape in SQL SELECT statements",
    // ${ATHENA}/reserved-words.html): an alias of that name is a syntax error, refused at start; quoted, it is a name.
    test("refuses a reserved word as a bare alias at start, and takes it double-quoted", async () => {
      assert.deepEqual(await startRefused(emulator, "select 1 as from", { database }), { message: "line 1:13: mismatched input 'from'. Expecting: <identifier>", athenaErrorCode: "MALFORMED_QUERY" });
      const execution = await runSucceeding(emulator, 'select 1 as "from"', { database });
      const results = await emulator.athena.send(new GetQueryResultsCommand({ QueryExecutionId: execution.QueryExecutionId! }));
      assert.deepEqual(results.ResultSet?.Rows?.map((row) => row.Data?.[0]?.VarCharValue), ["from", "1"]);
    });

    for (const errorCase of ERRORS) {
      test(`fails ${errorCase.sql}`, () => assertErrorCase(emulator, errorCase, { database }));
    }
  });
});
