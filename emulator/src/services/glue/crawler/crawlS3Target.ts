import { createHash } from "node:crypto";
import type { Column, PartitionInput, S3Target, StorageDescriptor, Table, TableInput } from "@aws-sdk/client-glue";
import { classifyObject, type Classification, type ObjectSchema } from "./classifyObject";
import type { CrawlerGrouping } from "./crawlerGrouping";
import type { CrawlLog } from "./crawlerLog";
import { globMatcher } from "./globMatcher";
import { mergeFields, parseTypeString, typeString, type GlueType } from "./GlueType";
import type { ParquetSchemaReader } from "./parquetColumns";
import { planTables, type DataObject, type PlannedTable } from "./planTables";
import type { CrawlerCatalog } from "./roleBoundCatalog";
import type { CrawlerS3 } from "./roleBoundS3";

export interface CrawlSettings {
  readonly crawlerName: string;
  readonly databaseName: string;
  readonly tablePrefix: string;
  readonly updateBehavior: "LOG" | "UPDATE_IN_DATABASE";
  readonly deleteBehavior: "LOG" | "DELETE_FROM_DATABASE" | "DEPRECATE_IN_DATABASE";
  /** The `Grouping` options of the crawler's Configuration. */
  readonly grouping: CrawlerGrouping;
  /** Checked between objects: a StopCrawler ends the crawl early. */
  readonly cancelled: () => boolean;
  readonly log: (message: string) => void;
  /** The crawl's CloudWatch log. */
  readonly crawlLog: CrawlLog;
}

export interface CrawlOutcome {
  tablesCreated: number;
  tablesUpdated: number;
  tablesDeleted: number;
  partitionsAdded: number;
}

const MAX_TABLE_NAME = 128;

/**
 * Glue's table name for a folder or file: lower case, anything but letters, digits and `_` as `_`, at most 128
 * characters (https://docs.aws.amazon.com/glue/latest/dg/crawler-running.html).
 */
export function glueTableName(prefix: string, folderName: string): string {
  return `${prefix}${folderName}`.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, MAX_TABLE_NAME);
}

/**
 * Table names for the planned tables, in order: "If duplicate table names are encountered, the crawler adds a
 * hash string suffix to the name" (https://docs.aws.amazon.com/glue/latest/dg/crawler-running.html). The
 * suffix's form is not documented: the emulator appends `_` and 8 hex digits of the location's SHA-256, so
 * the name stays the same from one crawl to the next.
 */
function uniqueTableNames(bucket: string, tables: readonly PlannedTable[], tablePrefix: string): string[] {
  const taken = new Set<string>();
  return tables.map((table) => {
    let name = glueTableName(tablePrefix, table.name);
    if (taken.has(name)) {
      const hash = createHash("sha256").update(tableLocation(bucket, table)).digest("hex").slice(0, 8);
      name = `${name.slice(0, MAX_TABLE_NAME - hash.length - 1)}_${hash}`;
    }
    taken.add(name);
    return name;
  });
}

/** A table's folder; for a table of one file, the file itself. */
function tableLocation(bucket: string, table: PlannedTable): string {
  return `s3://${bucket}/${table.file ?? table.prefix}`;
}

export function parseS3Path(path: string): { bucket: string; prefix: string } | undefined {
  const match = /^s3a?:\/\/([^/]+)\/?(.*)$/i.exec(path.trim());
  if (match === null) {
    return undefined;
  }
  const rest = match[2]!;
  return { bucket: match[1]!, prefix: rest === "" || rest.endsWith("/") ? rest : `${rest}/` };
}

const FORMATS: Record<Classification, { input: string; output: string }> = {
  json: { input: "org.apache.hadoop.mapred.TextInputFormat", output: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat" },
  csv: { input: "org.apache.hadoop.mapred.TextInputFormat", output: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat" },
  parquet: { input: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", output: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat" },
};

function serdeInfo(schema: ObjectSchema, columnNames: readonly string[]): StorageDescriptor["SerdeInfo"] {
  switch (schema.classification) {
    case "json":
      return { SerializationLibrary: "org.openx.data.jsonserde.JsonSerDe", Parameters: { paths: [...columnNames].sort().join(",") } };
    case "parquet":
      return { SerializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", Parameters: { "serialization.format": "1" } };
    case "csv":
      return schema.csv!.quoted
        ? { SerializationLibrary: "org.apache.hadoop.hive.serde2.OpenCSVSerde", Parameters: { separatorChar: schema.csv!.delimiter, quoteChar: '"' } }
        : { SerializationLibrary: "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", Parameters: { "field.delim": schema.csv!.delimiter } };
  }
}

/** `key=value` folders give their key; other levels are partition_0, partition_1, ... by depth. */
function partitionKeyNames(objects: readonly DataObject[], depth: number): string[] {
  return Array.from({ length: depth }, (_, level) => {
    const keys = new Set(objects.map((object) => (/^([^=]+)=/.exec(object.folders[level]!)?.[1] ?? "").toLowerCase()));
    const [only] = [...keys];
    return keys.size === 1 && only !== "" ? only! : `partition_${level}`;
  });
}

function partitionValue(folder: string): string {
  const equals = folder.indexOf("=");
  return equals < 0 ? folder : folder.slice(equals + 1);
}

function mergeColumns(existing: readonly Column[], inferred: ReadonlyMap<string, GlueType>): Column[] {
  const byName = new Map<string, GlueType>(existing.map((column) => [column.Name!.toLowerCase(), parseTypeString(column.Type ?? "string")]));
  const merged = mergeFields(byName, inferred);
  return [...merged].map(([name, type]) => ({ Name: name, Type: typeString(type) }));
}

/**
 * Crawls one S3 target as a Glue crawler does: reads the objects below `s3://bucket/prefix/`, classifies them,
 * groups them into tables (`planTables`: one for the folder when its objects are alike, else one per subfolder
 * or per file) and makes (or updates) each table with the folders below it as partition keys and each
 * partition folder registered.
 */
export async function crawlS3Target(
  target: S3Target,
  settings: CrawlSettings,
  dependencies: { s3: CrawlerS3; catalog: CrawlerCatalog; parquet: ParquetSchemaReader },
): Promise<CrawlOutcome> {
  const outcome: CrawlOutcome = { tablesCreated: 0, tablesUpdated: 0, tablesDeleted: 0, partitionsAdded: 0 };
  const path = parseS3Path(target.Path ?? "");
  if (path === undefined) {
    throw new Error(`Invalid S3 path: ${target.Path ?? ""}`);
  }
  const { s3, catalog } = dependencies;
  if (!s3.bucketExists(path.bucket)) {
    throw new Error(`The specified bucket does not exist: ${path.bucket}`);
  }
  const excluded = (target.Exclusions ?? []).map(globMatcher);
  const objects: DataObject[] = [];
  for await (const info of s3.listObjects(path.bucket, path.prefix)) {
    const relative = info.key.slice(path.prefix.length);
    const parts = relative.split("/");
    const name = parts[parts.length - 1]!;
    // Folder markers, empty objects and Hive's hidden files (_SUCCESS, .crc) hold no data.
    if (name === "" || info.size === 0 || parts.some((part) => part.startsWith("_") || part.startsWith("."))) {
      continue;
    }
    if (excluded.some((matches) => matches(relative))) {
      continue;
    }
    objects.push({ key: info.key, size: info.size, folders: parts.slice(0, -1) });
  }

  // Sample at most SampleSize objects per leaf folder, as Glue does when it is set.
  const sampledPerFolder = new Map<string, number>();
  const schemas = new Map<string, ObjectSchema>();
  for (const object of objects) {
    if (settings.cancelled()) {
      return outcome;
    }
    const folder = object.folders.join("/");
    const sampled = sampledPerFolder.get(folder) ?? 0;
    if (target.SampleSize !== undefined && sampled >= target.SampleSize) {
      continue;
    }
    sampledPerFolder.set(folder, sampled + 1);
    const schema = await classifyObject(s3, path.bucket, object.key, dependencies.parquet);
    if (schema === undefined) {
      settings.log(`glue crawler ${settings.crawlerName}: no classifier recognised s3://${path.bucket}/${object.key}`);
      continue;
    }
    schemas.set(object.key, schema);
  }

  // The lines AWS's crawler logs at this point of a crawl, as published crawler logs show them.
  settings.crawlLog("BENCHMARK", `Classification complete, writing results to database ${settings.databaseName}`);
  settings.crawlLog("INFO", `Crawler configured with SchemaChangePolicy ${JSON.stringify({ UpdateBehavior: settings.updateBehavior, DeleteBehavior: settings.deleteBehavior })}.`);
  const folderName = path.prefix === "" ? path.bucket : path.prefix.split("/").filter((part) => part !== "").pop()!;
  const planned = planTables({ prefix: path.prefix, name: folderName, objects }, schemas, settings.grouping);
  const names = uniqueTableNames(path.bucket, planned, settings.tablePrefix);
  for (const [index, table] of planned.entries()) {
    const result = catalogFolder(path.bucket, table, names[index]!, schemas, settings, catalog);
    outcome.tablesCreated += result.tablesCreated;
    outcome.tablesUpdated += result.tablesUpdated;
    outcome.tablesDeleted += result.tablesDeleted;
    outcome.partitionsAdded += result.partitionsAdded;
  }
  return outcome;
}

function majorityClassification(schemas: readonly ObjectSchema[]): Classification | undefined {
  const counts = new Map<Classification, number>();
  for (const schema of schemas) {
    counts.set(schema.classification, (counts.get(schema.classification) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Creates or updates the table for one planned folder and registers its partitions. */
function catalogFolder(
  bucket: string,
  planned: PlannedTable,
  tableName: string,
  allSchemas: ReadonlyMap<string, ObjectSchema>,
  settings: CrawlSettings,
  catalog: CrawlerCatalog,
): CrawlOutcome {
  const outcome: CrawlOutcome = { tablesCreated: 0, tablesUpdated: 0, tablesDeleted: 0, partitionsAdded: 0 };
  const objects = planned.objects;
  const existing = catalog.findTable(settings.databaseName, tableName);
  const location = tableLocation(bucket, planned);
  const schemas = objects.flatMap((object) => {
    const schema = allSchemas.get(object.key);
    return schema === undefined ? [] : [{ schema, object }];
  });

  if (schemas.length === 0) {
    if (existing !== undefined && objects.length === 0) {
      if (settings.deleteBehavior === "DELETE_FROM_DATABASE") {
        catalog.deleteTable(settings.databaseName, tableName);
        outcome.tablesDeleted += 1;
      } else if (settings.deleteBehavior === "DEPRECATE_IN_DATABASE") {
        catalog.updateTable(settings.databaseName, { ...tableInputOf(existing), Parameters: { ...existing.Parameters, DEPRECATED_BY_CRAWLER: settings.crawlerName } });
        outcome.tablesUpdated += 1;
      }
    }
    return outcome;
  }

  // The classification most objects have; objects of another format are left out of this table.
  const classification = majorityClassification(schemas.map(({ schema }) => schema))!;
  const chosen = schemas.filter(({ schema }) => schema.classification === classification);
  const first = chosen[0]!.schema;
  let columns = new Map<string, GlueType>();
  let recordCount = 0;
  for (const { schema } of chosen) {
    columns = mergeFields(columns, schema.columns);
    recordCount += schema.recordCount;
  }
  const compression = chosen.some(({ schema }) => schema.compression === "gzip") ? "gzip" : "none";
  const depth = Math.min(...chosen.map(({ object }) => object.folders.length));
  const partitionObjects = objects.filter((object) => object.folders.length >= depth);
  const partitionKeys: Column[] = partitionKeyNames(partitionObjects, depth).map((name) => ({ Name: name, Type: "string" }));
  // A partition key never doubles as a column.
  for (const key of partitionKeys) {
    columns.delete(key.Name!);
  }
  const totalSize = objects.reduce((sum, object) => sum + object.size, 0);

  const parameters: Record<string, string> = {
    classification,
    compressionType: compression,
    typeOfData: "file",
    objectCount: String(objects.length),
    recordCount: String(recordCount),
    sizeKey: String(totalSize),
    averageRecordSize: String(recordCount === 0 ? 0 : Math.round(totalSize / recordCount)),
    CrawlerSchemaDeserializerVersion: "1.0",
    CrawlerSchemaSerializerVersion: "1.0",
    UPDATED_BY_CRAWLER: settings.crawlerName,
    ...(first.csv === undefined
      ? {}
      : {
          delimiter: first.csv.delimiter,
          columnsOrdered: "true",
          areColumnsQuoted: String(first.csv.quoted),
          ...(first.csv.hasHeader ? { "skip.header.line.count": "1" } : {}),
        }),
  };

  const columnList: Column[] = existing === undefined ? [...columns].map(([name, type]) => ({ Name: name, Type: typeString(type) })) : mergeColumns(existing.StorageDescriptor?.Columns ?? [], columns);
  const storageDescriptor = (at: string, columnsOf: Column[]): StorageDescriptor => ({
    Columns: columnsOf,
    Location: at,
    InputFormat: FORMATS[classification].input,
    OutputFormat: FORMATS[classification].output,
    Compressed: compression === "gzip",
    NumberOfBuckets: -1,
    SerdeInfo: serdeInfo(first, columnsOf.map((column) => column.Name!)),
    BucketColumns: [],
    SortColumns: [],
    Parameters: parameters,
    StoredAsSubDirectories: false,
  });

  let table: Table;
  if (existing === undefined) {
    catalog.createTable(settings.databaseName, {
      Name: tableName,
      Owner: "owner",
      Retention: 0,
      TableType: "EXTERNAL_TABLE",
      StorageDescriptor: storageDescriptor(location, columnList),
      PartitionKeys: partitionKeys,
      Parameters: parameters,
    });
    outcome.tablesCreated += 1;
    settings.crawlLog("INFO", `Created table ${tableName} in database ${settings.databaseName}`);
    table = catalog.getTable(settings.databaseName, tableName);
  } else if (settings.updateBehavior === "UPDATE_IN_DATABASE") {
    const keys = (existing.PartitionKeys ?? []).length === partitionKeys.length ? (existing.PartitionKeys ?? []) : partitionKeys;
    const keyNames = new Set(keys.map((key) => key.Name!.toLowerCase()));
    const kept = columnList.filter((column) => !keyNames.has(column.Name!.toLowerCase()));
    catalog.updateTable(settings.databaseName, {
      ...tableInputOf(existing),
      StorageDescriptor: storageDescriptor(existing.StorageDescriptor?.Location ?? location, kept),
      PartitionKeys: keys,
      Parameters: { ...existing.Parameters, ...parameters },
    });
    outcome.tablesUpdated += 1;
    table = catalog.getTable(settings.databaseName, tableName);
  } else {
    settings.log(`glue crawler ${settings.crawlerName}: UpdateBehavior LOG leaves table ${tableName} unchanged`);
    table = existing;
  }

  const tableKeys = table.PartitionKeys ?? [];
  if (tableKeys.length > 0 && tableKeys.length === depth) {
    const folders = new Map<string, readonly string[]>();
    for (const object of partitionObjects) {
      const path = object.folders.slice(0, depth);
      folders.set(path.join("/"), path);
    }
    const tableColumns = table.StorageDescriptor?.Columns ?? [];
    const partitions: PartitionInput[] = [...folders].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([folder, names]) => ({
      Values: names.map(partitionValue),
      StorageDescriptor: storageDescriptor(`${location}${folder}/`, tableColumns),
      Parameters: parameters,
    }));
    outcome.partitionsAdded += catalog.addPartitions(settings.databaseName, tableName, partitions);
    if (settings.deleteBehavior === "DELETE_FROM_DATABASE") {
      const present = new Set(partitions.map((partition) => JSON.stringify(partition.Values)));
      const gone = catalog
        .getPartitions(settings.databaseName, tableName)
        .map((partition) => partition.Values ?? [])
        .filter((values) => !present.has(JSON.stringify(values)));
      catalog.deletePartitions(settings.databaseName, tableName, gone);
    }
  }
  return outcome;
}

/** A table's own definition as the TableInput that would recreate it. */
export function tableInputOf(table: Table): TableInput {
  return {
    Name: table.Name,
    ...(table.Description === undefined ? {} : { Description: table.Description }),
    ...(table.Owner === undefined ? {} : { Owner: table.Owner }),
    ...(table.Retention === undefined ? {} : { Retention: table.Retention }),
    ...(table.StorageDescriptor === undefined ? {} : { StorageDescriptor: table.StorageDescriptor }),
    PartitionKeys: table.PartitionKeys ?? [],
    ...(table.TableType === undefined ? {} : { TableType: table.TableType }),
    Parameters: table.Parameters ?? {},
  };
}
