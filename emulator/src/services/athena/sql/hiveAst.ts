/**
 * Athena's DDL statements (HiveQL, with backtick-quoted identifiers), as parsed by Hive's grammar (parseHive.ts).
 * Names are lower-cased as Glue stores them.
 */

export interface HiveName {
  /** Undefined: the query's database (QueryExecutionContext.Database). */
  readonly database?: string;
  readonly name: string;
}

export interface HiveColumn {
  readonly name: string;
  /** The Hive type as written, white space removed: `array<struct<a:int>>`, `decimal(10,2)`. */
  readonly type: string;
  readonly comment?: string;
}

export type RowFormat =
  | { readonly kind: "serde"; readonly serde: string; readonly properties: Readonly<Record<string, string>> }
  | {
      readonly kind: "delimited";
      readonly fields?: string;
      readonly escapedBy?: string;
      readonly collectionItems?: string;
      readonly mapKeys?: string;
      readonly lines?: string;
      readonly nullDefinedAs?: string;
    };

export type StoredAs = { readonly kind: "format"; readonly format: string } | { readonly kind: "inputOutput"; readonly inputFormat: string; readonly outputFormat: string };

export type PartitionSpec = readonly (readonly [string, string])[];

export type HiveStatement =
  | {
      readonly kind: "createTable";
      readonly external: boolean;
      readonly ifNotExists: boolean;
      readonly table: HiveName;
      readonly columns: readonly HiveColumn[];
      readonly comment?: string;
      readonly partitionedBy: readonly HiveColumn[];
      readonly bucketedBy?: { readonly columns: readonly string[]; readonly count: number };
      readonly rowFormat?: RowFormat;
      readonly storedAs?: StoredAs;
      readonly location?: string;
      readonly properties: Readonly<Record<string, string>>;
    }
  | { readonly kind: "dropTable"; readonly ifExists: boolean; readonly table: HiveName }
  | { readonly kind: "createDatabase"; readonly ifNotExists: boolean; readonly database: string; readonly comment?: string; readonly location?: string; readonly properties: Readonly<Record<string, string>> }
  | { readonly kind: "dropDatabase"; readonly ifExists: boolean; readonly database: string; readonly cascade: boolean }
  | { readonly kind: "addPartitions"; readonly table: HiveName; readonly ifNotExists: boolean; readonly partitions: readonly { readonly spec: PartitionSpec; readonly location?: string }[] }
  | { readonly kind: "dropPartitions"; readonly table: HiveName; readonly ifExists: boolean; readonly partitions: readonly PartitionSpec[] }
  | { readonly kind: "setLocation"; readonly table: HiveName; readonly partition?: PartitionSpec; readonly location: string }
  | { readonly kind: "setTableProperties"; readonly table: HiveName; readonly properties: Readonly<Record<string, string>> }
  | { readonly kind: "addColumns"; readonly table: HiveName; readonly replace: boolean; readonly columns: readonly HiveColumn[] }
  | { readonly kind: "changeColumn"; readonly table: HiveName; readonly from: string; readonly column: HiveColumn }
  | { readonly kind: "renamePartition"; readonly table: HiveName; readonly from: PartitionSpec; readonly to: PartitionSpec }
  | { readonly kind: "msckRepair"; readonly table: HiveName }
  | { readonly kind: "showTables"; readonly database?: string; readonly pattern?: string }
  | { readonly kind: "showDatabases"; readonly pattern?: string }
  | { readonly kind: "showViews"; readonly database?: string; readonly pattern?: string }
  | { readonly kind: "showColumns"; readonly table: HiveName }
  | { readonly kind: "showPartitions"; readonly table: HiveName }
  | { readonly kind: "showTableProperties"; readonly table: HiveName; readonly property?: string }
  | { readonly kind: "showCreateTable"; readonly table: HiveName }
  | { readonly kind: "describe"; readonly table: HiveName; readonly mode?: "FORMATTED" | "EXTENDED"; readonly column?: string }
  /** A statement of Hive's grammar Athena does not run (ALTER TABLE ... SET SERDEPROPERTIES, RENAME TO, ...). */
  | { readonly kind: "unsupportedDdl"; readonly description: string };

/** The statement of one kind: `HiveStatementOf<"dropTable">`. */
export type HiveStatementOf<K extends HiveStatement["kind"]> = Extract<HiveStatement, { readonly kind: K }>;
