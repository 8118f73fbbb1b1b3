import { join } from "node:path";
import type { Database, DatabaseInput, Partition, PartitionError, PartitionInput, Table, TableInput } from "@aws-sdk/client-glue";
import { getByName, setByName } from "./byName";
import { alreadyExists, databaseNotFound, invalidInput, tableNotFound } from "./glueErrors";
import type { GlueCatalog } from "./GlueCatalog";
import { PersistedJson } from "./persistedJson";

/**
 * The table a TableInput names. CreateTable's and UpdateTable's schemas require the Name; in-process callers
 * (Athena's DDL, the crawler) come without the JSON door, and one without a Name is refused alike.
 */
function tableNameOf(input: TableInput): string {
  if (input.Name === undefined) {
    throw invalidInput("TableInput.Name is required.");
  }
  return input.Name;
}

interface StoredTable {
  table: Table;
  /** By partitionKey(values). */
  partitions: Record<string, Partition>;
}

interface StoredDatabase {
  database: Database;
  tables: Record<string, StoredTable>;
}

interface CatalogState {
  databases: Record<string, StoredDatabase>;
}

const STATE_FILE = "catalog.json";

function partitionKey(values: readonly string[]): string {
  return JSON.stringify(values);
}

/** Glue keeps database and table names in lower case (as Hive does): `MyTable` is found as `mytable`. */
export function catalogName(name: string): string {
  return name.toLowerCase();
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

/**
 * The Data Catalog: databases, their tables and the tables' partitions, in the SDK's shapes, saved as one JSON
 * file after every change and read back at start.
 */
export class CatalogStore implements GlueCatalog {
  private constructor(
    private readonly persisted: PersistedJson<CatalogState>,
    private readonly now: () => number,
    readonly catalogId: string,
  ) {}

  static async open(directory: string, now: () => number, catalogId: string): Promise<CatalogStore> {
    const persisted = await PersistedJson.open<CatalogState>(join(directory, STATE_FILE), () => ({ databases: {} }));
    return new CatalogStore(persisted, now, catalogId);
  }

  /** Changed in place by each operation, then saved; a failed save puts it back. */
  private get state(): CatalogState {
    return this.persisted.value;
  }

  private save(): void {
    this.persisted.save();
  }

  private storedDatabase(name: string): StoredDatabase {
    const stored = getByName(this.state.databases, catalogName(name));
    if (stored === undefined) {
      throw databaseNotFound(name);
    }
    return stored;
  }

  private storedTable(databaseName: string, tableName: string): StoredTable {
    const stored = getByName(this.storedDatabase(databaseName).tables, catalogName(tableName));
    if (stored === undefined) {
      throw tableNotFound(tableName);
    }
    return stored;
  }

  getDatabase(name: string): Database {
    return copy(this.storedDatabase(name).database);
  }

  listDatabases(): readonly Database[] {
    return Object.keys(this.state.databases)
      .sort()
      .map((name) => copy(this.state.databases[name]!.database));
  }

  createDatabase(name: string, options: { description?: string; locationUri?: string } = {}): Database {
    return this.createDatabaseFromInput({
      Name: name,
      ...(options.description === undefined ? {} : { Description: options.description }),
      ...(options.locationUri === undefined ? {} : { LocationUri: options.locationUri }),
    });
  }

  createDatabaseFromInput(input: DatabaseInput & { readonly Name: string }): Database {
    const name = catalogName(input.Name);
    if (getByName(this.state.databases, name) !== undefined) {
      throw alreadyExists("Database");
    }
    const database: Database = {
      Name: name,
      ...(input.Description === undefined ? {} : { Description: input.Description }),
      ...(input.LocationUri === undefined ? {} : { LocationUri: input.LocationUri }),
      Parameters: input.Parameters ?? {},
      CreateTime: new Date(this.now()),
      CreateTableDefaultPermissions: [{ Principal: { DataLakePrincipalIdentifier: "IAM_ALLOWED_PRINCIPALS" }, Permissions: ["ALL"] }],
      CatalogId: this.catalogId,
    };
    setByName(this.state.databases, name, { database, tables: {} });
    this.save();
    return copy(database);
  }

  /** Deletes the database with its tables and partitions, as Glue does. */
  deleteDatabase(name: string): void {
    this.storedDatabase(name);
    delete this.state.databases[catalogName(name)];
    this.save();
  }

  getTable(databaseName: string, tableName: string): Table {
    return copy(this.storedTable(databaseName, tableName).table);
  }

  findTable(databaseName: string, tableName: string): Table | undefined {
    const stored = getByName(this.storedDatabase(databaseName).tables, catalogName(tableName));
    return stored === undefined ? undefined : copy(stored.table);
  }

  listTables(databaseName: string): readonly Table[] {
    const tables = this.storedDatabase(databaseName).tables;
    return Object.keys(tables)
      .sort()
      .map((name) => copy(tables[name]!.table));
  }

  private tableFromInput(databaseName: string, input: TableInput, previous: Table | undefined): Table {
    const now = new Date(this.now());
    return {
      Name: catalogName(tableNameOf(input)),
      DatabaseName: catalogName(databaseName),
      ...(input.Description === undefined ? {} : { Description: input.Description }),
      ...(input.Owner === undefined ? {} : { Owner: input.Owner }),
      CreateTime: previous?.CreateTime ?? now,
      UpdateTime: now,
      ...(input.LastAccessTime === undefined ? {} : { LastAccessTime: input.LastAccessTime }),
      ...(input.LastAnalyzedTime === undefined ? {} : { LastAnalyzedTime: input.LastAnalyzedTime }),
      Retention: input.Retention ?? 0,
      ...(input.StorageDescriptor === undefined ? {} : { StorageDescriptor: input.StorageDescriptor }),
      PartitionKeys: input.PartitionKeys ?? [],
      ...(input.ViewOriginalText === undefined ? {} : { ViewOriginalText: input.ViewOriginalText }),
      ...(input.ViewExpandedText === undefined ? {} : { ViewExpandedText: input.ViewExpandedText }),
      ...(input.TableType === undefined ? {} : { TableType: input.TableType }),
      Parameters: input.Parameters ?? {},
      ...(input.TargetTable === undefined ? {} : { TargetTable: input.TargetTable }),
      CreatedBy: previous?.CreatedBy ?? `arn:aws:iam::${this.catalogId}:user/emulator`,
      IsRegisteredWithLakeFormation: false,
      CatalogId: this.catalogId,
      VersionId: previous === undefined ? "0" : String(Number(previous.VersionId ?? "0") + 1),
    };
  }

  createTable(databaseName: string, input: TableInput): Table {
    const database = this.storedDatabase(databaseName);
    const name = catalogName(tableNameOf(input));
    if (getByName(database.tables, name) !== undefined) {
      throw alreadyExists("Table");
    }
    checkColumnNames(input);
    const table = this.tableFromInput(databaseName, input, undefined);
    setByName(database.tables, name, { table, partitions: {} });
    this.save();
    return copy(table);
  }

  /** Replaces the table's definition; its partitions stay (Glue keeps them unless the keys change). */
  updateTable(databaseName: string, input: TableInput): Table {
    const stored = this.storedTable(databaseName, tableNameOf(input));
    checkColumnNames(input);
    stored.table = this.tableFromInput(databaseName, input, stored.table);
    this.save();
    return copy(stored.table);
  }

  deleteTable(databaseName: string, tableName: string): void {
    this.storedTable(databaseName, tableName);
    delete this.storedDatabase(databaseName).tables[catalogName(tableName)];
    this.save();
  }

  getPartitions(databaseName: string, tableName: string): readonly Partition[] {
    return Object.values(this.storedTable(databaseName, tableName).partitions).map(copy);
  }

  addPartitions(databaseName: string, tableName: string, partitions: readonly PartitionInput[]): number {
    const stored = this.storedTable(databaseName, tableName);
    let added = 0;
    for (const input of partitions) {
      const key = partitionKey(input.Values ?? []);
      if (stored.partitions[key] === undefined) {
        stored.partitions[key] = this.partitionFromInput(stored.table, input);
        added += 1;
      }
    }
    if (added > 0) {
      this.save();
    }
    return added;
  }

  /**
   * BatchCreatePartition: adds each partition it can and reports each one it cannot (AlreadyExistsException,
   * InvalidInputException for a wrong number of values), saving once for the batch.
   */
  createPartitions(databaseName: string, tableName: string, inputs: readonly PartitionInput[]): PartitionError[] {
    const stored = this.storedTable(databaseName, tableName);
    const keyCount = (stored.table.PartitionKeys ?? []).length;
    const errors: PartitionError[] = [];
    let added = 0;
    for (const input of inputs) {
      const values = input.Values ?? [];
      const key = partitionKey(values);
      const error =
        values.length !== keyCount
          ? invalidInput("The number of partition keys do not match the number of partition values")
          : stored.partitions[key] !== undefined
            ? alreadyExists("Partition")
            : undefined;
      if (error !== undefined) {
        errors.push({ PartitionValues: values, ErrorDetail: { ErrorCode: error.code, ErrorMessage: error.message } });
        continue;
      }
      stored.partitions[key] = this.partitionFromInput(stored.table, input);
      added += 1;
    }
    if (added > 0) {
      this.save();
    }
    return errors;
  }

  /** Removes the partitions with these values; missing ones are ignored. Returns how many went. */
  deletePartitions(databaseName: string, tableName: string, valuesList: readonly (readonly string[])[]): number {
    const stored = this.storedTable(databaseName, tableName);
    let deleted = 0;
    for (const values of valuesList) {
      const key = partitionKey(values);
      if (stored.partitions[key] !== undefined) {
        delete stored.partitions[key];
        deleted += 1;
      }
    }
    if (deleted > 0) {
      this.save();
    }
    return deleted;
  }

  private partitionFromInput(table: Table, input: PartitionInput): Partition {
    return {
      Values: input.Values ?? [],
      DatabaseName: table.DatabaseName!,
      TableName: table.Name!,
      CreationTime: new Date(this.now()),
      ...(input.LastAccessTime === undefined ? {} : { LastAccessTime: input.LastAccessTime }),
      ...(input.LastAnalyzedTime === undefined ? {} : { LastAnalyzedTime: input.LastAnalyzedTime }),
      ...(input.StorageDescriptor === undefined ? {} : { StorageDescriptor: input.StorageDescriptor }),
      Parameters: input.Parameters ?? {},
      CatalogId: this.catalogId,
    };
  }
}

/** Glue refuses a column named twice, counting partition keys (names compare case-insensitively). */
function checkColumnNames(input: TableInput): void {
  const seen = new Set<string>();
  for (const column of [...(input.StorageDescriptor?.Columns ?? []), ...(input.PartitionKeys ?? [])]) {
    const name = column.Name!.toLowerCase();
    if (seen.has(name)) {
      throw invalidInput(`Duplicate column name: ${column.Name}`);
    }
    seen.add(name);
  }
}
