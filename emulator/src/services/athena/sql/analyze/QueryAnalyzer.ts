import { queryErrorAt } from "../../errors/athenaErrors";
import type { Expression, GroupingElement, Identifier, Limit, Position, QualifiedName, Query, QueryBody, QuerySpecification, Relation, SelectItem, SortItem, WindowSpecification } from "../ast";
import { formatExpression } from "../formatSql";
import { commonSuperType } from "../types/coercion";
import { display, isComparable, rowFieldKey, type TrinoType, typesEqual } from "../types/TrinoType";
import type { Bound } from "./Bound";
import { ExpressionAnalyzer, nameParts } from "./ExpressionAnalyzer";
import type { ExpressionContext, Session, SubqueryResult } from "./ExpressionContext";
import { coerceSql } from "./operators";
import type { RelationCatalog } from "./RelationCatalog";
import { type Field, Scope } from "./Scope";
import { quoteIdentifier, quoteString } from "./sqlText";

/** A query's result: a DuckDB SELECT whose columns are `_c0`, `_c1`, ... in order, and what they are. */
export interface QueryPlan {
  readonly sql: string;
  readonly columns: readonly OutputColumn[];
}

export interface OutputColumn {
  /** The name Trino gives it (as written); undefined for an expression without alias (`_colN`). */
  readonly name?: string;
  readonly type: TrinoType;
}

interface RelationPlan {
  /** A FROM item: `(...) AS "t3"`, or joins of such. */
  readonly sql: string;
  readonly fields: readonly Field[];
}

interface NamedQuery {
  readonly name: string;
  readonly plan: QueryPlan;
  readonly columnNames?: readonly Identifier[];
}

const INTERNAL = (index: number): string => `"_c${index}"`;

/** The name Trino gives a select item without alias: a column reference keeps its (last) name. */
function itemName(expression: Expression): string | undefined {
  const parts = nameParts(expression);
  return parts === undefined ? undefined : parts[parts.length - 1]!.value;
}

/** Grouping sets of a GROUP BY: simple elements, ROLLUP, CUBE and GROUPING SETS, crossed as Trino crosses them. */
function groupingSets(elements: readonly GroupingElement[], resolve: (expression: Expression) => Bound): Bound[][] {
  let sets: Bound[][] = [[]];
  for (const element of elements) {
    let elementSets: Bound[][];
    switch (element.kind) {
      case "simple":
        elementSets = [element.expressions.map(resolve)];
        break;
      case "rollup": {
        const columns = element.sets.map((set) => set.map(resolve));
        elementSets = columns.map((_, index) => columns.slice(0, columns.length - index).flat()).concat([[]]);
        break;
      }
      case "cube": {
        const columns = element.sets.map((set) => set.map(resolve));
        elementSets = [];
        for (let mask = (1 << columns.length) - 1; mask >= 0; mask--) elementSets.push(columns.filter((_, index) => (mask & (1 << (columns.length - 1 - index))) !== 0).flat());
        break;
      }
      case "groupingSets":
        elementSets = element.sets.map((set) => set.map(resolve));
        break;
    }
    sets = sets.flatMap((set) => elementSets.map((extra) => [...set, ...extra]));
  }
  return sets;
}

/**
 * Analyses queries as Trino's StatementAnalyzer does (scopes, FROM, WHERE, GROUP BY, HAVING, SELECT, ORDER BY,
 * set operations, WITH), raising its semantic errors, and writes one DuckDB SELECT that reads the Glue tables only
 * through the scans the catalog prepared. Names and values reach the SQL quoted by this code; nothing is spliced.
 */
export class QueryAnalyzer {
  private readonly expressions = new ExpressionAnalyzer();
  private relationCounter = 0;

  constructor(
    private readonly catalog: RelationCatalog,
    private readonly session: Session,
  ) {}

  private nextAlias(): { alias: string; id: number } {
    const id = this.relationCounter++;
    return { alias: quoteIdentifier(`t${id}`), id };
  }

  private context(scope: Scope, ctes: ReadonlyMap<string, NamedQuery>, windows: ReadonlyMap<string, WindowSpecification> = new Map(), forbidAggregates?: string): ExpressionContext {
    return {
      scope,
      lambdas: new Map(),
      insideWindow: false,
      windows,
      safe: false,
      session: this.session,
      ...(forbidAggregates === undefined ? {} : { forbidAggregates }),
      analyzeSubquery: (query, outer): SubqueryResult => {
        const plan = this.query(query, outer, ctes);
        return { sql: plan.sql, columns: plan.columns, correlated: false };
      },
    };
  }

  // ------------------------------------------------------------------ queries

  query(query: Query, outer: Scope | undefined, ctes: ReadonlyMap<string, NamedQuery>): QueryPlan {
    let scopeCtes = ctes;
    if (query.with !== undefined) {
      if (query.with.recursive) throw queryErrorAt("NOT_SUPPORTED", query.with.at, "Recursive WITH queries are not supported");
      const defined = new Map(ctes);
      const seen = new Set<string>();
      for (const named of query.with.queries) {
        const name = named.name.value.toLowerCase();
        if (seen.has(name)) throw queryErrorAt("DUPLICATE_NAMED_QUERY", named.at, `WITH query name '${named.name.value}' specified more than once`);
        seen.add(name);
        const plan = this.query(named.query, outer, defined);
        if (named.columnNames !== undefined && named.columnNames.length !== plan.columns.length) {
          throw queryErrorAt("MISMATCHED_COLUMN_ALIASES", named.at, `WITH column alias list has ${named.columnNames.length} entries but WITH query(${named.name.value}) has ${plan.columns.length} columns`);
        }
        defined.set(name, { name: named.name.value, plan, ...(named.columnNames === undefined ? {} : { columnNames: named.columnNames }) });
      }
      scopeCtes = defined;
    }
    if (query.body.kind === "querySpecification") {
      return this.querySpecification(query.body, outer, scopeCtes, query.orderBy, query.offset, query.limit);
    }
    const body = this.queryBody(query.body, outer, scopeCtes);
    if (query.orderBy.length === 0 && query.offset === undefined && query.limit === undefined) return body;
    // ORDER BY over a set operation or VALUES sees only its output columns.
    const alias = this.nextAlias();
    const fields: Field[] = body.columns.map((column, index) => ({ ...(column.name === undefined ? {} : { name: column.name }), qualifiers: [], type: column.type, sql: `${alias.alias}.${INTERNAL(index)}`, hidden: false, relation: alias.id }));
    const scope = new Scope(fields, outer);
    const context = this.context(scope, scopeCtes);
    const order = query.orderBy.flatMap((item) => this.sortKey(item, context, body.columns.map((column, index) => ({ column, sql: `${alias.alias}.${INTERNAL(index)}` }))) ?? []);
    const select = body.columns.map((_, index) => `${alias.alias}.${INTERNAL(index)} AS ${INTERNAL(index)}`).join(", ");
    let sql = `SELECT ${select} FROM (${body.sql}) AS ${alias.alias}`;
    if (order.length > 0) sql += ` ORDER BY ${order.join(", ")}`;
    sql += this.limitClause(query.limit, query.offset, context);
    return { sql, columns: body.columns };
  }

  private queryBody(body: QueryBody, outer: Scope | undefined, ctes: ReadonlyMap<string, NamedQuery>): QueryPlan {
    switch (body.kind) {
      case "querySpecification":
        return this.querySpecification(body, outer, ctes, [], undefined, undefined);
      case "subqueryBody":
        return this.query(body.query, outer, ctes);
      case "tableQuery":
        return this.querySpecification(
          { kind: "querySpecification", distinct: false, select: [{ kind: "allColumns", aliases: [], at: body.at }], from: { kind: "table", name: body.name, at: body.at }, windows: [], at: body.at },
          outer,
          ctes,
          [],
          undefined,
          undefined,
        );
      case "values":
        return this.values(body, outer, ctes);
      case "setOperation":
        return this.setOperation(body, outer, ctes);
    }
  }

  private values(body: Extract<QueryBody, { kind: "values" }>, outer: Scope | undefined, ctes: ReadonlyMap<string, NamedQuery>): QueryPlan {
    const context = this.context(new Scope([], outer), ctes, new Map(), "VALUES");
    const rows = body.rows.map((row) => (row.kind === "row" ? row.items : [row]).map((item) => this.expressions.analyze(item, context)));
    const width = rows[0]!.length;
    const types: TrinoType[] = rows[0]!.map((bound) => bound.type);
    for (const row of rows) {
      if (row.length !== width) throw queryErrorAt("TYPE_MISMATCH", body.at, `Values rows have mismatched sizes: ${width} vs ${row.length}`);
      row.forEach((bound, index) => {
        const common = commonSuperType(types[index]!, bound.type);
        if (common === undefined) {
          throw queryErrorAt("TYPE_MISMATCH", body.at, `Values rows have mismatched types: row(${types.map(display).join(", ")}) vs row(${row.map((item) => display(item.type)).join(", ")})`);
        }
        types[index] = common;
      });
    }
    const tuples = rows.map((row) => `(${row.map((bound, index) => (types[index]!.kind === "unknown" ? "NULL" : coerceSql(bound.sql, bound.type, types[index]!))).join(", ")})`);
    const alias = this.nextAlias();
    const names = types.map((_, index) => INTERNAL(index)).join(", ");
    return { sql: `SELECT * FROM (VALUES ${tuples.join(", ")}) AS ${alias.alias}(${names})`, columns: types.map((type) => ({ type })) };
  }

  private setOperation(body: Extract<QueryBody, { kind: "setOperation" }>, outer: Scope | undefined, ctes: ReadonlyMap<string, NamedQuery>): QueryPlan {
    const left = this.queryBody(body.left, outer, ctes);
    const right = this.queryBody(body.right, outer, ctes);
    if (left.columns.length !== right.columns.length) {
      throw queryErrorAt("TYPE_MISMATCH", body.at, `${body.operator} query has different number of fields: ${left.columns.length}, ${right.columns.length}`);
    }
    const types = left.columns.map((column, index) => {
      const other = right.columns[index]!;
      const common = commonSuperType(column.type, other.type);
      if (common === undefined) throw queryErrorAt("TYPE_MISMATCH", body.at, `column ${index + 1} in ${body.operator} query has incompatible types: ${display(column.type)}, ${display(other.type)}`);
      if (body.distinct && !isComparable(common)) throw queryErrorAt("TYPE_MISMATCH", body.at, `Type ${display(common)} is not comparable and therefore cannot be used in ${body.operator} DISTINCT`);
      return common;
    });
    const side = (plan: QueryPlan): string => {
      const alias = this.nextAlias();
      const select = plan.columns.map((column, index) => `${coerceSql(`${alias.alias}.${INTERNAL(index)}`, column.type, types[index]!)} AS ${INTERNAL(index)}`).join(", ");
      return `SELECT ${select} FROM (${plan.sql}) AS ${alias.alias}`;
    };
    const operator = `${body.operator}${body.distinct ? "" : " ALL"}`;
    return { sql: `${side(left)} ${operator} ${side(right)}`, columns: types.map((type, index) => ({ ...(left.columns[index]!.name === undefined ? {} : { name: left.columns[index]!.name }), type })) };
  }

  private limitClause(limit: Limit | undefined, offset: Expression | undefined, context: ExpressionContext): string {
    let sql = "";
    const count = (expression: Expression, clause: string): bigint => {
      const bound = this.expressions.analyze(expression, context);
      const value = bound.literal?.value;
      if (typeof value !== "number" && typeof value !== "bigint") throw queryErrorAt("NOT_SUPPORTED", expression.at, `${clause} must be a number literal`);
      const number = BigInt(value);
      if (number < 0n) throw queryErrorAt("NUMERIC_VALUE_OUT_OF_RANGE", expression.at, `${clause} row count must be greater or equal to 0 (actual value: ${number})`);
      return number;
    };
    if (limit?.count !== undefined && !limit.withTies) sql += ` LIMIT ${count(limit.count, "LIMIT")}`;
    if (offset !== undefined) sql += ` OFFSET ${count(offset, "OFFSET")}`;
    return sql;
  }

  /** One ORDER BY key: an output position, an output column's name, or an expression over the FROM clause; none for a constant. */
  private sortKey(item: SortItem, context: ExpressionContext, outputs: readonly { column: OutputColumn; sql: string }[]): string | undefined {
    const key = item.key;
    if (key.kind === "longLiteral") {
      const position = Number(key.text);
      if (!Number.isInteger(position) || position < 1 || position > outputs.length) throw queryErrorAt("INVALID_COLUMN_REFERENCE", key.at, `ORDER BY position ${key.text} is not in select list`);
      const output = outputs[position - 1]!;
      return this.expressions.sortItem(item, context, { type: output.column.type, sql: output.sql, node: key, role: "expression", children: [], deterministic: true }).sql;
    }
    const bound = this.expressions.analyze(key, context);
    return isConstantSortKey(bound) ? undefined : this.expressions.sortItem(item, context, bound).sql;
  }

  // ------------------------------------------------------------------ query specification

  private querySpecification(spec: QuerySpecification, outer: Scope | undefined, ctes: ReadonlyMap<string, NamedQuery>, orderBy: readonly SortItem[], offset: Expression | undefined, limit: Limit | undefined): QueryPlan {
    const from: RelationPlan = spec.from === undefined ? { sql: `(SELECT 1) AS ${this.nextAlias().alias}`, fields: [] } : this.relation(spec.from, outer, ctes, undefined);
    const scope = new Scope(from.fields, outer);
    const windows = new Map<string, WindowSpecification>();
    for (const definition of spec.windows) {
      const name = definition.name.value.toLowerCase();
      if (windows.has(name)) throw queryErrorAt("INVALID_WINDOW_REFERENCE", definition.at, `WINDOW '${definition.name.value}' is already defined`);
      windows.set(name, definition.window);
    }
    const context = this.context(scope, ctes, windows);

    let where: Bound | undefined;
    if (spec.where !== undefined) {
      where = this.expressions.analyze(spec.where, { ...context, forbidAggregates: "WHERE clause" });
      if (where.type.kind !== "boolean" && where.type.kind !== "unknown") throw queryErrorAt("TYPE_MISMATCH", spec.where.at, `WHERE clause must evaluate to a boolean: actual type ${display(where.type)}`);
    }

    const items = this.selectItems(spec.select, scope, context, spec.from !== undefined);

    let groupSets: Bound[][] | undefined;
    if (spec.groupBy !== undefined) {
      const groupContext: ExpressionContext = { ...context, forbidAggregates: "GROUP BY clause" };
      groupSets = groupingSets(spec.groupBy.elements, (expression) => {
        if (expression.kind === "longLiteral") {
          const position = Number(expression.text);
          if (!Number.isInteger(position) || position < 1 || position > items.length) throw queryErrorAt("INVALID_COLUMN_REFERENCE", expression.at, `GROUP BY position ${expression.text} is not in select list`);
          const item = items[position - 1]!;
          if (item.bound.role === "aggregate" || containsAggregate(item.bound)) throw queryErrorAt("EXPRESSION_NOT_SCALAR", expression.at, `GROUP BY position ${position} is an aggregate`);
          return item.bound;
        }
        return this.expressions.analyze(expression, groupContext);
      });
      if (spec.groupBy.distinct) {
        const unique = new Map<string, Bound[]>();
        for (const set of groupSets) unique.set([...new Set(set.map((bound) => bound.sql))].sort().join("\u0000"), set);
        groupSets = [...unique.values()];
      }
    }

    let having: Bound | undefined;
    if (spec.having !== undefined) {
      having = this.expressions.analyze(spec.having, context);
      if (having.type.kind !== "boolean" && having.type.kind !== "unknown") throw queryErrorAt("TYPE_MISMATCH", spec.having.at, `HAVING clause must evaluate to a boolean: actual type ${display(having.type)}`);
      if (containsWindow(having)) throw queryErrorAt("NESTED_WINDOW", spec.having.at, "HAVING clause cannot contain window functions or row pattern measures");
    }

    // ORDER BY sees the output columns first, then the FROM clause's.
    const outputFields: Field[] = items.map((item) => ({ ...(item.name === undefined ? {} : { name: item.name }), qualifiers: [], type: item.bound.type, sql: item.bound.sql, hidden: false, relation: -1, checked: true }));
    const orderScope = new Scope(outputFields, scope, true);
    const orderContext: ExpressionContext = { ...context, scope: orderScope };
    const orderKeys = orderBy.map((item) => {
      const key = item.key;
      if (key.kind === "longLiteral") {
        const position = Number(key.text);
        if (!Number.isInteger(position) || position < 1 || position > items.length) throw queryErrorAt("INVALID_COLUMN_REFERENCE", key.at, `ORDER BY position ${key.text} is not in select list`);
        return { item, bound: { ...items[position - 1]!.bound, role: "expression" as const, children: [] } };
      }
      if (key.kind === "identifier") {
        const matches = items.filter((candidate) => candidate.name?.toLowerCase() === key.value.toLowerCase());
        if (matches.length > 1 && !matches.every((match) => match.bound.sql === matches[0]!.bound.sql)) throw queryErrorAt("AMBIGUOUS_NAME", key.at, `Column '${key.value.toLowerCase()}' is ambiguous`);
      }
      return { item, bound: this.expressions.analyze(key, orderContext) };
    });

    const aggregated = groupSets !== undefined || items.some((item) => containsAggregate(item.bound)) || (having !== undefined && containsAggregate(having)) || orderKeys.some((key) => containsAggregate(key.bound));
    if (aggregated) {
      const keys = new Set((groupSets ?? []).flat().map((bound) => bound.sql));
      for (const item of items) {
        if (!isGrouped(item.bound, keys)) throw queryErrorAt("EXPRESSION_NOT_AGGREGATE", item.bound.node.at, `'${formatExpression(item.bound.node)}' must be an aggregate expression or appear in GROUP BY clause`);
      }
      if (having !== undefined && !isGrouped(having, keys)) throw queryErrorAt("EXPRESSION_NOT_AGGREGATE", having.node.at, `'${formatExpression(having.node)}' must be an aggregate expression or appear in GROUP BY clause`);
      for (const { bound } of orderKeys) {
        if (!isGrouped(bound, keys)) throw queryErrorAt("EXPRESSION_NOT_AGGREGATE", bound.node.at, `ORDER BY expression '${formatExpression(bound.node)}' must be an aggregate expression or appear in GROUP BY clause`);
      }
      for (const item of items) checkGroupingArguments(item.bound, keys);
    }
    if (spec.distinct) {
      const outputSql = new Set(items.map((item) => item.bound.sql));
      for (const { bound } of orderKeys) {
        if (!outputSql.has(bound.sql)) throw queryErrorAt("EXPRESSION_NOT_IN_DISTINCT", bound.node.at, "For SELECT DISTINCT, ORDER BY expressions must appear in select list");
      }
      for (const item of items) {
        if (!isComparable(item.bound.type)) throw queryErrorAt("TYPE_MISMATCH", item.bound.node.at, `DISTINCT can only be applied to comparable types (actual: ${display(item.bound.type)})`);
      }
    }

    const select = items.map((item, index) => `${item.bound.sql} AS ${INTERNAL(index)}`).join(", ");
    let sql = `SELECT ${spec.distinct ? "DISTINCT " : ""}${select} FROM ${from.sql}`;
    if (where !== undefined) sql += ` WHERE ${where.sql}`;
    if (groupSets !== undefined) {
      const simple = groupSets.length === 1;
      sql += simple ? (groupSets[0]!.length === 0 ? "" : ` GROUP BY ${groupSets[0]!.map((bound) => bound.sql).join(", ")}`) : ` GROUP BY GROUPING SETS (${groupSets.map((set) => `(${set.map((bound) => bound.sql).join(", ")})`).join(", ")})`;
    }
    if (having !== undefined) sql += ` HAVING ${having.sql}`;
    const outputIndex = new Map(items.map((item, index) => [item.bound.sql, index] as const));
    const sorts = orderKeys.flatMap(({ item, bound }) => {
      const index = outputIndex.get(bound.sql);
      if (index === undefined && isConstantSortKey(bound)) return [];
      const keyBound = index === undefined ? bound : { ...bound, sql: INTERNAL(index) };
      return this.expressions.sortItem(item, orderContext, keyBound).sql;
    });
    if (limit?.withTies === true && limit.count !== undefined) {
      // FETCH FIRST n ROWS WITH TIES: the rows ranked within the first n by the ORDER BY.
      const count = this.expressions.analyze(limit.count, context).literal?.value;
      sql += ` QUALIFY rank() OVER (${sorts.length > 0 ? `ORDER BY ${sorts.join(", ")}` : ""}) <= ${String(count)}`;
    }
    if (sorts.length > 0) sql += ` ORDER BY ${sorts.join(", ")}`;
    sql += this.limitClause(limit, offset, context);
    return { sql, columns: items.map((item) => ({ ...(item.name === undefined ? {} : { name: item.name }), type: item.bound.type })) };
  }

  private selectItems(select: readonly SelectItem[], scope: Scope, context: ExpressionContext, hasFrom: boolean): { bound: Bound; name?: string }[] {
    const items: { bound: Bound; name?: string }[] = [];
    for (const item of select) {
      if (item.kind === "singleColumn") {
        const bound = this.expressions.analyze(item.expression, context);
        const name = item.alias?.value ?? itemName(item.expression);
        items.push({ bound, ...(name === undefined ? {} : { name }) });
        continue;
      }
      if (item.target === undefined) {
        if (!hasFrom) throw queryErrorAt("COLUMN_NOT_FOUND", item.at, "SELECT * not allowed in queries without FROM clause");
        const fields = scope.visibleFields();
        if (fields.length === 0) throw queryErrorAt("COLUMN_NOT_FOUND", item.at, "SELECT * not allowed from relation that has no columns");
        for (const field of fields) items.push({ bound: { type: field.type, sql: field.sql, node: { kind: "identifier", value: field.name ?? "", delimited: false, at: item.at }, role: "column", children: [], deterministic: true }, ...(field.name === undefined ? {} : { name: field.name }) });
        continue;
      }
      const parts = nameParts(item.target);
      const qualifier = parts?.map((part) => part.value.toLowerCase());
      let expanded: { bound: Bound; name?: string }[];
      if (qualifier !== undefined && scope.hasRelation(qualifier)) {
        expanded = scope
          .visibleFields()
          .filter((field) => field.qualifiers.some((candidate) => candidate.length >= qualifier.length && candidate.slice(candidate.length - qualifier.length).every((part, index) => part === qualifier[index])))
          .map((field) => ({ bound: { type: field.type, sql: field.sql, node: { kind: "identifier" as const, value: field.name ?? "", delimited: false, at: item.at }, role: "column" as const, children: [], deterministic: true }, ...(field.name === undefined ? {} : { name: field.name }) }));
      } else {
        const row = this.expressions.analyze(item.target, context);
        if (row.type.kind !== "row") throw queryErrorAt("TYPE_MISMATCH", item.target.at, `expected expression of type Row but '${formatExpression(item.target)}' has type ${display(row.type)}`);
        expanded = row.type.fields.map((field, index) => ({ bound: { type: field.type, sql: `struct_extract(${row.sql}, ${quoteString(rowFieldKey(field, index))})`, node: item.target!, role: "expression" as const, children: [row], deterministic: row.deterministic }, ...(field.name === undefined ? {} : { name: field.name }) }));
      }
      if (item.aliases.length > 0) {
        if (item.aliases.length !== expanded.length) throw queryErrorAt("MISMATCHED_COLUMN_ALIASES", item.at, `Column alias list has ${item.aliases.length} entries but '${formatExpression(item.target)}' has ${expanded.length} columns available`);
        expanded = expanded.map((entry, index) => ({ bound: entry.bound, name: item.aliases[index]!.value }));
      }
      items.push(...expanded);
    }
    return items;
  }

  // ------------------------------------------------------------------ relations

  /** `lateral`: the fields of the relations to the left, visible to UNNEST and LATERAL on the right of a join. */
  relation(relation: Relation, outer: Scope | undefined, ctes: ReadonlyMap<string, NamedQuery>, lateral: Scope | undefined): RelationPlan {
    switch (relation.kind) {
      case "table":
        return this.table(relation.name, relation.at, ctes);
      case "aliasedRelation": {
        const inner = this.relation(relation.relation, outer, ctes, lateral);
        const alias = relation.alias.value.toLowerCase();
        let fields = inner.fields.map((field) => ({ ...field, qualifiers: [[alias]] }));
        if (relation.columnNames !== undefined) {
          const visible = fields.filter((field) => !field.hidden);
          if (relation.columnNames.length !== visible.length) {
            throw queryErrorAt("MISMATCHED_COLUMN_ALIASES", relation.at, `Column alias list has ${relation.columnNames.length} entries but '${relation.alias.value}' has ${visible.length} columns available`);
          }
          const names = relation.columnNames.map((name) => name.value);
          const lower = names.map((name) => name.toLowerCase());
          const duplicate = lower.find((name, index) => lower.indexOf(name) !== index);
          if (duplicate !== undefined) throw queryErrorAt("DUPLICATE_COLUMN_NAME", relation.at, `Column name '${duplicate}' specified more than once`);
          let index = 0;
          fields = fields.map((field) => (field.hidden ? field : { ...field, name: names[index++]! }));
        }
        return { sql: inner.sql, fields };
      }
      case "tableSubquery": {
        const plan = this.query(relation.query, outer, ctes);
        return this.planRelation(plan, []);
      }
      case "lateral": {
        const plan = this.query(relation.query, lateral ?? outer, ctes);
        const relationPlan = this.planRelation(plan, []);
        return { sql: `LATERAL ${relationPlan.sql}`, fields: relationPlan.fields };
      }
      case "unnest":
        return this.unnest(relation, lateral ?? outer, ctes);
      case "join":
        return this.join(relation, outer, ctes, lateral);
      case "sampledRelation": {
        const inner = this.relation(relation.relation, outer, ctes, lateral);
        const percentage = this.expressions.analyze(relation.percentage, this.context(new Scope([], outer), ctes)).literal?.value;
        if (typeof percentage !== "number" || percentage < 0 || percentage > 100) throw queryErrorAt("NUMERIC_VALUE_OUT_OF_RANGE", relation.percentage.at, `Sample percentage must be between 0 and 100`);
        const alias = this.nextAlias();
        const select = inner.fields.map((field, index) => `${field.sql} AS ${INTERNAL(index)}`).join(", ");
        const fields = inner.fields.map((field, index) => ({ ...field, sql: `${alias.alias}.${INTERNAL(index)}` }));
        return { sql: `(SELECT ${select} FROM ${inner.sql} USING SAMPLE ${percentage}% (${relation.method === "BERNOULLI" ? "bernoulli" : "system"})) AS ${alias.alias}`, fields };
      }
      case "unsupportedRelation":
        throw queryErrorAt("NOT_SUPPORTED", relation.at, `${relation.feature} is not supported by the gpu-stream emulator`);
    }
  }

  /** A query's plan as a FROM item whose columns are named after the query's output. */
  private planRelation(plan: QueryPlan, qualifiers: readonly (readonly string[])[]): RelationPlan {
    const alias = this.nextAlias();
    return {
      sql: `(${plan.sql}) AS ${alias.alias}`,
      fields: plan.columns.map((column, index) => ({ ...(column.name === undefined ? {} : { name: column.name }), qualifiers, type: column.type, sql: `${alias.alias}.${INTERNAL(index)}`, hidden: false, relation: alias.id })),
    };
  }

  private table(name: QualifiedName, at: Position, ctes: ReadonlyMap<string, NamedQuery>): RelationPlan {
    const parts = name.parts.map((part) => part.value.toLowerCase());
    if (parts.length === 1) {
      const cte = ctes.get(parts[0]!);
      if (cte !== undefined) {
        const plan = this.planRelation(cte.plan, [[parts[0]!]]);
        if (cte.columnNames === undefined) return plan;
        return { sql: plan.sql, fields: plan.fields.map((field, index) => ({ ...field, name: cte.columnNames![index]!.value })) };
      }
    }
    if (parts.length > 3) throw queryErrorAt("SYNTAX_ERROR", at, `Too many dots in table name: ${parts.join(".")}`);
    const catalogName = parts.length === 3 ? parts[0]! : this.session.catalog;
    if (catalogName !== this.session.catalog) throw queryErrorAt("CATALOG_NOT_FOUND", at, `Catalog '${catalogName}' does not exist`);
    const schema = parts.length >= 2 ? parts[parts.length - 2]! : this.session.schema;
    const tableName = parts[parts.length - 1]!;
    if (!this.catalog.schemaExists(schema)) throw queryErrorAt("SCHEMA_NOT_FOUND", at, `Schema '${schema}' does not exist`);
    const found = this.catalog.lookup(schema, tableName);
    if (found === undefined) throw queryErrorAt("TABLE_NOT_FOUND", at, `Table '${catalogName}.${schema}.${tableName}' does not exist`);
    const qualifiers = [[tableName], [schema, tableName], [catalogName, schema, tableName]];
    if (found.kind === "view") {
      const viewAnalyzer = new QueryAnalyzer(this.catalog, { ...this.session, schema: found.database });
      viewAnalyzer.relationCounter = this.relationCounter + 1000;
      const plan = viewAnalyzer.query(found.query, undefined, new Map());
      this.relationCounter = viewAnalyzer.relationCounter;
      const stale = plan.columns.findIndex((column, index) => {
        const stored = found.columns[index];
        return stored === undefined || !(typesEqual(column.type, stored.type) || commonSuperType(column.type, stored.type) !== undefined);
      });
      if (stale !== -1 || plan.columns.length !== found.columns.length) {
        const column = plan.columns[stale] ?? plan.columns[0];
        const stored = found.columns[stale] ?? found.columns[0];
        throw queryErrorAt(
          "VIEW_IS_STALE",
          at,
          `View '${catalogName}.${schema}.${tableName}' is stale or in invalid state: column [${column?.name ?? ""}] of type ${column === undefined ? "unknown" : display(column.type)} projected from query view at position ${Math.max(stale, 0)} cannot be coerced to column [${stored?.name ?? ""}] of type ${stored === undefined ? "unknown" : display(stored.type)} stored in view definition`,
        );
      }
      const relation = this.planRelation(
        { sql: plan.sql, columns: found.columns.map((column) => ({ name: column.name, type: column.type })) },
        qualifiers,
      );
      const coerced = plan.columns.map((column, index) => coerceSql(relation.fields[index]!.sql, column.type, found.columns[index]!.type));
      return { sql: relation.sql, fields: relation.fields.map((field, index) => ({ ...field, sql: coerced[index]! })) };
    }
    const alias = this.nextAlias();
    const fields: Field[] = [
      ...found.columns.map((column) => ({ name: column.name, qualifiers, type: column.type, sql: `${alias.alias}.${quoteIdentifier(column.name.toLowerCase())}`, hidden: false, relation: alias.id })),
      ...found.hiddenColumns.map((column) => ({ name: column.name, qualifiers, type: column.type, sql: `${alias.alias}.${quoteIdentifier(column.name)}`, hidden: true, relation: alias.id })),
    ];
    return { sql: `(${found.scanSql}) AS ${alias.alias}`, fields };
  }

  private join(relation: Extract<Relation, { kind: "join" }>, outer: Scope | undefined, ctes: ReadonlyMap<string, NamedQuery>, lateral: Scope | undefined): RelationPlan {
    const left = this.relation(relation.left, outer, ctes, lateral);
    const leftScope = new Scope(left.fields, lateral ?? outer);
    const right = this.relation(relation.right, outer, ctes, leftScope);
    const fields = [...left.fields, ...right.fields];
    const rightSql = right.sql;
    if (relation.type === "CROSS" || relation.type === "IMPLICIT") return { sql: `${left.sql} CROSS JOIN ${rightSql}`, fields };
    const criteria = relation.criteria;
    if (criteria === undefined) throw queryErrorAt("SYNTAX_ERROR", relation.at, "join criteria missing");
    if (criteria.kind === "natural") throw queryErrorAt("NOT_SUPPORTED", relation.at, "Natural join not supported");
    const type = relation.type;
    if (criteria.kind === "on") {
      const scope = new Scope(fields, outer);
      const condition = this.expressions.analyze(criteria.condition, this.context(scope, ctes, new Map(), "JOIN clause"));
      if (condition.type.kind !== "boolean" && condition.type.kind !== "unknown") throw queryErrorAt("TYPE_MISMATCH", criteria.condition.at, `JOIN ON clause must evaluate to a boolean: actual type ${display(condition.type)}`);
      return { sql: `${left.sql} ${type} JOIN ${rightSql} ON ${condition.sql}`, fields };
    }
    // USING: the columns once (coalesced for FULL), then the left's others, then the right's.
    const leftScopeOnly = new Scope(left.fields);
    const rightScopeOnly = new Scope(right.fields);
    const conditions: string[] = [];
    const usingFields: Field[] = [];
    const usedLeft = new Set<Field>();
    const usedRight = new Set<Field>();
    for (const column of criteria.columns) {
      const name = column.value.toLowerCase();
      const l = leftScopeOnly.resolve(name);
      const r = rightScopeOnly.resolve(name);
      if (l.kind !== "found") throw queryErrorAt("COLUMN_NOT_FOUND", column.at, `Column '${name}' is missing from left side of join`);
      if (r.kind !== "found") throw queryErrorAt("COLUMN_NOT_FOUND", column.at, `Column '${name}' is missing from right side of join`);
      const common = commonSuperType(l.field.type, r.field.type);
      if (common === undefined) throw queryErrorAt("TYPE_MISMATCH", column.at, `Column types of left and right side are different: ${display(l.field.type)} vs ${display(r.field.type)}`);
      const a = coerceSql(l.field.sql, l.field.type, common);
      const b = coerceSql(r.field.sql, r.field.type, common);
      conditions.push(`${a} = ${b}`);
      usedLeft.add(l.field);
      usedRight.add(r.field);
      const sql = type === "FULL" ? `coalesce(${a}, ${b})` : type === "RIGHT" ? b : a;
      usingFields.push({ name: column.value, qualifiers: [], type: common, sql, hidden: false, relation: l.field.relation });
    }
    const ordered = [...usingFields, ...left.fields.filter((field) => !usedLeft.has(field)), ...right.fields.filter((field) => !usedRight.has(field))];
    // The USING columns stay reachable through each side's qualifier (t.x), as Trino allows, but not bare or by *.
    const qualified = [...usedLeft, ...usedRight].map((field) => ({ ...field, hidden: true, qualifiedOnly: true }));
    return { sql: `${left.sql} ${type} JOIN ${rightSql} ON ${conditions.join(" AND ")}`, fields: [...ordered, ...qualified] };
  }

  private unnest(relation: Extract<Relation, { kind: "unnest" }>, scope: Scope | undefined, ctes: ReadonlyMap<string, NamedQuery>): RelationPlan {
    const context = this.context(scope ?? new Scope([]), ctes, new Map(), "UNNEST");
    const bounds = relation.expressions.map((expression) => this.expressions.analyze(expression, context));
    const columns: { sql: string; type: TrinoType }[] = [];
    const unnested: string[] = [];
    bounds.forEach((bound, index) => {
      const type = bound.type;
      if (type.kind === "array") {
        const element = type.element;
        unnested.push(`unnest(${bound.sql}) AS "u${index}"`);
        if (element.kind === "row") element.fields.forEach((field, fieldIndex) => columns.push({ sql: `struct_extract("u${index}", ${quoteString(rowFieldKey(field, fieldIndex))})`, type: field.type }));
        else columns.push({ sql: `"u${index}"`, type: element });
      } else if (type.kind === "map") {
        unnested.push(`unnest(map_keys(${bound.sql})) AS "u${index}k"`, `unnest(map_values(${bound.sql})) AS "u${index}v"`);
        columns.push({ sql: `"u${index}k"`, type: type.key }, { sql: `"u${index}v"`, type: type.value });
      } else {
        throw queryErrorAt("TYPE_MISMATCH", bound.node.at, `Cannot unnest type: ${display(type)}`);
      }
    });
    if (relation.withOrdinality) {
      const lengths = bounds.map((bound) => (bound.type.kind === "map" ? `cardinality(${bound.sql})` : `len(${bound.sql})`));
      unnested.push(`unnest(range(1, ${lengths.length === 1 ? lengths[0] : `greatest(${lengths.join(", ")})`} + 1)) AS "ordinality"`);
      columns.push({ sql: `"ordinality"`, type: { kind: "bigint" } });
    }
    const alias = this.nextAlias();
    const inner = `SELECT ${unnested.join(", ")}`;
    const select = columns.map((column, index) => `${column.type.kind === "bigint" && column.sql === '"ordinality"' ? `CAST(${column.sql} AS BIGINT)` : column.sql} AS ${INTERNAL(index)}`).join(", ");
    return {
      sql: `LATERAL (SELECT ${select} FROM (${inner})) AS ${alias.alias}`,
      fields: columns.map((column, index) => ({ qualifiers: [], type: column.type, sql: `${alias.alias}.${INTERNAL(index)}`, hidden: false, relation: alias.id })),
    };
  }
}

function containsAggregate(bound: Bound): boolean {
  return bound.role === "aggregate" || bound.children.some(containsAggregate);
}

function containsWindow(bound: Bound): boolean {
  return bound.role === "window" || bound.children.some(containsWindow);
}

/** Trino's AggregationAnalyzer: every column reference must be inside an aggregate or a GROUP BY expression. */
function isGrouped(bound: Bound, keys: ReadonlySet<string>): boolean {
  if (keys.has(bound.sql)) return true;
  switch (bound.role) {
    case "aggregate":
    case "literal":
    case "outerColumn":
    case "lambdaVariable":
    case "subquery":
    case "grouping":
      return true;
    case "column":
      return false;
    default:
      return bound.children.every((child) => isGrouped(child, keys));
  }
}

function checkGroupingArguments(bound: Bound, keys: ReadonlySet<string>): void {
  if (bound.role === "grouping") {
    for (const argument of bound.children) {
      if (!keys.has(argument.sql)) throw queryErrorAt("INVALID_ARGUMENTS", bound.node.at, "The arguments to GROUPING() must be expressions referenced by the GROUP BY at the associated query level");
    }
    return;
  }
  bound.children.forEach((child) => checkGroupingArguments(child, keys));
}

/**
 * A literal sort key other than a position (`ORDER BY 'x'`): Trino sorts by it as by nothing, while DuckDB refuses
 * it ("ORDER BY non-integer literal has no effect"), so it is left out of the generated ORDER BY.
 */
function isConstantSortKey(bound: Bound): boolean {
  return bound.literal !== undefined;
}
