import { AwsError } from "../../../protocol/AwsError";
import type { GlueCatalog } from "../../glue/GlueCatalog";
import { invalidRequest } from "../errors/athenaErrors";
import type { AthenaStatement } from "../sql/parseStatement";

/**
 * What StartQueryExecution refuses before any execution exists, beyond syntax (observed on Athena engine v3;
 * notes in docs/athena-glue.md): a Hive table without LOCATION or without EXTERNAL, DESCRIBE or SHOW COLUMNS of a
 * table Glue does not have, and statements the service does not run at all.
 */
export function checkAtStart(statement: AthenaStatement, database: string, catalog: GlueCatalog): void {
  if (statement.engine === "trino" && statement.statement.kind === "unsupportedStatement" && !statement.statement.athenaRuns) {
    throw invalidRequest("Queries of this type are not supported", "MALFORMED_QUERY");
  }
  if (statement.engine !== "hive") return;
  const ddl = statement.statement;
  if (ddl.kind === "createTable") {
    if (ddl.location === undefined) throw invalidRequest("No location was specified for table. An S3 location must be specified", "MALFORMED_QUERY");
    if (!ddl.external) throw invalidRequest("External keyword required for table type HIVE", "MALFORMED_QUERY");
  }
  if (ddl.kind === "describe" || ddl.kind === "showColumns") {
    try {
      catalog.getTable(ddl.table.database ?? database, ddl.table.name);
    } catch (error) {
      if (error instanceof AwsError && error.code === "EntityNotFoundException") {
        throw invalidRequest(`Entity Not Found (Service: AmazonDataCatalog; Status Code: 400; Error Code: EntityNotFoundException; Request ID: ${crypto.randomUUID()}; Proxy: null)`, "INVALID_INPUT");
      }
      throw error;
    }
  }
}
