import type { Position } from "./ast";

/**
 * A statement Athena refuses before running it: StartQueryExecution answers InvalidRequestException with
 * `line L:C: <message>`, Trino's wording (io.trino.sql.parser.ParsingException).
 */
export class SqlSyntaxError extends Error {
  override readonly name = "SqlSyntaxError";

  constructor(
    readonly detail: string,
    readonly position: Position,
  ) {
    super(`line ${position.line}:${position.column}: ${detail}`);
  }
}
