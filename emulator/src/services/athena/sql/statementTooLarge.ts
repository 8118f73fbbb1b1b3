import type { Token } from "antlr4ng" with { "resolution-mode": "require" };
import { SqlSyntaxError } from "./SqlSyntaxError";

/**
 * Trino's answer to a statement its recursive parser cannot take: io.trino.sql.parser.SqlParser catches
 * StackOverflowError and throws `ParsingException("statement is too large (stack overflow while parsing)")` at
 * line 1:1, which Athena refuses like any syntax error.
 */
export function statementTooLarge(): SqlSyntaxError {
  return new SqlSyntaxError("statement is too large (stack overflow while parsing)", { line: 1, column: 1 });
}

/** V8's stack overflow: `RangeError: Maximum call stack size exceeded`, the JavaScript twin of StackOverflowError. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * Nesting beyond which the statement is refused unparsed. ANTLR's prediction at each `(` looks ahead through every
 * level inside it, so parse time grows with the cube of the depth (400 levels took 7 s, 10,000 never ended), and
 * the recursive parser overflows V8's stack near 1,000 levels of function calls anyway. 250 keeps the worst
 * shape's first parse near two seconds on a slow machine; the course's statements nest fewer than 10 levels.
 */
export const MAX_NESTING = 250;

const OPENING = new Set(["(", "[", "CASE"]);
const CLOSING = new Set([")", "]", "END"]);

/** Throws `statement is too large` when brackets or CASEs nest deeper than MAX_NESTING. Only default-channel tokens count. */
export function checkNesting(tokens: readonly Token[]): void {
  let depth = 0;
  for (const token of tokens) {
    if (token.channel !== 0) continue;
    const text = (token.text ?? "").toUpperCase();
    if (OPENING.has(text)) {
      depth++;
      if (depth > MAX_NESTING) throw statementTooLarge();
    } else if (CLOSING.has(text) && depth > 0) depth--;
  }
}
