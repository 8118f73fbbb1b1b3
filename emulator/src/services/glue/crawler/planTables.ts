import type { Classification, ObjectSchema } from "./classifyObject";
import type { CrawlerGrouping } from "./crawlerGrouping";

export interface DataObject {
  readonly key: string;
  readonly size: number;
  /** Folder names between the table's folder and the object. */
  readonly folders: readonly string[];
}

export interface PlannedTable {
  /** The table's folder, relative to the bucket, ending in `/` (or empty: the bucket). */
  readonly prefix: string;
  /** What the table is named after: its folder's name, or its file's name for a table of one file. */
  readonly name: string;
  /** Objects below it, folders relative to `prefix`. */
  readonly objects: readonly DataObject[];
  /** The object's key, for a table of one file: its location is then the file itself. */
  readonly file?: string;
}

/** What two siblings must share to be one table: Glue's "data compatibility" and "schema similarity". */
interface Shape {
  readonly classification: Classification;
  readonly compression: ObjectSchema["compression"];
  /** Folders between the sibling and its shallowest classified object: "the structure of the Amazon S3 path". */
  readonly depth: number;
  readonly columns: ReadonlySet<string>;
}

/**
 * Schemas are similar when the partition threshold is higher than 0.7 and there are at most five different
 * schemas ("clusters"): https://repost.aws/knowledge-center/glue-crawler-detect-schema. How Glue measures the
 * similarity of two schemas is not documented; the emulator uses the column names both have over the names
 * either has.
 */
const SIMILARITY_THRESHOLD = 0.7;
const MAX_CLUSTERS = 5;

function similarity(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  const union = new Set([...left, ...right]);
  const shared = [...left].filter((name) => right.has(name)).length;
  return union.size === 0 ? 1 : shared / union.size;
}

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) {
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The shape of some objects taken together; undefined when no classifier recognised any of them. */
function shapeOf(objects: readonly DataObject[], schemas: ReadonlyMap<string, ObjectSchema>): Shape | undefined {
  const classified = objects.flatMap((object) => {
    const schema = schemas.get(object.key);
    return schema === undefined ? [] : [{ object, schema }];
  });
  if (classified.length === 0) {
    return undefined;
  }
  return {
    classification: mostCommon(classified.map(({ schema }) => schema.classification))!,
    compression: mostCommon(classified.map(({ schema }) => schema.compression))!,
    depth: Math.min(...classified.map(({ object }) => object.folders.length)),
    columns: new Set(classified.flatMap(({ schema }) => [...schema.columns.keys()])),
  };
}

/**
 * Whether siblings (the folders or the files of one folder) make one table. They must be compatible: same
 * format, compression and folder structure, which Glue always requires; then, unless the crawler combines
 * compatible schemas, "the majority of schemas at a folder level" must be similar: more than 70% of the
 * siblings in one cluster of similar schemas, and at most five clusters.
 * https://docs.aws.amazon.com/glue/latest/dg/crawler-grouping-policy.html,
 * https://docs.aws.amazon.com/glue/latest/dg/crawler-s3-folder-table-partition.html
 */
function oneTable(siblings: readonly (Shape | undefined)[], grouping: CrawlerGrouping): boolean {
  // Siblings no classifier recognised have no schema to compare: they neither split nor join a table.
  const shapes = siblings.filter((shape): shape is Shape => shape !== undefined);
  const [first] = shapes;
  if (first === undefined || shapes.length === 1) {
    return true;
  }
  const compatible = shapes.every((shape) => shape.classification === first.classification && shape.compression === first.compression && shape.depth === first.depth);
  if (!compatible) {
    return false;
  }
  if (grouping.combineCompatibleSchemas) {
    return true;
  }
  const clusters: { columns: Set<string>; size: number }[] = [];
  for (const shape of shapes) {
    const cluster = clusters.find((candidate) => similarity(candidate.columns, shape.columns) > SIMILARITY_THRESHOLD);
    if (cluster === undefined) {
      clusters.push({ columns: new Set(shape.columns), size: 1 });
    } else {
      shape.columns.forEach((name) => cluster.columns.add(name));
      cluster.size += 1;
    }
  }
  const largest = Math.max(...clusters.map((cluster) => cluster.size));
  return clusters.length <= MAX_CLUSTERS && largest / shapes.length > SIMILARITY_THRESHOLD;
}

type FolderPlan = { readonly whole: true; readonly shape: Shape | undefined } | { readonly whole: false; readonly tables: PlannedTable[] };

function fileName(key: string): string {
  return key.slice(key.lastIndexOf("/") + 1);
}

/**
 * Decides bottom-up whether a folder is one table. A folder of files is one table when its files are alike,
 * else one table per file named after the file, as the legislators data set becomes `persons_json`,
 * `memberships_json`... (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-python-samples-legislators.html).
 * A folder of folders is one table when every subfolder is one table and they are alike (they become its
 * partitions), else each subfolder's tables stand alone, named after the subfolder, as `year_2017` and
 * `year_2018` (https://docs.aws.amazon.com/glue/latest/dg/crawler-grouping-policy.html).
 */
function planFolder(folder: PlannedTable, schemas: ReadonlyMap<string, ObjectSchema>, grouping: CrawlerGrouping): FolderPlan {
  const files = folder.objects.filter((object) => object.folders.length === 0);
  const subfolders = new Map<string, DataObject[]>();
  for (const object of folder.objects) {
    if (object.folders.length > 0) {
      const below = subfolders.get(object.folders[0]!) ?? [];
      below.push({ ...object, folders: object.folders.slice(1) });
      subfolders.set(object.folders[0]!, below);
    }
  }
  if (subfolders.size === 0) {
    const shapes = files.map((file) => ({ file, shape: shapeOf([file], schemas) }));
    if (oneTable(shapes.map(({ shape }) => shape), grouping)) {
      return { whole: true, shape: shapeOf(files, schemas) };
    }
    return {
      whole: false,
      tables: shapes.filter(({ shape }) => shape !== undefined).map(({ file }) => ({ prefix: folder.prefix, name: fileName(file.key), objects: [file], file: file.key })),
    };
  }
  if (files.length > 0) {
    // Files beside folders: Glue documents that this makes several tables, not which; the emulator keeps one.
    return { whole: true, shape: shapeOf(folder.objects, schemas) };
  }
  const children = [...subfolders].map(([name, objects]) => {
    const child: PlannedTable = { prefix: `${folder.prefix}${name}/`, name, objects };
    return { child, plan: planFolder(child, schemas, grouping) };
  });
  const wholeChildren = children.flatMap(({ plan }) => (plan.whole ? [plan.shape] : []));
  if (wholeChildren.length === children.length && oneTable(wholeChildren, grouping)) {
    return { whole: true, shape: shapeOf(folder.objects, schemas) };
  }
  return { whole: false, tables: children.flatMap(({ child, plan }) => (plan.whole ? [child] : plan.tables)) };
}

/**
 * Tables at an absolute level, the bucket being level 1: each folder at that level is one table, whatever its
 * schemas, with the folders below as partitions. Objects above that level belong to no table. A level at or
 * above the include path makes the include path the table.
 * https://docs.aws.amazon.com/glue/latest/dg/crawler-table-level.html
 */
function tablesAtLevel(target: PlannedTable, level: number): PlannedTable[] {
  const below = level - 1 - target.prefix.split("/").filter((part) => part !== "").length;
  if (below <= 0) {
    return [target];
  }
  const tables = new Map<string, { name: string; objects: DataObject[] }>();
  for (const object of target.objects) {
    if (object.folders.length >= below) {
      const folders = object.folders.slice(0, below);
      const table = tables.get(folders.join("/")) ?? { name: folders[below - 1]!, objects: [] };
      table.objects.push({ ...object, folders: object.folders.slice(below) });
      tables.set(folders.join("/"), table);
    }
  }
  return [...tables].map(([folders, { name, objects }]) => ({ prefix: `${target.prefix}${folders}/`, name, objects }));
}

/** The tables one S3 target makes, as Glue's crawler groups its objects. */
export function planTables(target: PlannedTable, schemas: ReadonlyMap<string, ObjectSchema>, grouping: CrawlerGrouping): PlannedTable[] {
  if (grouping.tableLevel !== undefined) {
    return tablesAtLevel(target, grouping.tableLevel);
  }
  const plan = planFolder(target, schemas, grouping);
  return plan.whole ? [target] : plan.tables;
}
