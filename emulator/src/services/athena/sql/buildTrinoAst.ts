import type { ParserRuleContext, TerminalNode, Token } from "antlr4ng" with { "resolution-mode": "require" };
import type * as T from "dt-sql-parser/dist/lib/trino/TrinoSqlParser";
import type { TrinoGrammar } from "../../../sqlGrammars";
import type {
  ComparisonOperator,
  DataType,
  DataTypeParameter,
  Expression,
  FrameBound,
  GroupingElement,
  Identifier,
  IntervalField,
  JoinCriteria,
  JoinType,
  Limit,
  Position,
  Property,
  QualifiedName,
  Query,
  QueryBody,
  QuerySpecification,
  Relation,
  SelectItem,
  SortItem,
  Statement,
  Window,
  WindowFrame,
  WindowSpecification,
  With,
} from "./ast";
import { SqlSyntaxError } from "./SqlSyntaxError";

/** Where Trino's AstBuilder places a node: the start of a rule, or one token (an operator, a name). */
function positionOf(token: Token | null | undefined): Position {
  return { line: token?.line ?? 1, column: (token?.column ?? 0) + 1 };
}

function at(context: ParserRuleContext): Position {
  return positionOf(context.start);
}

function terminalAt(node: TerminalNode): Position {
  return positionOf(node.symbol);
}

/** `'it''s'` -> `it's`. */
function unquote(text: string): string {
  return text.slice(1, -1).replace(/''/g, "'");
}

/** A Unicode string `U&'...'` with `\XXXX`, `\+XXXXXX` escapes (or another escape character, UESCAPE). */
function decodeUnicodeString(text: string, escape: string, position: Position): string {
  const raw = text.slice(3, -1).replace(/''/g, "'");
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const character = raw[i]!;
    if (character !== escape) {
      out += character;
      continue;
    }
    if (raw[i + 1] === escape) {
      out += escape;
      i++;
      continue;
    }
    const long = raw[i + 1] === "+";
    const digits = raw.slice(i + (long ? 2 : 1), i + (long ? 8 : 5));
    if (!/^[0-9A-Fa-f]+$/.test(digits) || digits.length !== (long ? 6 : 4)) {
      throw new SqlSyntaxError(`Incomplete escape sequence: ${digits}`, position);
    }
    const codePoint = parseInt(digits, 16);
    if (codePoint > 0x10ffff) throw new SqlSyntaxError(`Invalid escaped character: ${digits}`, position);
    out += String.fromCodePoint(codePoint);
    i += long ? 7 : 4;
  }
  return out;
}

/**
 * Turns the parse tree of Trino's grammar (dt-sql-parser's TrinoSql.g4, Trino 450's with completion helpers) into
 * the statement tree of ast.ts, raising Trino's AstBuilder errors (backquoted or digit identifiers, bad literals).
 */
/**
 * Statements Athena engine v3 runs that the emulator does not: DML on Iceberg tables, prepared statements, SHOW
 * FUNCTIONS, ANALYZE, ALTER TABLE ... EXECUTE (https://docs.aws.amazon.com/athena/latest/ug/ddl-sql-reference.html,
 * querying-with-prepared-statements.html, iceberg-*.html). The rest (transactions, USE, CALL, sessions, roles and
 * grants) StartQueryExecution refuses: `Queries of this type are not supported` (recorded).
 */
const ATHENA_RUNS = /^(MERGE|UPDATE|DELETE|PREPARE|EXECUTE|DEALLOCATE|ANALYZE|SHOW FUNCTIONS|ALTER TABLE|VACUUM|OPTIMIZE)\b/;

export class TrinoAstBuilder {
  constructor(
    private readonly g: TrinoGrammar,
    private readonly sql: string,
  ) {}

  private text(context: ParserRuleContext): string {
    const start = context.start?.start ?? 0;
    const stop = context.stop?.stop ?? start - 1;
    return this.sql.slice(start, stop + 1);
  }

  // ------------------------------------------------------------ names

  identifier(context: T.IdentifierContext): Identifier {
    const { g } = this;
    if (context instanceof g.QuotedIdentifierContext) {
      const token = context.QUOTED_IDENTIFIER().symbol;
      const text = token.text ?? '""';
      if (text.length === 2) throw new SqlSyntaxError("Zero-length delimited identifier not allowed", positionOf(token));
      return { kind: "identifier", value: text.slice(1, -1).replace(/""/g, '"'), delimited: true, at: positionOf(token) };
    }
    if (context instanceof g.BackQuotedIdentifierContext) {
      throw new SqlSyntaxError("backquoted identifiers are not supported; use double quotes to quote identifiers", terminalAt(context.BACKQUOTED_IDENTIFIER()));
    }
    if (context instanceof g.DigitIdentifierContext) {
      throw new SqlSyntaxError("identifiers must not start with a digit; surround the identifier with double quotes", terminalAt(context.DIGIT_IDENTIFIER()));
    }
    return { kind: "identifier", value: context.getText(), delimited: false, at: at(context) };
  }

  qualifiedName(context: T.QualifiedNameContext): QualifiedName {
    return { parts: context.identifier().map((part) => this.identifier(part)), at: at(context) };
  }

  /** tableRef, tableNameCreate, viewRef, viewNameCreate: one to three identifiers. */
  objectName(context: { identifier(): T.IdentifierContext[] } & ParserRuleContext): QualifiedName {
    return { parts: context.identifier().map((part) => this.identifier(part)), at: at(context) };
  }

  private tableOrViewName(context: T.TableOrViewNameContext): QualifiedName {
    const reference = context.tableRef() ?? context.viewRef();
    return this.objectName(reference!);
  }

  private columnRef(context: T.ColumnRefContext): Expression {
    const name = context.qualifiedName();
    if (name === null) throw new SqlSyntaxError("mismatched input. Expecting: <expression>", at(context));
    return this.nameExpression(this.qualifiedName(name));
  }

  /** `a.b.c` as a column reference: an identifier, then dereferences. */
  private nameExpression(name: QualifiedName): Expression {
    let expression: Expression = name.parts[0]!;
    for (const part of name.parts.slice(1)) {
      expression = { kind: "dereference", base: expression, field: part, at: name.at };
    }
    return expression;
  }

  // ------------------------------------------------------------ statements

  statement(context: T.StatementContext): Statement {
    const { g } = this;
    if (context instanceof g.StatementDefaultContext) return this.rootQuery(context.rootQuery());
    if (context instanceof g.CreateTableAsSelectContext) {
      // Athena's grammar has no CREATE OR REPLACE TABLE (recorded: "mismatched input 'TABLE'. Expecting: ...").
      if (context.KW_REPLACE() !== null) throw new SqlSyntaxError("mismatched input 'TABLE'. Expecting: 'MATERIALIZED', 'MULTI', 'PROTECTED', 'VIEW'", terminalAt(context.KW_TABLE()));
      const root = context.rootQuery();
      if (root === null) throw new SqlSyntaxError("mismatched input. Expecting: <query>", at(context));
      return {
        kind: "createTableAsSelect",
        name: this.objectName(context.tableNameCreate()),
        orReplace: context.KW_REPLACE() !== null,
        notExists: context.KW_EXISTS() !== null,
        ...(context.columnListCreate() === null ? {} : { columnAliases: context.columnListCreate()!.columnNameCreate().map((column) => this.identifier(column.identifier())) }),
        ...(context._comment === undefined ? {} : { comment: this.stringValue(context._comment) }),
        properties: this.properties(context.properties()),
        query: this.rootQuery(root),
        withData: context.KW_NO() === null,
        at: at(context),
      };
    }
    if (context instanceof g.InsertIntoContext) {
      const columns = context.columnList();
      return {
        kind: "insert",
        target: this.objectName(context.tableRef()),
        ...(columns === null ? {} : { columns: columns.columnRef().map((column) => this.singleName(column)) }),
        query: this.rootQuery(context.rootQuery()),
        at: at(context),
      };
    }
    if (context instanceof g.CreateViewContext) {
      const root = context.rootQuery();
      return {
        kind: "createView",
        name: this.objectName(context.viewNameCreate()),
        orReplace: context.KW_REPLACE() !== null,
        query: this.rootQuery(root),
        ...(context._comment === undefined ? {} : { comment: this.stringValue(context._comment) }),
        ...(context.KW_DEFINER() !== null ? { security: "DEFINER" as const } : context.KW_INVOKER() !== null ? { security: "INVOKER" as const } : {}),
        queryText: this.text(root),
        at: at(context),
      };
    }
    if (context instanceof g.DropViewContext) {
      return { kind: "dropView", name: this.objectName(context.viewRef()), exists: context.KW_EXISTS() !== null, at: at(context) };
    }
    if (context instanceof g.ExplainContext) {
      let format: "TEXT" | "GRAPHVIZ" | "JSON" | undefined;
      let type: "LOGICAL" | "DISTRIBUTED" | "VALIDATE" | "IO" | undefined;
      for (const option of context.explainOption()) {
        if (option instanceof g.ExplainFormatContext) format = (option._value?.text ?? "TEXT").toUpperCase() as typeof format;
        if (option instanceof g.ExplainTypeContext) type = (option._value?.text ?? "DISTRIBUTED").toUpperCase() as typeof type;
      }
      return { kind: "explain", statement: this.statement(context.statement()), analyze: false, ...(format === undefined ? {} : { format }), ...(type === undefined ? {} : { type }), at: at(context) };
    }
    if (context instanceof g.ExplainAnalyzeContext) {
      return { kind: "explain", statement: this.statement(context.statement()), analyze: true, at: at(context) };
    }
    if (context instanceof g.ShowCreateViewContext) {
      return { kind: "showCreateView", name: this.objectName(context.viewRef()), at: at(context) };
    }
    const words = this.text(context).split(/\s+/).slice(0, 3).join(" ").toUpperCase();
    return { kind: "unsupportedStatement", description: words, athenaRuns: ATHENA_RUNS.test(words), at: at(context) };
  }

  private singleName(context: T.ColumnRefContext): Identifier {
    const name = context.qualifiedName();
    if (name === null || name.identifier().length !== 1) {
      throw new SqlSyntaxError("mismatched input '.'. Expecting: ')', ','", at(context));
    }
    return this.identifier(name.identifier(0)!);
  }

  propertyList(context: T.PropertiesContext | null): Property[] {
    return this.properties(context);
  }

  private properties(context: T.PropertiesContext | null): Property[] {
    if (context === null) return [];
    return context
      .propertyAssignments()
      .property()
      .map((property) => {
        const value = property.propertyValue();
        const expression = value instanceof this.g.NonDefaultPropertyValueContext ? this.expression(value.expression()) : undefined;
        return { name: this.identifier(property.identifier()), ...(expression === undefined ? {} : { value: expression }), at: at(property) };
      });
  }

  rootQuery(context: T.RootQueryContext): Query {
    if (context.withFunction() !== null) {
      throw new SqlSyntaxError("Inline function definitions (WITH FUNCTION) are not supported by Athena", at(context));
    }
    return this.query(context.query());
  }

  // ------------------------------------------------------------ queries

  query(context: T.QueryContext): Query {
    const statement = context as T.QueryStatementContext;
    const withContext = statement.with();
    const body = this.queryNoWith(statement.queryNoWith());
    if (withContext === null) return body;
    const withClause: With = {
      recursive: withContext.KW_RECURSIVE() !== null,
      queries: withContext.namedQuery().map((named) => ({
        name: this.identifier(named.identifier()),
        ...(named.columnAliases() === null ? {} : { columnNames: named.columnAliases()!.identifier().map((alias) => this.identifier(alias)) }),
        query: this.query(named.query()),
        at: at(named),
      })),
      at: at(withContext),
    };
    return { ...body, with: withClause, at: at(context) };
  }

  private rowCount(context: T.RowCountContext): Expression {
    const integer = context.INTEGER_VALUE();
    if (integer !== null) return { kind: "longLiteral", text: integer.getText(), at: terminalAt(integer) };
    return { kind: "parameter", index: 0, at: at(context) };
  }

  queryNoWith(context: T.QueryNoWithContext): Query {
    const term = this.queryTerm(context.queryTerm());
    const orderBy = context.sortItem().map((item) => this.sortItem(item));
    let limit: Limit | undefined;
    if (context.KW_LIMIT() !== null) {
      const count = context._limit?.rowCount() ?? null;
      limit = { ...(count === null ? {} : { count: this.rowCount(count) }), withTies: false, at: terminalAt(context.KW_LIMIT()!) };
    } else if (context.KW_FETCH() !== null) {
      const count = context._fetchFirst;
      const withTies = context.KW_TIES() !== null;
      if (withTies && orderBy.length === 0) {
        throw new SqlSyntaxError("FETCH FIRST WITH TIES clause requires ORDER BY", terminalAt(context.KW_FETCH()!));
      }
      limit = { count: count === undefined ? { kind: "longLiteral", text: "1", at: terminalAt(context.KW_FETCH()!) } : this.rowCount(count), withTies, at: terminalAt(context.KW_FETCH()!) };
    }
    const offset = context._offset === undefined ? undefined : this.rowCount(context._offset);
    return { kind: "query", body: term, orderBy, ...(offset === undefined ? {} : { offset }), ...(limit === undefined ? {} : { limit }), at: at(context) };
  }

  private queryTerm(context: T.QueryTermContext): QueryBody {
    const { g } = this;
    if (context instanceof g.SetOperationContext) {
      const operator = (context._operator?.text ?? "UNION").toUpperCase() as "UNION" | "INTERSECT" | "EXCEPT";
      const quantifier = context.setQuantifier();
      return {
        kind: "setOperation",
        operator,
        distinct: quantifier === null || quantifier.KW_DISTINCT() !== null,
        left: this.queryTerm(context._left!),
        right: this.queryTerm(context._right!),
        at: positionOf(context._operator),
      };
    }
    return this.queryPrimary((context as T.QueryTermDefaultContext).queryPrimary());
  }

  private queryPrimary(context: T.QueryPrimaryContext): QueryBody {
    const { g } = this;
    if (context instanceof g.QueryPrimaryDefaultContext) return this.querySpecification(context.querySpecification());
    if (context instanceof g.TableContext) return { kind: "tableQuery", name: this.objectName(context.tableRef()), at: at(context) };
    if (context instanceof g.InlineTableContext) return { kind: "values", rows: context.expression().map((row) => this.expression(row)), at: at(context) };
    const inner = this.queryNoWith((context as T.SubqueryContext).queryNoWith());
    return { kind: "subqueryBody", query: inner, at: at(context) };
  }

  private querySpecification(context: T.QuerySpecificationContext): QuerySpecification {
    const quantifier = context.setQuantifier();
    const relations = context.relation().map((relation) => this.relation(relation));
    let from: Relation | undefined = relations[0];
    for (const right of relations.slice(1)) {
      from = { kind: "join", type: "IMPLICIT", left: from!, right, at: from!.at };
    }
    const where = context.whereClause();
    const groupBy = context.groupBy();
    const having = context.havingClause();
    return {
      kind: "querySpecification",
      distinct: quantifier !== null && quantifier.KW_DISTINCT() !== null,
      select: context
        .selectList()
        .selectItem()
        .map((item) => this.selectItem(item)),
      ...(from === undefined ? {} : { from }),
      ...(where === null ? {} : { where: this.booleanExpression(where.booleanExpression()) }),
      ...(groupBy === null
        ? {}
        : {
            groupBy: {
              distinct: groupBy.setQuantifier()?.KW_DISTINCT() != null,
              elements: groupBy.groupingElement().map((element) => this.groupingElement(element)),
              at: at(groupBy),
            },
          }),
      ...(having === null ? {} : { having: this.booleanExpression(having.booleanExpression()) }),
      windows: context.windowDefinition().map((definition) => ({ name: this.identifier(definition.identifier()), window: this.windowSpecification(definition.windowSpecification()), at: at(definition) })),
      at: at(context),
    };
  }

  private selectItem(context: T.SelectItemContext): SelectItem {
    if (context.selectAllWithoutTable() !== null) return { kind: "allColumns", aliases: [], at: at(context) };
    const all = context.tableAllColumns();
    if (all !== null) {
      const aliases = context.columnAliases()?.identifier().map((alias) => this.identifier(alias)) ?? [];
      return { kind: "allColumns", target: this.primaryExpression(all.primaryExpression()), aliases, at: at(context) };
    }
    const literal = context.selectLiteralColumnName();
    const expression = literal !== null ? this.columnRef(literal.columnRef()) : this.expression(context.selectExpressionColumnName()!.expression());
    const alias = context._alias;
    return { kind: "singleColumn", expression, ...(alias === undefined ? {} : { alias: this.identifier(alias) }), at: at(context) };
  }

  private groupingTerm(context: T.GroupingTermContext): Expression {
    const column = context.columnRef();
    return column !== null ? this.columnRef(column) : this.expression(context.expression()!);
  }

  private groupingSet(context: T.GroupingSetContext): Expression[] {
    return context.groupingTerm().map((term) => this.groupingTerm(term));
  }

  private groupingElement(context: T.GroupingElementContext): GroupingElement {
    const { g } = this;
    if (context instanceof g.RollupContext) return { kind: "rollup", sets: context.groupingSet().map((set) => this.groupingSet(set)), at: at(context) };
    if (context instanceof g.CubeContext) return { kind: "cube", sets: context.groupingSet().map((set) => this.groupingSet(set)), at: at(context) };
    if (context instanceof g.MultipleGroupingSetsContext) return { kind: "groupingSets", sets: context.groupingSet().map((set) => this.groupingSet(set)), at: at(context) };
    return { kind: "simple", expressions: this.groupingSet((context as T.SingleGroupingSetContext).groupingSet()), at: at(context) };
  }

  sortItem(context: T.SortItemContext): SortItem {
    const column = context.columnRef();
    const key = column !== null ? this.columnRef(column) : this.expression(context.expression()!);
    const nulls = context._nullOrdering?.text?.toUpperCase();
    return {
      key,
      ordering: context.KW_DESC() !== null ? "DESC" : "ASC",
      ...(nulls === "FIRST" || nulls === "LAST" ? { nulls } : {}),
      at: at(context),
    };
  }

  // ------------------------------------------------------------ relations

  relation(context: T.RelationContext): Relation {
    const { g } = this;
    if (context instanceof g.JoinRelationContext) {
      const left = this.relation(context._left!);
      if (context.KW_CROSS() !== null) {
        return { kind: "join", type: "CROSS", left, right: this.sampledRelation(context._right!), at: at(context) };
      }
      const type = this.joinType(context.joinType());
      if (context.KW_NATURAL() !== null) {
        return { kind: "join", type, left, right: this.sampledRelation(context._right!), criteria: { kind: "natural" }, at: at(context) };
      }
      const right = this.relation(context._rightRelation!);
      return { kind: "join", type, left, right, criteria: this.joinCriteria(context.joinCriteria()!), at: at(context) };
    }
    return this.sampledRelation((context as T.RelationDefaultContext).sampledRelation());
  }

  private joinType(context: T.JoinTypeContext | null): JoinType {
    if (context === null) return "INNER";
    if (context.KW_LEFT() !== null) return "LEFT";
    if (context.KW_RIGHT() !== null) return "RIGHT";
    if (context.KW_FULL() !== null) return "FULL";
    return "INNER";
  }

  private joinCriteria(context: T.JoinCriteriaContext): JoinCriteria {
    if (context.KW_USING() !== null) return { kind: "using", columns: context.identifier().map((column) => this.identifier(column)) };
    const equality = context.joinColumnEquality();
    if (equality !== null) {
      const side = (reference: T.JoinColumnReferenceContext): Expression => {
        const columnName = reference.columnName();
        if (columnName !== null) return this.nameExpression(this.qualifiedName(columnName.qualifiedName()));
        throw new SqlSyntaxError("mismatched input. Expecting: <expression>", at(reference));
      };
      return { kind: "on", condition: { kind: "comparison", operator: "=", left: side(equality._left!), right: side(equality._right!), at: terminalAt(equality.EQ()) } };
    }
    return { kind: "on", condition: this.booleanExpression(context.booleanExpression()!) };
  }

  private sampledRelation(context: T.SampledRelationContext): Relation {
    const relation = this.patternRecognition(context.patternRecognition());
    if (context.KW_TABLESAMPLE() === null) return relation;
    const method = context.sampleType()?.KW_BERNOULLI() != null ? "BERNOULLI" : "SYSTEM";
    return { kind: "sampledRelation", relation, method, percentage: this.expression(context._percentage!), at: at(context) };
  }

  private patternRecognition(context: T.PatternRecognitionContext): Relation {
    const relation = this.aliasedRelation(context.aliasedRelation());
    if (context.KW_MATCH_RECOGNIZE() !== null) return { kind: "unsupportedRelation", feature: "MATCH_RECOGNIZE", at: at(context) };
    return relation;
  }

  private aliasedRelation(context: T.AliasedRelationContext): Relation {
    const relation = this.relationPrimary(context.relationPrimary());
    const alias = context._alias;
    if (alias === undefined) return relation;
    const columns = context.columnAliases();
    return {
      kind: "aliasedRelation",
      relation,
      alias: this.identifier(alias),
      ...(columns === null ? {} : { columnNames: columns.identifier().map((column) => this.identifier(column)) }),
      at: at(context),
    };
  }

  private relationPrimary(context: T.RelationPrimaryContext): Relation {
    const { g } = this;
    if (context instanceof g.TableNameContext) {
      if (context.queryPeriod() !== null) return { kind: "unsupportedRelation", feature: "FOR TIMESTAMP AS OF", at: at(context) };
      return { kind: "table", name: this.tableOrViewName(context.tableOrViewName()), at: at(context) };
    }
    if (context instanceof g.ParenthesizedRelationContext) return this.relation(context.relation());
    const source = (context as T.ExpressionSourceTableContext).relationSourceTable();
    if (source instanceof g.SubqueryRelationContext) return { kind: "tableSubquery", query: this.query(source.query()), at: at(context) };
    if (source instanceof g.UnnestContext) {
      return { kind: "unnest", expressions: source.expression().map((expression) => this.expression(expression)), withOrdinality: source.KW_ORDINALITY() !== null, at: at(source) };
    }
    if (source instanceof g.LateralContext) return { kind: "lateral", query: this.query(source.query()), at: at(source) };
    if (source instanceof g.JsonTableContext) return { kind: "unsupportedRelation", feature: "JSON_TABLE", at: at(source) };
    return { kind: "unsupportedRelation", feature: "table functions", at: at(source) };
  }

  // ------------------------------------------------------------ expressions

  expression(context: T.ExpressionContext): Expression {
    return this.booleanExpression(context.booleanExpression());
  }

  booleanExpression(context: T.BooleanExpressionContext): Expression {
    const { g } = this;
    if (context instanceof g.PredicatedContext) {
      const value = this.valueExpression(context.valueExpression());
      const predicate = context.predicate();
      return predicate === null ? value : this.predicate(predicate, value);
    }
    if (context instanceof g.LogicalNotContext) return { kind: "not", value: this.booleanExpression(context.booleanExpression()), at: at(context) };
    if (context instanceof g.AndContext || context instanceof g.OrContext) {
      const operator = context instanceof g.AndContext ? "AND" : "OR";
      const keyword = context instanceof g.AndContext ? context.KW_AND() : (context as T.OrContext).KW_OR();
      const [left, right] = context.booleanExpression().map((term) => this.booleanExpression(term));
      // Trino flattens a chain of the same operator into one node.
      const terms = [left!, right!].flatMap((term) => (term.kind === "logical" && term.operator === operator ? term.terms : [term]));
      return { kind: "logical", operator, terms, at: terminalAt(keyword) };
    }
    throw new SqlSyntaxError("unsupported boolean expression", at(context));
  }

  private comparisonOperator(context: T.ComparisonOperatorContext): ComparisonOperator {
    const text = context.getText();
    return (text === "!=" ? "<>" : text) as ComparisonOperator;
  }

  private predicate(context: T.PredicateContext, value: Expression): Expression {
    const { g } = this;
    const negate = (expression: Expression, not: TerminalNode | null): Expression => (not === null ? expression : { kind: "not", value: expression, at: at(context) });
    if (context instanceof g.ComparisonContext) {
      return { kind: "comparison", operator: this.comparisonOperator(context.comparisonOperator()), left: value, right: this.valueExpression(context._right!), at: at(context.comparisonOperator()) };
    }
    if (context instanceof g.QuantifiedComparisonContext) {
      const quantifier = context.comparisonQuantifier().getText().toUpperCase() as "ALL" | "ANY" | "SOME";
      return { kind: "quantifiedComparison", operator: this.comparisonOperator(context.comparisonOperator()), quantifier, value, subquery: this.query(context.query()), at: at(context.comparisonOperator()) };
    }
    if (context instanceof g.BetweenContext) {
      return negate({ kind: "between", value, min: this.valueExpression(context._lower!), max: this.valueExpression(context._upper!), at: at(context) }, context.KW_NOT());
    }
    if (context instanceof g.InListContext) {
      return negate({ kind: "inList", value, list: context.expression().map((item) => this.expression(item)), at: at(context) }, context.KW_NOT());
    }
    if (context instanceof g.InSubqueryContext) {
      return negate({ kind: "inSubquery", value, subquery: this.query(context.query()), at: at(context) }, context.KW_NOT());
    }
    if (context instanceof g.LikeContext) {
      return negate(
        { kind: "like", value, pattern: this.valueExpression(context._pattern!), ...(context._escape === undefined ? {} : { escape: this.valueExpression(context._escape) }), at: at(context) },
        context.KW_NOT(),
      );
    }
    if (context instanceof g.NullPredicateContext) {
      return context.KW_NOT() === null ? { kind: "isNull", value, at: at(context) } : { kind: "isNotNull", value, at: at(context) };
    }
    if (context instanceof g.DistinctFromContext) {
      return negate({ kind: "comparison", operator: "IS DISTINCT FROM", left: value, right: this.valueExpression(context._right!), at: at(context) }, context.KW_NOT());
    }
    throw new SqlSyntaxError("unsupported predicate", at(context));
  }

  valueExpression(context: T.ValueExpressionContext): Expression {
    const { g } = this;
    if (context instanceof g.ValueExpressionDefaultContext) return this.primaryExpression(context.primaryExpression());
    if (context instanceof g.ArithmeticBinaryContext) {
      return { kind: "arithmeticBinary", operator: context._operator!.text as "+" | "-" | "*" | "/" | "%", left: this.valueExpression(context._left!), right: this.valueExpression(context._right!), at: positionOf(context._operator) };
    }
    if (context instanceof g.ArithmeticUnaryContext) {
      const operand = this.valueExpression(context.valueExpression());
      const sign = context._operator!.text === "-" ? "-" : "+";
      return { kind: "arithmeticUnary", sign, value: operand, at: at(context) };
    }
    if (context instanceof g.ConcatenationContext) {
      return this.call("concat", terminalAt(context.CONCAT()), [this.valueExpression(context._left!), this.valueExpression(context._right!)]);
    }
    if (context instanceof g.AtTimeZoneContext) {
      const specifier = context.timeZoneSpecifier();
      const zone: Expression = specifier instanceof g.TimeZoneIntervalContext ? this.interval(specifier.interval()) : { kind: "stringLiteral", value: this.stringValue((specifier as T.TimeZoneStringContext).string()), at: at(specifier) };
      return { kind: "atTimeZone", value: this.valueExpression(context.valueExpression()), zone, at: terminalAt(context.KW_AT()) };
    }
    throw new SqlSyntaxError("unsupported expression", at(context));
  }

  private call(name: string, position: Position, args: Expression[]): Expression {
    return { kind: "functionCall", name: { parts: [{ kind: "identifier", value: name, delimited: false, at: position }], at: position }, arguments: args, distinct: false, star: false, orderBy: [], at: position };
  }

  stringValue(context: T.StringContext): string {
    const { g } = this;
    if (context instanceof g.UnicodeStringLiteralContext) {
      let escape = "\\";
      const escapeToken = context.STRING();
      if (escapeToken !== null) {
        escape = unquote(escapeToken.getText());
        if (escape.length !== 1 || /[0-9A-Fa-f+'"\s]/.test(escape)) {
          throw new SqlSyntaxError(`Invalid Unicode escape character: ${escape}`, terminalAt(escapeToken));
        }
      }
      return decodeUnicodeString(context.UNICODE_STRING().getText(), escape, at(context));
    }
    return unquote((context as T.BasicStringLiteralContext).STRING().getText());
  }

  private intervalField(context: T.IntervalFieldContext): IntervalField {
    return context.getText().toUpperCase() as IntervalField;
  }

  private interval(context: T.IntervalContext): Expression {
    const to = context._to;
    return {
      kind: "intervalLiteral",
      value: this.stringValue(context.string()),
      sign: context.MINUS() !== null ? -1 : 1,
      from: this.intervalField(context._from_!),
      ...(to === undefined ? {} : { to: this.intervalField(to) }),
      at: at(context),
    };
  }

  private number(context: T.NumberContext): Expression {
    const { g } = this;
    const position = at(context);
    if (context instanceof g.DecimalLiteralContext) return { kind: "decimalLiteral", text: context.getText(), at: position };
    if (context instanceof g.DoubleLiteralContext) return { kind: "doubleLiteral", text: context.getText(), at: position };
    return { kind: "longLiteral", text: context.getText(), at: position };
  }

  private window(context: T.OverContext): Window {
    const name = context._windowName;
    if (name !== undefined) return { kind: "windowReference", name: this.identifier(name), at: at(context) };
    return { kind: "windowSpecification", ...this.windowSpecification(context.windowSpecification()!) };
  }

  windowSpecification(context: T.WindowSpecificationContext): WindowSpecification {
    const existing = context._existingWindowName;
    const frame = context.windowFrame();
    return {
      ...(existing === undefined ? {} : { existingName: this.identifier(existing) }),
      partitionBy: context.partitionBy()?.expression().map((expression) => this.expression(expression)) ?? [],
      orderBy: context.sortItem().map((item) => this.sortItem(item)),
      ...(frame === null ? {} : { frame: this.windowFrame(frame) }),
      at: at(context),
    };
  }

  private windowFrame(context: T.WindowFrameContext): WindowFrame {
    if (context.KW_MEASURES() !== null || context.KW_PATTERN() !== null) {
      throw new SqlSyntaxError("Row pattern recognition in windows is not supported", at(context));
    }
    const extent = context.frameExtent();
    const type = (extent._frameType?.text ?? "RANGE").toUpperCase() as "RANGE" | "ROWS" | "GROUPS";
    return { type, start: this.frameBound(extent._start!), ...(extent._end === undefined ? {} : { end: this.frameBound(extent._end) }), at: at(context) };
  }

  private frameBound(context: T.FrameBoundContext): FrameBound {
    const { g } = this;
    if (context instanceof g.UnboundedFrameContext) return { kind: context.KW_PRECEDING() !== null ? "unboundedPreceding" : "unboundedFollowing", at: at(context) };
    if (context instanceof g.CurrentRowBoundContext) return { kind: "currentRow", at: at(context) };
    const bounded = context as T.BoundedFrameContext;
    return { kind: bounded.KW_PRECEDING() !== null ? "preceding" : "following", value: this.expression(bounded.expression()), at: at(context) };
  }

  primaryExpression(context: T.PrimaryExpressionContext): Expression {
    const { g } = this;
    const position = at(context);
    if (context instanceof g.ColumnReferenceContext) return this.nameExpression(this.qualifiedName(context.columnName().qualifiedName()));
    if (context instanceof g.NumericLiteralContext) return this.number(context.number());
    if (context instanceof g.StringLiteralContext) return { kind: "stringLiteral", value: this.stringValue(context.string()), at: position };
    if (context instanceof g.BooleanLiteralContext) return { kind: "booleanLiteral", value: context.booleanValue().KW_TRUE() !== null, at: position };
    if (context instanceof g.NullLiteralContext) return { kind: "nullLiteral", at: position };
    if (context instanceof g.ParenthesizedExpressionContext) return this.expression(context.expression());
    if (context instanceof g.FunctionCallContext) return this.functionCall(context);
    if (context instanceof g.CastContext) {
      return { kind: "cast", value: this.expression(context.expression()), type: this.type(context.type()), safe: context.KW_TRY_CAST() !== null, at: position };
    }
    if (context instanceof g.DereferenceContext) {
      return { kind: "dereference", base: this.primaryExpression(context._base!), field: this.identifier(context._fieldName!), at: position };
    }
    if (context instanceof g.SubscriptContext) {
      return { kind: "subscript", base: this.primaryExpression(context._value!), index: this.valueExpression(context._index!), at: position };
    }
    if (context instanceof g.TypeConstructorContext) {
      const value = this.stringValue(context.string());
      if (context.KW_DOUBLE() !== null) return { kind: "genericLiteral", type: "DOUBLE", value, at: position };
      const type = this.identifier(context.identifier()!);
      return { kind: "genericLiteral", type: type.value.toUpperCase(), value, at: position };
    }
    if (context instanceof g.IntervalLiteralContext) return this.interval(context.interval());
    if (context instanceof g.BinaryLiteralContext) {
      const raw = context.BINARY_LITERAL().getText();
      const hex = raw.slice(2, -1).replace(/\s+/g, "");
      if (!/^[0-9A-Fa-f]*$/.test(hex)) throw new SqlSyntaxError("Binary literal can only contain hexadecimal digits", position);
      if (hex.length % 2 !== 0) throw new SqlSyntaxError("Binary literal must contain an even number of digits", position);
      return { kind: "binaryLiteral", hex: hex.toUpperCase(), at: position };
    }
    if (context instanceof g.ParameterContext) return { kind: "parameter", index: 0, at: position };
    if (context instanceof g.PositionContext) {
      const [needle, haystack] = context.valueExpression().map((value) => this.valueExpression(value));
      return this.call("strpos", position, [haystack!, needle!]);
    }
    if (context instanceof g.RowConstructorContext) return { kind: "row", items: context.expression().map((item) => this.expression(item)), at: position };
    if (context instanceof g.LambdaContext) {
      return { kind: "lambda", parameters: context.identifier().map((parameter) => this.identifier(parameter)), body: this.expression(context.expression()), at: position };
    }
    if (context instanceof g.SubqueryExpressionContext) return { kind: "subquery", query: this.query(context.query()), at: position };
    if (context instanceof g.ExistsContext) return { kind: "exists", subquery: this.query(context.query()), at: position };
    if (context instanceof g.SimpleCaseContext) {
      return {
        kind: "simpleCase",
        operand: this.expression(context._operand!),
        whens: context.whenClause().map((when) => ({ operand: this.expression(when._condition!), result: this.expression(when._result!), at: at(when) })),
        ...(context._elseExpression === undefined ? {} : { otherwise: this.expression(context._elseExpression) }),
        at: position,
      };
    }
    if (context instanceof g.SearchedCaseContext) {
      return {
        kind: "searchedCase",
        whens: context.whenClause().map((when) => ({ operand: this.expression(when._condition!), result: this.expression(when._result!), at: at(when) })),
        ...(context._elseExpression === undefined ? {} : { otherwise: this.expression(context._elseExpression) }),
        at: position,
      };
    }
    if (context instanceof g.ArrayConstructorContext) return { kind: "arrayConstructor", values: context.expression().map((value) => this.expression(value)), at: position };
    if (context instanceof g.CurrentDateContext) return { kind: "currentTime", function: "CURRENT_DATE", at: position };
    if (context instanceof g.CurrentTimeContext || context instanceof g.CurrentTimestampContext || context instanceof g.LocalTimeContext || context instanceof g.LocalTimestampContext) {
      const precision = context._precision?.text;
      const name = (context._name?.text ?? "").toUpperCase() as "CURRENT_TIME" | "CURRENT_TIMESTAMP" | "LOCALTIME" | "LOCALTIMESTAMP";
      return { kind: "currentTime", function: name, ...(precision === undefined ? {} : { precision: Number(precision) }), at: position };
    }
    if (context instanceof g.CurrentUserContext) return { kind: "currentValue", function: "CURRENT_USER", at: position };
    if (context instanceof g.CurrentCatalogContext) return { kind: "currentValue", function: "CURRENT_CATALOG", at: position };
    if (context instanceof g.CurrentSchemaContext) return { kind: "currentValue", function: "CURRENT_SCHEMA", at: position };
    if (context instanceof g.CurrentPathContext) return { kind: "currentValue", function: "CURRENT_PATH", at: position };
    if (context instanceof g.TrimContext) {
      const specification = (context.trimsSpecification()?.getText().toUpperCase() ?? "BOTH") as "BOTH" | "LEADING" | "TRAILING";
      const characters = context._trimChar;
      return { kind: "trim", specification, ...(characters === undefined ? {} : { characters: this.valueExpression(characters) }), source: this.valueExpression(context._trimSource!), at: position };
    }
    if (context instanceof g.SubstringContext) {
      return this.call(
        "substr",
        position,
        context.valueExpression().map((value) => this.valueExpression(value)),
      );
    }
    if (context instanceof g.NormalizeContext) {
      const form = context.normalForm()?.getText().toUpperCase() ?? "NFC";
      return this.call("normalize", position, [this.valueExpression(context.valueExpression()), { kind: "stringLiteral", value: form, at: position }]);
    }
    if (context instanceof g.ExtractContext) return { kind: "extract", field: this.identifier(context.identifier()), value: this.valueExpression(context.valueExpression()), at: position };
    if (context instanceof g.CoalesceContext) return { kind: "coalesce", operands: context.expression().map((operand) => this.expression(operand)), at: position };
    if (context instanceof g.GroupingOperationContext) return { kind: "grouping", columns: context.qualifiedName().map((name) => this.qualifiedName(name)), at: position };
    if (context instanceof g.ListAggContext) {
      const separator = context.string();
      const args: Expression[] = [this.expression(context.expression())];
      if (separator !== null) args.push({ kind: "stringLiteral", value: this.stringValue(separator), at: at(separator) });
      const filter = context.filter();
      return {
        kind: "functionCall",
        name: { parts: [{ kind: "identifier", value: "listagg", delimited: false, at: position }], at: position },
        arguments: args,
        distinct: context.setQuantifier()?.KW_DISTINCT() != null,
        star: false,
        ...(filter === null ? {} : { filter: this.booleanExpression(filter.whereClause().booleanExpression()) }),
        orderBy: context.sortItem().map((item) => this.sortItem(item)),
        at: position,
      };
    }
    if (context instanceof g.MeasureContext) return { kind: "unsupported", feature: "row pattern measures", at: position };
    const feature = context.start?.text?.toUpperCase() ?? "this expression";
    return { kind: "unsupported", feature, at: position };
  }

  private functionCall(context: T.FunctionCallContext): Expression {
    const name = this.qualifiedName(context.functionName().qualifiedName());
    const filter = context.filter();
    const over = context.over();
    const treatment = context.nullTreatment();
    const quantifier = context.setQuantifier();
    const position = at(context);
    if (context.processingMode() !== null) throw new SqlSyntaxError("RUNNING and FINAL are only allowed in row pattern recognition", position);
    const star = context.ASTERISK() !== null;
    return {
      kind: "functionCall",
      name,
      arguments: context.expression().map((argument) => this.expression(argument)),
      distinct: quantifier !== null && quantifier.KW_DISTINCT() !== null,
      star,
      ...(filter === null ? {} : { filter: this.booleanExpression(filter.whereClause().booleanExpression()) }),
      orderBy: context.sortItem().map((item) => this.sortItem(item)),
      ...(over === null ? {} : { window: this.window(over) }),
      ...(treatment === null ? {} : { nullTreatment: treatment.KW_IGNORE() !== null ? ("IGNORE" as const) : ("RESPECT" as const) }),
      at: position,
    };
  }

  // ------------------------------------------------------------ types

  type(context: T.TypeContext): DataType {
    const { g } = this;
    const position = at(context);
    if (context instanceof g.RowTypeContext) {
      return {
        kind: "row",
        fields: context.rowField().map((field) => {
          const fieldName = field.identifier();
          return { ...(fieldName === null ? {} : { name: this.identifier(fieldName) }), type: this.type(field.type()) };
        }),
        at: position,
      };
    }
    if (context instanceof g.IntervalTypeContext) {
      const to = context._to;
      return { kind: "interval", from: this.intervalField(context._from_!), ...(to === undefined ? {} : { to: this.intervalField(to) }), at: position };
    }
    if (context instanceof g.DateTimeTypeContext || context instanceof g.TimeTypeContext) {
      const base = context instanceof g.DateTimeTypeContext ? "timestamp" : "time";
      const precision = context._precision;
      return {
        kind: "dateTime",
        base,
        ...(precision === undefined ? {} : { precision: this.typeParameter(precision) }),
        withTimeZone: context.KW_WITH() !== null,
        at: position,
      };
    }
    const generic = (name: string, parameters: DataTypeParameter[]): DataType => ({ kind: "generic", name: { kind: "identifier", value: name, delimited: false, at: position }, parameters, at: position });
    if (context instanceof g.DoublePrecisionTypeContext) return generic("double", []);
    if (context instanceof g.LegacyArrayTypeContext) return generic("array", [{ kind: "type", type: this.type(context.type()) }]);
    if (context instanceof g.LegacyMapTypeContext) return generic("map", [{ kind: "type", type: this.type(context._keyType!) }, { kind: "type", type: this.type(context._valueType!) }]);
    if (context instanceof g.ArrayTypeContext) return generic("array", [{ kind: "type", type: this.type(context.type()) }]);
    const genericContext = context as T.GenericTypeContext;
    return { kind: "generic", name: this.identifier(genericContext.identifier()), parameters: genericContext.typeParameter().map((parameter) => this.typeParameter(parameter)), at: position };
  }

  private typeParameter(context: T.TypeParameterContext): DataTypeParameter {
    const integer = context.INTEGER_VALUE();
    if (integer !== null) return { kind: "number", value: Number(integer.getText()) };
    return { kind: "type", type: this.type(context.type()!) };
  }
}
