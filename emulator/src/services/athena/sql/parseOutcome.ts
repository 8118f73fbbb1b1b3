import type { Position } from "./ast";
import { HiveParseError } from "./parseHive";
import { type AthenaStatement, StatementRefused } from "./parseStatement";
import { SqlSyntaxError } from "./SqlSyntaxError";

/** A Hive parse error as data: its token stays behind in the worker. */
interface HiveParseFailure {
  readonly detail: string;
  readonly line: number;
  readonly column: number;
  readonly offendingText: string;
  readonly offendingIsDoubleQuoted: boolean;
}

type Transported =
  | { readonly engine: "trino" | "hive"; readonly statement: unknown; readonly text: string }
  | { readonly engine: "hiveParseError"; readonly error: HiveParseFailure; readonly text: string };

/** What the parse worker posts back: a statement, or the error parseAthenaStatement threw, as structured-clone data. */
export type ParseOutcome =
  | { readonly ok: Transported }
  | { readonly syntaxError: { readonly detail: string; readonly position: Position } }
  | { readonly refused: string }
  | { readonly failed: string };

function hiveFailure(error: HiveParseError): HiveParseFailure {
  return { detail: error.detail, line: error.line, column: error.column, offendingText: error.offendingText, offendingIsDoubleQuoted: error.offendingIsDoubleQuoted };
}

export function encodeOutcome(parse: () => AthenaStatement): ParseOutcome {
  try {
    const parsed = parse();
    return { ok: parsed.engine === "hiveParseError" ? { ...parsed, error: hiveFailure(parsed.error) } : parsed };
  } catch (error) {
    if (error instanceof SqlSyntaxError) return { syntaxError: { detail: error.detail, position: error.position } };
    if (error instanceof StatementRefused) return { refused: error.message };
    return { failed: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** The statement, or the same error class parseAthenaStatement would have thrown on this thread. */
export function decodeOutcome(outcome: ParseOutcome): AthenaStatement {
  if ("syntaxError" in outcome) throw new SqlSyntaxError(outcome.syntaxError.detail, outcome.syntaxError.position);
  if ("refused" in outcome) throw new StatementRefused(outcome.refused);
  if ("failed" in outcome) throw new Error(`parse worker: ${outcome.failed}`);
  const parsed = outcome.ok;
  if (parsed.engine !== "hiveParseError") return parsed as AthenaStatement;
  const { detail, line, column, offendingText, offendingIsDoubleQuoted } = parsed.error;
  return { engine: "hiveParseError", error: new HiveParseError(detail, line, column, offendingText, offendingIsDoubleQuoted), text: parsed.text };
}
