import { AwsError } from "../../server/AwsError";

/** Athena answers a bad request (unknown query id, unfinished query, ...) with InvalidRequestException. */
export function invalidRequest(message: string): AwsError {
  return new AwsError("InvalidRequestException", message);
}

/**
 * A query that fails while it runs: the execution goes FAILED and its StateChangeReason is
 * `<errorName>: <message>` as Athena words it, e.g. `TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.db.x' does not exist`.
 */
export class QueryError extends Error {
  override readonly name = "QueryError";

  constructor(
    readonly errorName: string,
    detail: string,
    /** Athena's ErrorCategory: 1 system, 2 user, 3 other. */
    readonly category: 1 | 2 | 3 = 2,
  ) {
    super(`${errorName}: ${detail}`);
  }
}

export function queryErrorAt(errorName: string, position: { line: number; column: number } | undefined, detail: string): QueryError {
  return new QueryError(errorName, position === undefined ? detail : `line ${position.line}:${position.column}: ${detail}`);
}
