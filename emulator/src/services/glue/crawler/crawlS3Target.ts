import type { Column, PartitionInput, S3Target, StorageDescriptor, Table, TableInput } from "@aws-sdk/client-glue";
import type { S3Objects } from "../../s3/S3Objects";
import type { CatalogStore } from "../CatalogStore";
import { classifyObject, type Classification, type ObjectSchema } from "./classifyObject";
import { globMatcher } from "./globMatcher";
import { mergeFields, parseTypeString, typeString, type GlueType } from "./GlueType";
import type { ParquetSchemaReader } from "./parquetColumns";

export interface CrawlSettings {
  readonly crawlerName: string;
  readonly databaseName: string;
  readonly tablePrefix: string;
  readonly updateBehavior: "LOG" | "UPDATE_IN_DATABASE";
  readonly deleteBehavior: "LOG" | "DELETE_FROM_DATABASE" | "DEPRECATE_IN_DATABASE";
  /** Checked between objects: a StopCrawler ends the crawl early. */
  readonly cancelled: () => boolean;
  readonly log: (message: string) => void;
}

export interface CrawlOutcome {
  tablesCreated: number;
  tablesUpdated: number;
  tablesDeleted: number;
  partitionsAdded: number;
}

/** Glue's table name for a folder: lower case, anything but letters, digits and `_` as `_`. */
export function glueTableName(prefix: string, folderName: string): string {
  return `${prefix}${folderName}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
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

interface DataObject {
  readonly key: string;
  readonly size: number;
  /** Folder names between the target and the object. */
  readonly folders: readonly string[];
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
 * Crawls one S3 target as a Glue crawler does: reads the objects below `s3://bucket/prefix/`, classifies and
 * merges their schemas, and makes (or updates) one table named after the folder, with the folders below it as
 * partition keys and each partition folder registered.
 */
export async function crawlS3Target(
  target: S3Target,
  settings: CrawlSettings,
  dependencies: { s3: S3Objects; catalog: CatalogStore; parquet: ParquetSchemaReader },
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

  const folderName = path.prefix === "" ? path.bucket : path.prefix.split("/").filter((part) => part !== "").pop()!;
  for (const planned of planTables({ prefix: path.prefix, folderName, objects }, schemas)) {
    const result = catalogFolder(path.bucket, planned, schemas, settings, catalog);
    outcome.tablesCreated += result.tablesCreated;
    outcome.tablesUpdated += result.tablesUpdated;
    outcome.tablesDeleted += result.tablesDeleted;
    outcome.partitionsAdded += result.partitionsAdded;
  }
  return outcome;
}

interface PlannedTable {
  /** The table's folder, relative to the bucket, ending in `/` (or empty: the bucket). */
  readonly prefix: string;
  readonly folderName: string;
  /** Objects below it, folders relative to `prefix`. */
  readonly objects: readonly DataObject[];
}

function majorityClassification(schemas: readonly ObjectSchema[]): Classification | undefined {
  const counts = new Map<Classification, number>();
  for (const schema of schemas) {
    counts.set(schema.classification, (counts.get(schema.classification) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Column names shared over column names seen (Jaccard): Glue keeps folders in one table when their schemas are similar. */
const SIMILARITY_THRESHOLD = 0.7;

function similarity(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  const union = new Set([...left, ...right]);
  const shared = [...left].filter((name) => right.has(name)).length;
  return union.size === 0 ? 1 : shared / union.size;
}

/**
 * One table for the target, as Glue makes when the folders below it hold data of one shape; when the
 * top-level folders differ (another format, depth or a dissimilar schema, e.g. Firehose's error output
 * beside the data), one table per folder instead, named after the folder, as Glue does.
 */
function planTables(table: PlannedTable, schemas: ReadonlyMap<string, ObjectSchema>): PlannedTable[] {
  const groups = new Map<string, DataObject[]>();
  for (const object of table.objects) {
    if (object.folders.length === 0) {
      return [table];
    }
    const group = groups.get(object.folders[0]!) ?? [];
    group.push(object);
    groups.set(object.folders[0]!, group);
  }
  if (groups.size < 2) {
    return [table];
  }
  const shapes = [...groups.values()].map((objects) => {
    const classified = objects.flatMap((object) => {
      const schema = schemas.get(object.key);
      return schema === undefined ? [] : [schema];
    });
    return {
      classification: majorityClassification(classified),
      depth: Math.min(...objects.map((object) => object.folders.length)),
      columns: new Set(classified.flatMap((schema) => [...schema.columns.keys()])),
    };
  });
  const first = shapes[0]!;
  const alike = shapes.every(
    (shape) => shape.classification === first.classification && shape.depth === first.depth && shapes.every((other) => similarity(shape.columns, other.columns) >= SIMILARITY_THRESHOLD),
  );
  if (alike) {
    return [table];
  }
  return [...groups].flatMap(([folder, objects]) =>
    planTables({ prefix: `${table.prefix}${folder}/`, folderName: folder, objects: objects.map((object) => ({ ...object, folders: object.folders.slice(1) })) }, schemas),
  );
}

/** Creates or updates the table for one planned folder and registers its partitions. */
function catalogFolder(bucket: string, planned: PlannedTable, allSchemas: ReadonlyMap<string, ObjectSchema>, settings: CrawlSettings, catalog: CatalogStore): CrawlOutcome {
  const outcome: CrawlOutcome = { tablesCreated: 0, tablesUpdated: 0, tablesDeleted: 0, partitionsAdded: 0 };
  const objects = planned.objects;
  const tableName = glueTableName(settings.tablePrefix, planned.folderName);
  const existing = catalog.findTable(settings.databaseName, tableName);
  const location = `s3://${bucket}/${planned.prefix}`;
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
