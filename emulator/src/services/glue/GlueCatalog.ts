import type { Database, Partition, PartitionInput, Table, TableInput } from "@aws-sdk/client-glue";

/**
 * The Glue Data Catalog's in-process face for other services (Athena reads and writes tables through it,
 * not through our own HTTP). Shapes are the SDK's own; errors are AwsErrors as Glue answers them
 * (EntityNotFoundException, AlreadyExistsException, InvalidInputException).
 */
export interface GlueCatalog {
  getDatabase(name: string): Database;
  listDatabases(): readonly Database[];
  createDatabase(name: string, options?: { description?: string; locationUri?: string }): Database;
  deleteDatabase(name: string): void;
  getTable(databaseName: string, tableName: string): Table;
  /** Undefined when there is no such table (the database must exist). */
  findTable(databaseName: string, tableName: string): Table | undefined;
  listTables(databaseName: string): readonly Table[];
  createTable(databaseName: string, input: TableInput): Table;
  updateTable(databaseName: string, input: TableInput): Table;
  deleteTable(databaseName: string, tableName: string): void;
  getPartitions(databaseName: string, tableName: string): readonly Partition[];
  /** Adds the partitions not yet registered (by values); returns how many were new. */
  addPartitions(databaseName: string, tableName: string, partitions: readonly PartitionInput[]): number;
  /** Removes the partitions with these values; returns how many there were. */
  deletePartitions(databaseName: string, tableName: string, valuesList: readonly (readonly string[])[]): number;
}
