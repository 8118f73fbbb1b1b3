import { QueryError } from "../../errors/athenaErrors";

/** A Hive DDL failure: `FAILED: ...`, ErrorCategory 1 (Athena files Hive's errors as system errors). */
export function hiveFailure(message: string): QueryError {
  return new QueryError("FAILED", message.replace(/^FAILED: /, ""), 1);
}
