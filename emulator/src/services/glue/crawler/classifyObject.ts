import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { S3Objects } from "../../s3/S3Objects";
import { mergeFields, NULL_TYPE, typeOfJsonValue, type GlueType } from "./GlueType";
import { inferCsv } from "./inferCsv";
import type { ParquetSchemaReader } from "./parquetColumns";
import { readJsonLinesLeniently } from "./readJsonLinesLeniently";
import { readJsonValues } from "./readJsonValues";

/** How much of each object's (uncompressed) text the classifiers read, as Glue reads the start of a file. */
export const SAMPLE_BYTES = 1024 * 1024;

export type Classification = "json" | "csv" | "parquet";

export interface ObjectSchema {
  readonly classification: Classification;
  readonly compression: "none" | "gzip";
  /** Top-level columns in the order first seen (JSON and CSV names lower-cased, as Glue writes them). */
  readonly columns: ReadonlyMap<string, GlueType>;
  readonly recordCount: number;
  readonly csv?: { readonly delimiter: string; readonly hasHeader: boolean; readonly quoted: boolean };
}

async function readUpTo(stream: Readable, limit: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total >= limit) {
      truncated = true;
      break;
    }
  }
  const bytes = Buffer.concat(chunks);
  return { bytes: truncated ? bytes.subarray(0, limit) : bytes, truncated };
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function isParquet(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.subarray(0, 4).toString("latin1") === "PAR1";
}

function lowerCaseColumns(columns: Iterable<readonly [string, GlueType]>): Map<string, GlueType> {
  let merged = new Map<string, GlueType>();
  for (const [name, type] of columns) {
    merged = mergeFields(merged, new Map([[name.toLowerCase(), type]]));
  }
  return merged;
}

function classifyText(text: string, truncated: boolean, compression: "none" | "gzip"): ObjectSchema | undefined {
  const first = text.trimStart().charAt(0);
  if (first === "{") {
    const strict = readJsonValues(text, truncated);
    const values = strict !== undefined && strict.length > 0 && strict.every((value) => typeof value === "object" && value !== null && !Array.isArray(value)) ? strict : readJsonLinesLeniently(text, truncated);
    if (values !== undefined) {
      let columns = new Map<string, GlueType>();
      for (const value of values) {
        const type = typeOfJsonValue(value);
        if (type.kind === "struct") {
          columns = mergeFields(columns, lowerCaseColumns(type.fields));
        }
      }
      return { classification: "json", compression, columns, recordCount: values.length };
    }
  }
  const csv = inferCsv(text, truncated);
  if (csv !== undefined) {
    return {
      classification: "csv",
      compression,
      columns: new Map(csv.columns.map((column) => [column.name, column.type ?? NULL_TYPE])),
      recordCount: csv.recordCount,
      csv: { delimiter: csv.delimiter, hasHeader: csv.hasHeader, quoted: csv.quoted },
    };
  }
  return undefined;
}

/**
 * Reads the start of one object and classifies it as Glue's built-in classifiers do: Parquet by its magic
 * bytes (schema from the footer), then JSON, then CSV, each also gzip-compressed. Undefined: no classifier
 * recognised it (Glue's UNKNOWN).
 */
export async function classifyObject(s3: Pick<S3Objects, "getObject" | "objectFilePath">, bucket: string, key: string, parquet: ParquetSchemaReader): Promise<ObjectSchema | undefined> {
  const head = await readUpTo((await s3.getObject(bucket, key)).body, 4);
  if (isParquet(head.bytes)) {
    const { columns, rowCount } = await parquet.schema(s3.objectFilePath(bucket, key));
    return { classification: "parquet", compression: "none", columns: new Map(columns.map((column) => [column.name, column.type])), recordCount: rowCount };
  }
  const { body } = await s3.getObject(bucket, key);
  if (isGzip(head.bytes)) {
    const gunzip = createGunzip();
    body.on("error", (error) => gunzip.destroy(error));
    body.pipe(gunzip);
    try {
      const sample = await readUpTo(gunzip, SAMPLE_BYTES);
      return classifyText(sample.bytes.toString("utf8"), sample.truncated, "gzip");
    } catch {
      return undefined;
    } finally {
      body.destroy();
    }
  }
  const sample = await readUpTo(body, SAMPLE_BYTES);
  body.destroy();
  return classifyText(sample.bytes.toString("utf8"), sample.truncated, "none");
}
