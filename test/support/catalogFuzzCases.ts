/**
 * Glue catalog entries whose names, locations, partition values, SerDe parameters, column comments and types hold
 * what breaks SQL built by string concatenation: quotes, placeholders, comments, semicolons, newlines, NUL, long
 * strings. Each case creates its table through the real Glue API, reads it back, and queries it through Athena.
 */

/** A Glue JSON call. */
export interface GlueCall {
  readonly target: string;
  readonly input: unknown;
}

/** Read after the calls: if `call` (an index into the case's calls) answered 200, `pick` of the answer must equal `expected`. */
export interface ReadBack {
  readonly call: number;
  readonly what: string;
  readonly read: GlueCall;
  readonly pick: (body: Record<string, unknown>) => unknown;
  readonly expected: unknown;
}

/**
 * A statement over the case's table; if it SUCCEEDS, its rows must include `row` when `call` answered 200 or, for a
 * partition, when GetPartitions lists `partition` among the table's partition values.
 */
export interface CatalogQuery {
  readonly sql: string;
  readonly row?: readonly string[];
  readonly call?: number;
  readonly partition?: string;
}

export interface CatalogCase {
  readonly label: string;
  /** S3 objects (key, body) in the case's bucket, written before the calls. */
  readonly objects: readonly (readonly [string, string])[];
  readonly calls: readonly GlueCall[];
  readonly readBacks: readonly ReadBack[];
  readonly queries: readonly CatalogQuery[];
  /** A partitioned table whose partitions GetPartitions must list with the values sent, verbatim. */
  readonly partitionsOf?: { readonly table: string; readonly sent: readonly string[] };
}

export interface CatalogFuzzTargets {
  readonly database: string;
  readonly bucket: string;
  readonly canary: string;
  readonly outside: string;
}

/** Values that end or extend a quoted SQL string or identifier, comment out the rest, or stand for a parameter. */
export function hostileValues(targets: Pick<CatalogFuzzTargets, "canary">): string[] {
  return [
    "it's", "a''b", 'a"b', 'a""b', "a\\b", "a\\", "--", "/* */", "*/", "x; DROP TABLE t; --", "'; COPY (SELECT 1) TO 'x.csv'; --",
    "{{table:0}}", "{{table:1}}", "$1", "?", ":name", "line\nbreak", "\r\n", "tab\there", "nul\u0000nul", "\ud800", "😀", "ação",
    "v".repeat(10_000), "'", '"', "`", "`tick`", "%", "%25", "a=b", "a/b", "..", targets.canary, `read_text('${targets.canary}')`, " ",
  ];
}

const STRING = "string";

function tableInput(name: string, location: string, overrides: { columns?: readonly { Name: string; Type: string; Comment?: string }[]; partitionKeys?: readonly { Name: string; Type: string }[]; serdeParameters?: Record<string, string>; parameters?: Record<string, string> } = {}): Record<string, unknown> {
  return {
    Name: name,
    TableType: "EXTERNAL_TABLE",
    Parameters: { classification: "json", ...overrides.parameters },
    ...(overrides.partitionKeys === undefined ? {} : { PartitionKeys: overrides.partitionKeys }),
    StorageDescriptor: {
      Columns: overrides.columns ?? [{ Name: "idtemp", Type: STRING }, { Name: "tipo", Type: STRING }],
      Location: location,
      InputFormat: "org.apache.hadoop.mapred.TextInputFormat",
      OutputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
      SerdeInfo: { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe", ...(overrides.serdeParameters === undefined ? {} : { Parameters: overrides.serdeParameters }) },
    },
  };
}

/** A double-quoted Trino identifier, its quotes doubled. */
export function quotedIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A Trino string literal, its quotes doubled. */
export function stringLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function getTable(database: string, name: string): GlueCall {
  return { target: "AWSGlue.GetTable", input: { DatabaseName: database, Name: name } };
}

function storage(body: Record<string, unknown>): Record<string, unknown> {
  return ((body["Table"] as Record<string, unknown> | undefined)?.["StorageDescriptor"] ?? {}) as Record<string, unknown>;
}

export function catalogFuzzCases(targets: CatalogFuzzTargets): CatalogCase[] {
  const { database, bucket, outside } = targets;
  const values = hostileValues(targets);
  const record = (marker: string): string => `${JSON.stringify({ idtemp: marker, tipo: "energia" })}\n`;
  const create = (input: Record<string, unknown>): GlueCall => ({ target: "AWSGlue.CreateTable", input: { DatabaseName: database, TableInput: input } });
  const cases: CatalogCase[] = [];

  values.forEach((value, index) => {
    const marker = `row-${index}`;
    const plain = `plain${index}`;
    const folder = `values/${index}/`;
    const objects: [string, string][] = [[`${folder}data.json`, record(marker)]];

    // The value as a table name: stored verbatim (Glue keeps names in lower case), queried through a quoted identifier.
    cases.push({
      label: `table name ${JSON.stringify(value.slice(0, 40))}`,
      objects,
      calls: [create(tableInput(value, `s3://${bucket}/${folder}`))],
      readBacks: [{ call: 0, what: "Name", read: getTable(database, value), pick: (body) => (body["Table"] as { Name?: string } | undefined)?.Name, expected: value.toLowerCase() }],
      queries: [
        { sql: `SELECT "idtemp" FROM ${quotedIdentifier(value.toLowerCase())}`, row: [marker], call: 0 },
        { sql: `DESCRIBE \`${value.toLowerCase().replaceAll("`", "``")}\`` },
        { sql: `SHOW CREATE TABLE \`${value.toLowerCase().replaceAll("`", "``")}\`` },
      ],
    });

    // The value as a column name, a column comment and a column's type.
    cases.push({
      label: `column name and comment ${JSON.stringify(value.slice(0, 40))}`,
      objects,
      calls: [create(tableInput(`column${index}`, `s3://${bucket}/${folder}`, { columns: [{ Name: "idtemp", Type: STRING, Comment: value }, { Name: value, Type: STRING, Comment: value }] }))],
      readBacks: [{ call: 0, what: "Columns[0].Comment", read: getTable(database, `column${index}`), pick: (body) => (storage(body)["Columns"] as { Comment?: string }[] | undefined)?.[0]?.Comment, expected: value }],
      queries: [
        { sql: `SELECT "idtemp" FROM column${index}`, row: [marker], call: 0 },
        { sql: `SELECT * FROM column${index}` },
        { sql: `DESCRIBE column${index}` },
        { sql: `SHOW CREATE TABLE column${index}` },
      ],
    });
    cases.push({
      label: `column type ${JSON.stringify(value.slice(0, 40))}`,
      objects,
      calls: [create(tableInput(`type${index}`, `s3://${bucket}/${folder}`, { columns: [{ Name: "idtemp", Type: STRING }, { Name: "odd", Type: `array<${value}>` }, { Name: "odder", Type: value }] }))],
      readBacks: [],
      queries: [{ sql: `SELECT "idtemp" FROM type${index}` }, { sql: `SELECT * FROM type${index}` }],
    });

    // The value in a location (the folder holds the object, if S3 takes the key) and in the table's parameters.
    const valueFolder = `located/${value}/`;
    cases.push({
      label: `location and parameters ${JSON.stringify(value.slice(0, 40))}`,
      objects: [[`${valueFolder}data.json`, record(`${marker}-located`)]],
      calls: [create(tableInput(`located${index}`, `s3://${bucket}/${valueFolder}`, { parameters: { classification: value, comment: value } }))],
      readBacks: [{ call: 0, what: "Location", read: getTable(database, `located${index}`), pick: (body) => storage(body)["Location"], expected: `s3://${bucket}/${valueFolder}` }],
      queries: [{ sql: `SELECT "idtemp" FROM located${index}` }, { sql: `SHOW CREATE TABLE located${index}` }, { sql: `SHOW TBLPROPERTIES located${index}` }],
    });

    // The value in every SerDe parameter the JSON SerDe reads, then the table updated with it as its description.
    cases.push({
      label: `SerDe parameters and UpdateTable ${JSON.stringify(value.slice(0, 40))}`,
      objects,
      calls: [
        create(tableInput(plain, `s3://${bucket}/${folder}`, {
          serdeParameters: { paths: value, "ignore.malformed.json": value, "case.insensitive": value, "mapping.idtemp": value, "serialization.format": value, "field.delim": value, "timestamp.formats": value, "dots.in.keys": value },
        })),
        { target: "AWSGlue.UpdateTable", input: { DatabaseName: database, TableInput: { ...tableInput(plain, `s3://${bucket}/${folder}`, { parameters: { "skip.header.line.count": value, "projection.enabled": value } }), Description: value } } },
      ],
      readBacks: [{ call: 1, what: "Description", read: getTable(database, plain), pick: (body) => (body["Table"] as { Description?: string } | undefined)?.Description, expected: value }],
      queries: [{ sql: `SELECT "idtemp" FROM ${plain}`, row: [marker], call: 1 }, { sql: `SHOW CREATE TABLE ${plain}` }],
    });
  });

  // One partitioned table; each value a partition (BatchCreatePartition, some one at a time, some in a batch), each
  // partition's folder holding one record: a SELECT of the partition column gives every value back verbatim.
  const partitionCalls: GlueCall[] = [create(tableInput("parts", `s3://${bucket}/parts/`, { partitionKeys: [{ Name: "p", Type: STRING }] }))];
  const partitionObjects: [string, string][] = [];
  const partitionQueries: CatalogQuery[] = [];
  const partitionInput = (value: string, index: number) => ({
    Values: [value],
    StorageDescriptor: { ...(tableInput("parts", `s3://${bucket}/parts/${index}/`)["StorageDescriptor"] as object) },
  });
  values.forEach((value, index) => {
    partitionObjects.push([`parts/${index}/data.json`, record(`part-${index}`)]);
    if (index % 2 === 0) {
      partitionCalls.push({ target: "AWSGlue.BatchCreatePartition", input: { DatabaseName: database, TableName: "parts", PartitionInputList: [partitionInput(value, index)] } });
      // Not written yet in the emulator (a named 501), and a duplicate of the batch's once it is.
      partitionCalls.push({ target: "AWSGlue.CreatePartition", input: { DatabaseName: database, TableName: "parts", PartitionInput: partitionInput(value, index) } });
    }
  });
  // The odd values in one batch.
  partitionCalls.push({ target: "AWSGlue.BatchCreatePartition", input: { DatabaseName: database, TableName: "parts", PartitionInputList: values.flatMap((value, index) => (index % 2 === 1 ? [partitionInput(value, index)] : [])) } });
  values.forEach((value, index) => {
    partitionQueries.push({ sql: `SELECT "idtemp", "p" FROM parts WHERE "p" = ${stringLiteral(value)}`, row: [`part-${index}`, value], partition: value });
  });
  cases.push({
    label: "partition values",
    partitionsOf: { table: "parts", sent: values },
    objects: partitionObjects,
    calls: partitionCalls,
    readBacks: [],
    queries: [
      ...partitionQueries,
      { sql: `SELECT "p", count(*) FROM parts GROUP BY 1` },
      { sql: "SHOW PARTITIONS parts" },
      { sql: `SELECT * FROM "parts$partitions"` },
      { sql: "MSCK REPAIR TABLE parts" },
    ],
  });

  // Locations that point outside the data directory: nothing outside may be read.
  const escapes = [`s3://${bucket}/../../../../../../../..${outside}/`, `file://${outside}/`, `${outside}/`, `s3://${bucket}/'; COPY (SELECT 1) TO '${outside}/location.csv'; --/`, `s3://${bucket}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e${outside}/`, `s3://..${outside}/`, `s3:///${outside}/`];
  escapes.forEach((location, index) => {
    cases.push({
      label: `a location outside: ${location}`,
      objects: [],
      calls: [create(tableInput(`escape${index}`, location, { columns: [{ Name: "idtemp", Type: STRING }] }))],
      readBacks: [],
      queries: [{ sql: `SELECT * FROM escape${index}` }, { sql: `SELECT count(*) FROM escape${index}` }, { sql: `MSCK REPAIR TABLE escape${index}` }],
    });
  });
  return cases;
}
