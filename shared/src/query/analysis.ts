import type { AthenaClient } from "@aws-sdk/client-athena";
import type { S3Client } from "@aws-sdk/client-s3";
import { runQuery, runQueryToCsv, runQueryToRows, type QueryOptions } from "./athenaQueries";
import { loadSql } from "./loadSql";
import { s3Uri, type PipelineNames } from "../provision/pipelineNames";

/** The database and the result location every query of the exercise uses. */
export function athenaQueryOptions(names: PipelineNames): QueryOptions {
  return { database: names.database, outputLocation: s3Uri(names.bucket, names.resultsPrefix) };
}

/** The table the course's CTAS creates, and the CSV it is downloaded to. */
export const DENORMALIZED_TABLE = "dados_tratados";
export const DENORMALIZED_CSV_FILE = "Dadosdesnormalizados.csv";

export type Rows = Record<string, string | null>[];

/** A query from sql/ over the crawled table, its rows keyed by column. */
export function runNamedQuery(athena: AthenaClient, names: PipelineNames, sqlName: string, table = names.table): Promise<Rows> {
  return runQueryToRows(athena, loadSql(sqlName, { table }), athenaQueryOptions(names));
}

/**
 * The course's denormalization: drops and recreates `dados_tratados` with the CTAS in sql/dados_tratados.sql
 * (so a second run replaces it), then downloads `select *` from it as the CSV Athena wrote.
 */
export async function denormalize(athena: AthenaClient, s3: S3Client, names: PipelineNames): Promise<string> {
  const options = athenaQueryOptions(names);
  // DROP TABLE is Hive DDL on Athena: identifiers in backticks; double quotes are a syntax error there (Athena, "Escape reserved keywords in queries").
  await runQuery(athena, `drop table if exists \`${DENORMALIZED_TABLE}\``, options);
  await runQuery(athena, loadSql("dados_tratados", { table: names.table }), options);
  return runQueryToCsv(athena, s3, `select * from "${DENORMALIZED_TABLE}" order by "timestamp", "tipo"`, options);
}
