/**
 * The syntax tree of a Trino statement, as Athena's query engine (Trino) sees it: built from the parse tree of
 * Trino's grammar (buildTrinoAst.ts), analysed into DuckDB SQL (analyze/). Nodes mirror Trino's own tree
 * (io.trino.sql.tree) closely enough that its error positions and messages carry over: `at` is where Trino's
 * AstBuilder places the node (for a comparison, its operator; for a function call, its name).
 */

/** 1-based line and column, as Trino writes them in `line 1:8: ...`. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Identifier {
  readonly kind: "identifier";
  /** The name as written, without its quotes. */
  readonly value: string;
  /** Written in double quotes. */
  readonly delimited: boolean;
  readonly at: Position;
}

/** `a.b.c`: catalog, schema, table; or a column's qualifier and name. */
export interface QualifiedName {
  readonly parts: readonly Identifier[];
  readonly at: Position;
}

// ---------------------------------------------------------------- types as written

export type DataTypeParameter = { readonly kind: "number"; readonly value: number } | { readonly kind: "type"; readonly type: DataType };

export type DataType =
  | { readonly kind: "generic"; readonly name: Identifier; readonly parameters: readonly DataTypeParameter[]; readonly at: Position }
  | { readonly kind: "row"; readonly fields: readonly { readonly name?: Identifier; readonly type: DataType }[]; readonly at: Position }
  | { readonly kind: "dateTime"; readonly base: "timestamp" | "time"; readonly precision?: DataTypeParameter; readonly withTimeZone: boolean; readonly at: Position }
  | { readonly kind: "interval"; readonly from: IntervalField; readonly to?: IntervalField; readonly at: Position };

export type IntervalField = "YEAR" | "MONTH" | "DAY" | "HOUR" | "MINUTE" | "SECOND";

// ---------------------------------------------------------------- expressions

export type ComparisonOperator = "=" | "<>" | "<" | "<=" | ">" | ">=" | "IS DISTINCT FROM";
export type ArithmeticOperator = "+" | "-" | "*" | "/" | "%";

export interface SortItem {
  readonly key: Expression;
  readonly ordering: "ASC" | "DESC";
  /** Trino sorts NULLs last unless told: `NULLS FIRST` / `NULLS LAST`. */
  readonly nulls?: "FIRST" | "LAST";
  readonly at: Position;
}

export interface FrameBound {
  readonly kind: "unboundedPreceding" | "unboundedFollowing" | "currentRow" | "preceding" | "following";
  readonly value?: Expression;
  readonly at: Position;
}

export interface WindowFrame {
  readonly type: "RANGE" | "ROWS" | "GROUPS";
  readonly start: FrameBound;
  readonly end?: FrameBound;
  readonly at: Position;
}

export interface WindowSpecification {
  readonly existingName?: Identifier;
  readonly partitionBy: readonly Expression[];
  readonly orderBy: readonly SortItem[];
  readonly frame?: WindowFrame;
  readonly at: Position;
}

/** `OVER w` (a named window) or `OVER (...)`. */
export type Window = { readonly kind: "windowReference"; readonly name: Identifier; readonly at: Position } | ({ readonly kind: "windowSpecification" } & WindowSpecification);

export interface WhenClause {
  readonly operand: Expression;
  readonly result: Expression;
  readonly at: Position;
}

export type Expression =
  | Identifier
  | { readonly kind: "nullLiteral"; readonly at: Position }
  | { readonly kind: "booleanLiteral"; readonly value: boolean; readonly at: Position }
  /** An integer literal's text as written (decimal, 0x.., 0o.., 0b.., with `_`), checked by the analyzer. */
  | { readonly kind: "longLiteral"; readonly text: string; readonly at: Position }
  | { readonly kind: "decimalLiteral"; readonly text: string; readonly at: Position }
  | { readonly kind: "doubleLiteral"; readonly text: string; readonly at: Position }
  | { readonly kind: "stringLiteral"; readonly value: string; readonly at: Position }
  | { readonly kind: "binaryLiteral"; readonly hex: string; readonly at: Position }
  /** `DATE '2026-11-28'`, `TIMESTAMP '...'`, `DECIMAL '1.5'`, `REAL '1'`, ... */
  | { readonly kind: "genericLiteral"; readonly type: string; readonly value: string; readonly at: Position }
  | { readonly kind: "intervalLiteral"; readonly value: string; readonly sign: 1 | -1; readonly from: IntervalField; readonly to?: IntervalField; readonly at: Position }
  | { readonly kind: "parameter"; readonly index: number; readonly at: Position }
  | { readonly kind: "dereference"; readonly base: Expression; readonly field: Identifier; readonly at: Position }
  | { readonly kind: "subscript"; readonly base: Expression; readonly index: Expression; readonly at: Position }
  | {
      readonly kind: "functionCall";
      readonly name: QualifiedName;
      readonly arguments: readonly Expression[];
      readonly distinct: boolean;
      /** `count(*)`, `count(t.*)`. */
      readonly star: boolean;
      readonly filter?: Expression;
      readonly orderBy: readonly SortItem[];
      readonly window?: Window;
      readonly nullTreatment?: "IGNORE" | "RESPECT";
      readonly at: Position;
    }
  | { readonly kind: "cast"; readonly value: Expression; readonly type: DataType; readonly safe: boolean; readonly at: Position }
  | { readonly kind: "arithmeticBinary"; readonly operator: ArithmeticOperator; readonly left: Expression; readonly right: Expression; readonly at: Position }
  | { readonly kind: "arithmeticUnary"; readonly sign: "+" | "-"; readonly value: Expression; readonly at: Position }
  | { readonly kind: "concatenation"; readonly left: Expression; readonly right: Expression; readonly at: Position }
  | { readonly kind: "comparison"; readonly operator: ComparisonOperator; readonly left: Expression; readonly right: Expression; readonly at: Position }
  | { readonly kind: "quantifiedComparison"; readonly operator: ComparisonOperator; readonly quantifier: "ALL" | "ANY" | "SOME"; readonly value: Expression; readonly subquery: Query; readonly at: Position }
  | { readonly kind: "between"; readonly value: Expression; readonly min: Expression; readonly max: Expression; readonly at: Position }
  | { readonly kind: "inList"; readonly value: Expression; readonly list: readonly Expression[]; readonly at: Position }
  | { readonly kind: "inSubquery"; readonly value: Expression; readonly subquery: Query; readonly at: Position }
  | { readonly kind: "like"; readonly value: Expression; readonly pattern: Expression; readonly escape?: Expression; readonly at: Position }
  | { readonly kind: "isNull"; readonly value: Expression; readonly at: Position }
  | { readonly kind: "isNotNull"; readonly value: Expression; readonly at: Position }
  | { readonly kind: "not"; readonly value: Expression; readonly at: Position }
  | { readonly kind: "logical"; readonly operator: "AND" | "OR"; readonly terms: readonly Expression[]; readonly at: Position }
  | { readonly kind: "exists"; readonly subquery: Query; readonly at: Position }
  | { readonly kind: "subquery"; readonly query: Query; readonly at: Position }
  | { readonly kind: "simpleCase"; readonly operand: Expression; readonly whens: readonly WhenClause[]; readonly otherwise?: Expression; readonly at: Position }
  | { readonly kind: "searchedCase"; readonly whens: readonly WhenClause[]; readonly otherwise?: Expression; readonly at: Position }
  | { readonly kind: "coalesce"; readonly operands: readonly Expression[]; readonly at: Position }
  | { readonly kind: "arrayConstructor"; readonly values: readonly Expression[]; readonly at: Position }
  | { readonly kind: "row"; readonly items: readonly Expression[]; readonly at: Position }
  | { readonly kind: "lambda"; readonly parameters: readonly Identifier[]; readonly body: Expression; readonly at: Position }
  | { readonly kind: "atTimeZone"; readonly value: Expression; readonly zone: Expression; readonly at: Position }
  | { readonly kind: "extract"; readonly field: Identifier; readonly value: Expression; readonly at: Position }
  | { readonly kind: "currentTime"; readonly function: "CURRENT_DATE" | "CURRENT_TIME" | "CURRENT_TIMESTAMP" | "LOCALTIME" | "LOCALTIMESTAMP"; readonly precision?: number; readonly at: Position }
  | { readonly kind: "currentValue"; readonly function: "CURRENT_USER" | "CURRENT_CATALOG" | "CURRENT_SCHEMA" | "CURRENT_PATH"; readonly at: Position }
  | { readonly kind: "trim"; readonly specification: "BOTH" | "LEADING" | "TRAILING"; readonly characters?: Expression; readonly source: Expression; readonly at: Position }
  | { readonly kind: "grouping"; readonly columns: readonly QualifiedName[]; readonly at: Position }
  /** What the front end parses but does not run (JSON_TABLE, MATCH_RECOGNIZE measures, ...): refused by the analyzer by name. */
  | { readonly kind: "unsupported"; readonly feature: string; readonly at: Position };

// ---------------------------------------------------------------- relations and queries

export type JoinType = "CROSS" | "INNER" | "LEFT" | "RIGHT" | "FULL" | "IMPLICIT";

export type JoinCriteria = { readonly kind: "on"; readonly condition: Expression } | { readonly kind: "using"; readonly columns: readonly Identifier[] } | { readonly kind: "natural" };

export type Relation =
  | { readonly kind: "table"; readonly name: QualifiedName; readonly at: Position }
  | { readonly kind: "aliasedRelation"; readonly relation: Relation; readonly alias: Identifier; readonly columnNames?: readonly Identifier[]; readonly at: Position }
  | { readonly kind: "join"; readonly type: JoinType; readonly left: Relation; readonly right: Relation; readonly criteria?: JoinCriteria; readonly at: Position }
  | { readonly kind: "tableSubquery"; readonly query: Query; readonly at: Position }
  | { readonly kind: "lateral"; readonly query: Query; readonly at: Position }
  | { readonly kind: "unnest"; readonly expressions: readonly Expression[]; readonly withOrdinality: boolean; readonly at: Position }
  | { readonly kind: "sampledRelation"; readonly relation: Relation; readonly method: "BERNOULLI" | "SYSTEM"; readonly percentage: Expression; readonly at: Position }
  | { readonly kind: "unsupportedRelation"; readonly feature: string; readonly at: Position };

export type SelectItem =
  | { readonly kind: "singleColumn"; readonly expression: Expression; readonly alias?: Identifier; readonly at: Position }
  /** `*` (no target) or `t.*`, `expr.*`, optionally `AS (a, b)`. */
  | { readonly kind: "allColumns"; readonly target?: Expression; readonly aliases: readonly Identifier[]; readonly at: Position };

export type GroupingElement =
  | { readonly kind: "simple"; readonly expressions: readonly Expression[]; readonly at: Position }
  | { readonly kind: "rollup"; readonly sets: readonly (readonly Expression[])[]; readonly at: Position }
  | { readonly kind: "cube"; readonly sets: readonly (readonly Expression[])[]; readonly at: Position }
  | { readonly kind: "groupingSets"; readonly sets: readonly (readonly Expression[])[]; readonly at: Position };

export interface GroupBy {
  readonly distinct: boolean;
  readonly elements: readonly GroupingElement[];
  readonly at: Position;
}

export interface WindowDefinition {
  readonly name: Identifier;
  readonly window: WindowSpecification;
  readonly at: Position;
}

export interface QuerySpecification {
  readonly kind: "querySpecification";
  readonly distinct: boolean;
  readonly select: readonly SelectItem[];
  /** Several FROM items are joined as `IMPLICIT` joins, left to right. */
  readonly from?: Relation;
  readonly where?: Expression;
  readonly groupBy?: GroupBy;
  readonly having?: Expression;
  readonly windows: readonly WindowDefinition[];
  readonly at: Position;
}

export type QueryBody =
  | QuerySpecification
  | { readonly kind: "setOperation"; readonly operator: "UNION" | "INTERSECT" | "EXCEPT"; readonly distinct: boolean; readonly left: QueryBody; readonly right: QueryBody; readonly at: Position }
  | { readonly kind: "values"; readonly rows: readonly Expression[]; readonly at: Position }
  | { readonly kind: "tableQuery"; readonly name: QualifiedName; readonly at: Position }
  /** A parenthesised query used as a query body: `(SELECT ...) UNION ...`. */
  | { readonly kind: "subqueryBody"; readonly query: Query; readonly at: Position };

export interface WithQuery {
  readonly name: Identifier;
  readonly columnNames?: readonly Identifier[];
  readonly query: Query;
  readonly at: Position;
}

export interface With {
  readonly recursive: boolean;
  readonly queries: readonly WithQuery[];
  readonly at: Position;
}

export interface Limit {
  /** undefined for `LIMIT ALL`. */
  readonly count?: Expression;
  readonly withTies: boolean;
  readonly at: Position;
}

export interface Query {
  readonly kind: "query";
  readonly with?: With;
  readonly body: QueryBody;
  readonly orderBy: readonly SortItem[];
  readonly offset?: Expression;
  readonly limit?: Limit;
  readonly at: Position;
}

// ---------------------------------------------------------------- statements

export interface Property {
  readonly name: Identifier;
  /** undefined for `DEFAULT`. */
  readonly value?: Expression;
  readonly at: Position;
}

export type Statement =
  | Query
  | {
      readonly kind: "createTableAsSelect";
      readonly name: QualifiedName;
      readonly orReplace: boolean;
      readonly notExists: boolean;
      readonly columnAliases?: readonly Identifier[];
      readonly comment?: string;
      readonly properties: readonly Property[];
      readonly query: Query;
      readonly withData: boolean;
      readonly at: Position;
    }
  | { readonly kind: "insert"; readonly target: QualifiedName; readonly columns?: readonly Identifier[]; readonly query: Query; readonly at: Position }
  | { readonly kind: "createView"; readonly name: QualifiedName; readonly orReplace: boolean; readonly query: Query; readonly comment?: string; readonly security?: "DEFINER" | "INVOKER"; readonly queryText: string; readonly at: Position }
  | { readonly kind: "dropView"; readonly name: QualifiedName; readonly exists: boolean; readonly at: Position }
  | { readonly kind: "explain"; readonly statement: Statement; readonly analyze: boolean; readonly format?: "TEXT" | "GRAPHVIZ" | "JSON"; readonly type?: "LOGICAL" | "DISTRIBUTED" | "VALIDATE" | "IO"; readonly at: Position }
  /** Athena's UNLOAD (not Trino's): `UNLOAD (query) TO 's3://...' WITH (...)`. */
  | { readonly kind: "unload"; readonly query: Query; readonly location: string; readonly properties: readonly Property[]; readonly at: Position }
  | { readonly kind: "showCreateView"; readonly name: QualifiedName; readonly at: Position }
  /** A statement Trino's grammar knows but Athena's engine does not run here (GRANT, MERGE, ...). */
  /**
   * A statement the emulator does not run. `athenaRuns`: Athena has it (DELETE, UPDATE and MERGE on Iceberg tables,
   * prepared statements, SHOW FUNCTIONS...), so it fails while running, naming the emulator; otherwise Athena
   * refuses it at start (START TRANSACTION, USE, CALL...).
   */
  | { readonly kind: "unsupportedStatement"; readonly description: string; readonly athenaRuns: boolean; readonly at: Position };
