import { boolean, integer, list, map, string, structure, timestamp } from "../../server/shapes";

/** Member shapes shared by Glue operations, as the API reference gives them. */
const SINGLE_LINE = "[\\u0020-\\uD7FF\\uE000-\\uFFFF\\t]*";
export const nameString = string({ min: 1, max: 255, pattern: SINGLE_LINE });
export const catalogId = string({ min: 1, max: 255, pattern: SINGLE_LINE });
export const descriptionString = string({ min: 0, max: 2048, pattern: "[\\u0020-\\uFFFF\\r\\n\\t]*" });
export const uri = string({ min: 1, max: 1024, pattern: SINGLE_LINE });
export const parameters = map(string({ min: 1, max: 255, pattern: SINGLE_LINE }), string({ max: 512000 }));
export const token = string();
export const filterString = string({ min: 0, max: 2048, pattern: SINGLE_LINE });
export const tagsMap = map(string({ min: 1, max: 128 }), string({ min: 0, max: 256 }), { min: 0, max: 50 });

export const column = structure(
  {
    Name: nameString,
    Type: string({ min: 0, max: 131072, pattern: SINGLE_LINE }),
    Comment: string({ min: 0, max: 255, pattern: SINGLE_LINE }),
    Parameters: parameters,
  },
  ["Name"],
);

export const columnList = list(column);

export const storageDescriptor = structure({
  Columns: columnList,
  Location: string({ min: 0, max: 2056, pattern: SINGLE_LINE }),
  AdditionalLocations: list(string()),
  InputFormat: string({ min: 0, max: 128, pattern: SINGLE_LINE }),
  OutputFormat: string({ min: 0, max: 128, pattern: SINGLE_LINE }),
  Compressed: boolean(),
  NumberOfBuckets: integer(),
  SerdeInfo: structure({ Name: nameString, SerializationLibrary: string({ min: 1, max: 255, pattern: SINGLE_LINE }), Parameters: parameters }),
  BucketColumns: list(nameString),
  SortColumns: list(structure({ Column: nameString, SortOrder: integer({ min: 0, max: 1 }) }, ["Column", "SortOrder"])),
  Parameters: parameters,
  SkewedInfo: structure({
    SkewedColumnNames: list(nameString),
    SkewedColumnValues: list(string()),
    SkewedColumnValueLocationMaps: map(string(), string()),
  }),
  StoredAsSubDirectories: boolean(),
});

export const databaseInput = structure(
  {
    Name: nameString,
    Description: descriptionString,
    LocationUri: uri,
    Parameters: parameters,
  },
  ["Name"],
);

export const tableInput = structure(
  {
    Name: nameString,
    Description: descriptionString,
    Owner: nameString,
    LastAccessTime: timestamp(),
    LastAnalyzedTime: timestamp(),
    Retention: integer({ min: 0 }),
    StorageDescriptor: storageDescriptor,
    PartitionKeys: columnList,
    ViewOriginalText: string({ max: 409600 }),
    ViewExpandedText: string({ max: 409600 }),
    TableType: string({ max: 255 }),
    Parameters: parameters,
    TargetTable: structure({ CatalogId: catalogId, DatabaseName: nameString, Name: nameString, Region: string() }),
  },
  ["Name"],
);

export const partitionInput = structure({
  Values: list(string({ max: 1024 })),
  LastAccessTime: timestamp(),
  StorageDescriptor: storageDescriptor,
  Parameters: parameters,
  LastAnalyzedTime: timestamp(),
});

export const s3Target = structure({
  Path: string(),
  Exclusions: list(string()),
  ConnectionName: string(),
  SampleSize: integer({ min: 1, max: 249 }),
  EventQueueArn: string(),
  DlqEventQueueArn: string(),
});

export const crawlerTargets = structure({
  S3Targets: list(s3Target),
});

export const schemaChangePolicy = structure({
  UpdateBehavior: string({ enum: ["LOG", "UPDATE_IN_DATABASE"] }),
  DeleteBehavior: string({ enum: ["LOG", "DELETE_FROM_DATABASE", "DEPRECATE_IN_DATABASE"] }),
});

export const recrawlPolicy = structure({
  RecrawlBehavior: string({ enum: ["CRAWL_EVERYTHING", "CRAWL_NEW_FOLDERS_ONLY", "CRAWL_EVENT_MODE"] }),
});
