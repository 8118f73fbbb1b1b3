import { AwsError } from "../../../protocol/AwsError";

/**
 * Athena answers a bad request with InvalidRequestException and an AthenaErrorCode (also as ErrorCode):
 * MALFORMED_QUERY for a statement it refuses to start, INVALID_INPUT, INVALID_QUERY_EXECUTION_STATE, ...
 * (recorded bodies: xo/dbimp testdata/athena, 2026-10-10).
 */
export function invalidRequest(message: string, athenaErrorCode = "INVALID_INPUT"): AwsError {
  return new AwsError("InvalidRequestException", message, 400, { AthenaErrorCode: athenaErrorCode, ErrorCode: athenaErrorCode });
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

/**
 * A failure whose StateChangeReason has no error name in front: Athena's DDL engine refusing a form it parses but does not
 * run answers just `Query type not supported by DDL engine.` (ErrorCategory 2, ErrorType 1006; measured on engine v3).
 */
export class DdlEngineRefusal extends QueryError {
  constructor() {
    super("DDL_ENGINE_NOT_SUPPORTED", "", 2);
    this.message = "Query type not supported by DDL engine.";
  }
}

export function queryErrorAt(errorName: string, position: { line: number; column: number } | undefined, detail: string): QueryError {
  return new QueryError(errorName, position === undefined ? detail : `line ${position.line}:${position.column}: ${detail}`);
}
