import type { ANTLRErrorListener, CommonTokenStream, DefaultErrorStrategy, Parser, RecognitionException, Token } from "antlr4ng" with { "resolution-mode": "require" };
import type { SingleStatementContext, TrinoSqlParser } from "dt-sql-parser/dist/lib/trino/TrinoSqlParser";
import { antlrRuntime, trinoGrammar, type TrinoGrammar } from "../../../sqlGrammars";
import type { DataType, Property, Query, Statement } from "./ast";
import { TrinoAstBuilder } from "./buildTrinoAst";
import { expectedTokens, failurePoint, type ExpectedTokensOptions } from "./expectedTokens";
import { SqlSyntaxError } from "./SqlSyntaxError";
import { checkNesting, isStackOverflow, statementTooLarge } from "./statementTooLarge";

/**
 * Where Athena's grammar differs from the Trino 450 grammar the parser is built from, its "Expecting:" lists
 * differ; these are Athena's, recorded against Athena engine v3 (xo/dbimp testdata/athena, 2026-10-10;
 * aoyagikouhei/athena-local measurements, 2026-09): its statements also start with UNLOAD, and after CREATE
 * it knows MULTI and PROTECTED but not CATALOG or FUNCTION.
 */
const ATHENA_EXPECTED: ReadonlyMap<string, string> = new Map([
  [
    "'ALTER', 'ANALYZE', 'CALL', 'COMMENT', 'COMMIT', 'CREATE', 'DEALLOCATE', 'DELETE', 'DENY', 'DESC', 'DESCRIBE', 'DROP', 'EXECUTE', 'EXPLAIN', 'GRANT', 'INSERT', 'MERGE', 'PREPARE', 'REFRESH', 'RESET', 'REVOKE', 'ROLLBACK', 'SET', 'SHOW', 'START', 'TRUNCATE', 'UPDATE', 'USE', <query>",
    "'ALTER', 'ANALYZE', 'CALL', 'COMMENT', 'COMMIT', 'CREATE', 'DEALLOCATE', 'DELETE', 'DENY', 'DESC', 'DESCRIBE', 'DROP', 'EXECUTE', 'EXPLAIN', 'GRANT', 'INSERT', 'MERGE', 'PREPARE', 'REFRESH', 'RESET', 'REVOKE', 'ROLLBACK', 'SET', 'SHOW', 'START', 'TRUNCATE', 'UNLOAD', 'UPDATE', 'USE', <query>",
  ],
  ["'CATALOG', 'FUNCTION', 'MATERIALIZED', 'OR', 'ROLE', 'SCHEMA', 'TABLE', 'VIEW'", "'MATERIALIZED', 'MULTI', 'OR', 'PROTECTED', 'ROLE', 'SCHEMA', 'TABLE', 'VIEW'"],
]);

let options: ExpectedTokensOptions | undefined;

/**
 * Athena strips a statement's trailing `;` before parsing, so `;` is never offered; its grammar predates JSON_TABLE
 * (`select * from` → `Expecting: '(', 'LATERAL', 'TABLE', 'UNNEST', <identifier>`, measured); some lists are Athena's own.
 */
function athenaExpected(expected: string): string {
  const list = expected
    .split(", ")
    .filter((item) => item !== "';'" && item !== "'JSON_TABLE'")
    .join(", ");
  return ATHENA_EXPECTED.get(list) ?? list;
}

/** Trino's special names for rules and tokens in its messages (io.trino.sql.parser.SqlParser). */
function trinoExpectationOptions(g: TrinoGrammar): ExpectedTokensOptions {
  const P = g.TrinoSqlParser;
  options ??= {
    specialRules: new Map([
      [P.RULE_expression, "<expression>"],
      [P.RULE_booleanExpression, "<expression>"],
      [P.RULE_valueExpression, "<expression>"],
      [P.RULE_primaryExpression, "<expression>"],
      [P.RULE_predicate, "<predicate>"],
      [P.RULE_identifier, "<identifier>"],
      [P.RULE_string, "<string>"],
      [P.RULE_query, "<query>"],
      [P.RULE_type, "<type>"],
    ]),
    specialTokens: new Map([[P.INTEGER_VALUE, "<integer>"]]),
    // Athena has no inline SQL functions (WITH FUNCTION): its lists never offer that path's WITH.
    ignoredRules: new Set([P.RULE_withFunction]),
  };
  return options;
}

function tokenText(token: Token | null | undefined): string {
  if (token === null || token === undefined) return "<EOF>";
  return token.type === -1 ? "<EOF>" : (token.text ?? "");
}

function syntaxError(parser: Parser, offending: Token | null, error: RecognitionException | null, atEnd?: string): SqlSyntaxError {
  const g = trinoGrammar();
  const point = failurePoint(parser, error as Parameters<typeof failurePoint>[1]);
  const found = expectedTokens(parser, point.state, point.tokenIndex, point.context, trinoExpectationOptions(g), atEnd);
  const errorToken = found.tokenIndex >= 0 ? parser.tokenStream.get(found.tokenIndex) : offending;
  const expected = athenaExpected(found.expected);
  const detail = expected === "" ? `mismatched input '${tokenText(errorToken)}'` : `mismatched input '${tokenText(errorToken)}'. Expecting: ${expected}`;
  return new SqlSyntaxError(detail, { line: offending?.line ?? 1, column: (offending?.column ?? 0) + 1 });
}

/** Throws on the first syntax error, worded as Trino words it; the parse stops there as Trino's does. */
class ThrowingListener implements ANTLRErrorListener {
  syntaxError(recognizer: unknown, offendingSymbol: unknown, _line: number, _column: number, _message: string, error: RecognitionException | null): void {
    throw syntaxError(recognizer as Parser, offendingSymbol as Token | null, error);
  }
  reportAmbiguity(): void {}
  reportAttemptingFullContext(): void {}
  reportContextSensitivity(): void {}
}

let strategy: (new () => DefaultErrorStrategy) | undefined;

/**
 * ANTLR's default strategy, less its guesses: a token it cannot match is an error at once, never "missing" or
 * "extraneous" input repaired in place (as Trino's SqlParser overrides recoverInline).
 */
function failFastStrategy(): new () => DefaultErrorStrategy {
  const antlr = antlrRuntime();
  strategy ??= class extends antlr.DefaultErrorStrategy {
    override recoverInline(recognizer: Parser): Token {
      throw new antlr.InputMismatchException(recognizer);
    }
  };
  return strategy;
}

function parseTree(sql: string): { tree: SingleStatementContext; parser: Parser } {
  const g = trinoGrammar();
  const antlr = antlrRuntime();
  const lexer = new g.TrinoSqlLexer(antlr.CharStreams.fromString(sql));
  lexer.removeErrorListeners();
  const tokens = new antlr.CommonTokenStream(lexer);
  const parser = new g.TrinoSqlParser(tokens);
  parser.removeErrorListeners();
  // First the fast SLL prediction, which bails out on any error; only then full LL with Trino's messages.
  parser.interpreter.predictionMode = antlr.PredictionMode.SLL;
  parser.errorHandler = new antlr.BailErrorStrategy();
  try {
    const tree = parser.singleStatement();
    if (tokens.LA(1) === -1) return { tree, parser };
  } catch {
    // Parsed again below, where the error gets its words.
  }
  tokens.seek(0);
  parser.reset();
  parser.interpreter.predictionMode = antlr.PredictionMode.LL;
  parser.errorHandler = new (failFastStrategy())();
  parser.addErrorListener(new ThrowingListener());
  const tree = parser.singleStatement();
  if (tokens.LA(1) !== -1) {
    // Trino's statement rule ends with EOF; this grammar's does not, so the rest of the input is checked here.
    const start = parser.atn.ruleToStartState[g.TrinoSqlParser.RULE_singleStatement]!;
    const found = expectedTokens(parser, start, 0, null, trinoExpectationOptions(g), "<EOF>");
    const offending = tokens.LT(1);
    const errorToken = found.tokenIndex >= 0 ? tokens.get(found.tokenIndex) : offending;
    throw new SqlSyntaxError(`mismatched input '${tokenText(errorToken)}'. Expecting: ${athenaExpected(found.expected)}`, { line: offending?.line ?? 1, column: (offending?.column ?? 0) + 1 });
  }
  return { tree, parser };
}

/** A Trino statement as a syntax tree, or SqlSyntaxError with Trino's (Athena's) words and position. */
export function parseTrinoStatement(sql: string): Statement {
  const g = trinoGrammar();
  if (/^\s*unload\b/i.test(sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*/, ""))) return parseUnload(sql);
  const { tree } = parseTree(sql);
  return new TrinoAstBuilder(g, sql).statement(tree.statement());
}

/** A parser over `sql` (its tokens read) that starts at any rule, with full LL prediction and Trino's error words. */
function ruleParser(sql: string): { tokens: CommonTokenStream; parser: TrinoSqlParser } {
  const g = trinoGrammar();
  const antlr = antlrRuntime();
  const lexer = new g.TrinoSqlLexer(antlr.CharStreams.fromString(sql));
  lexer.removeErrorListeners();
  const tokens = new antlr.CommonTokenStream(lexer);
  tokens.fill();
  const parser = new g.TrinoSqlParser(tokens);
  parser.removeErrorListeners();
  parser.interpreter.predictionMode = antlr.PredictionMode.LL;
  parser.errorHandler = new (failFastStrategy())();
  parser.addErrorListener(new ThrowingListener());
  return { tokens, parser };
}

/**
 * Athena's UNLOAD (not Trino's): `UNLOAD (query) TO 's3://...' WITH (property = value, ...)`
 * (https://docs.aws.amazon.com/athena/latest/ug/unload.html). The query and the properties are parsed with
 * Trino's own rules, started at their place in the statement.
 */
function parseUnload(sql: string): Statement {
  const g = trinoGrammar();
  const { tokens, parser } = ruleParser(sql);
  const visible = tokens.getTokens().filter((token) => token.channel === 0);
  const builder = new TrinoAstBuilder(g, sql);
  const expectToken = (index: number, text: string): Token => {
    const token = visible[index];
    if (token === undefined || token.type === -1 || (token.text ?? "").toUpperCase() !== text) {
      throw new SqlSyntaxError(`mismatched input '${tokenText(token)}'. Expecting: '${text}'`, { line: token?.line ?? 1, column: (token?.column ?? 0) + 1 });
    }
    return token;
  };
  const unload = expectToken(0, "UNLOAD");
  expectToken(1, "(");
  tokens.seek(visible[2]!.tokenIndex);
  const query = builder.query(parser.query());
  const close = tokens.LT(1);
  if (close?.text !== ")") throw new SqlSyntaxError(`mismatched input '${tokenText(close)}'. Expecting: ')'`, { line: close?.line ?? 1, column: (close?.column ?? 0) + 1 });
  const after = visible.findIndex((token) => token.tokenIndex === close.tokenIndex);
  expectToken(after + 1, "TO");
  const location = visible[after + 2];
  if (location?.type !== g.TrinoSqlLexer.STRING) throw new SqlSyntaxError(`mismatched input '${tokenText(location)}'. Expecting: <string>`, { line: location?.line ?? 1, column: (location?.column ?? 0) + 1 });
  let properties: Property[] = [];
  let end = after + 3;
  if ((visible[end]?.text ?? "").toUpperCase() === "WITH") {
    tokens.seek(visible[end + 1]!.tokenIndex);
    properties = builder.propertyList(parser.properties());
    end = visible.findIndex((token) => token.tokenIndex === tokens.LT(1)!.tokenIndex);
  }
  const rest = visible[end];
  if (rest !== undefined && rest.type !== -1) throw new SqlSyntaxError(`mismatched input '${tokenText(rest)}'. Expecting: 'WITH', <EOF>`, { line: rest.line, column: rest.column + 1 });
  return { kind: "unload", query, location: (location.text ?? "''").slice(1, -1).replace(/''/g, "'"), properties, at: { line: unload.line, column: unload.column + 1 } };
}

/** A type as Trino writes it (`varchar(3)`, `array(row(x integer))`, `timestamp(3) with time zone`): a view's column types. */
export function parseTrinoType(text: string): DataType {
  const { tokens, parser } = ruleParser(text);
  const type = new TrinoAstBuilder(trinoGrammar(), text).type(parser.type_());
  const rest = tokens.LT(1);
  if (rest !== null && rest.type !== -1) throw new SqlSyntaxError(`mismatched input '${tokenText(rest)}'. Expecting: <EOF>`, { line: rest.line, column: rest.column + 1 });
  return type;
}

/** Just a query (a view's stored SQL, which Glue's API takes unparsed: it gets the same bounds as a statement). */
export function parseTrinoQuery(sql: string): Query {
  const g = trinoGrammar();
  const lexer = new g.TrinoSqlLexer(antlrRuntime().CharStreams.fromString(sql));
  lexer.removeErrorListeners();
  checkNesting(lexer.getAllTokens());
  let statement: Statement;
  try {
    statement = parseTrinoStatement(sql);
  } catch (error) {
    if (isStackOverflow(error)) throw statementTooLarge();
    throw error;
  }
  if (statement.kind !== "query") throw new SqlSyntaxError("a view's SQL must be a query", { line: 1, column: 1 });
  return statement;
}
