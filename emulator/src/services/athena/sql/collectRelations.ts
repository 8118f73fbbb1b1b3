import type { Expression, QualifiedName, Query, QueryBody, Relation, SelectItem, SortItem, Statement, Window } from "./ast";

/**
 * The names a statement may read as tables (every FROM item and `TABLE t`), and whether it names a hidden column
 * (`"$path"`): what must be looked up in Glue and listed in S3 before the statement is analysed. A name that turns
 * out to be a WITH query is simply not found in Glue.
 */
export interface RelationNames {
  readonly tables: QualifiedName[];
  readonly hiddenColumns: Set<string>;
  /** Every identifier the statement writes, lower-cased: a superset of the columns it reads. */
  readonly identifiers: Set<string>;
  /** Whether it selects `*` or `t.*` anywhere, reading every column. */
  allColumns: boolean;
}

export function collectRelations(statement: Statement): RelationNames {
  const names: RelationNames = { tables: [], hiddenColumns: new Set(), identifiers: new Set(), allColumns: false };
  const query = (value: Query): void => {
    value.with?.queries.forEach((named) => query(named.query));
    body(value.body);
    value.orderBy.forEach(sort);
    if (value.offset !== undefined) expression(value.offset);
    if (value.limit?.count !== undefined) expression(value.limit.count);
  };
  const sort = (item: SortItem): void => expression(item.key);
  const window = (value: Window | undefined): void => {
    if (value === undefined || value.kind === "windowReference") return;
    value.partitionBy.forEach(expression);
    value.orderBy.forEach(sort);
  };
  const body = (value: QueryBody): void => {
    switch (value.kind) {
      case "querySpecification":
        value.select.forEach(selectItem);
        if (value.from !== undefined) relation(value.from);
        if (value.where !== undefined) expression(value.where);
        value.groupBy?.elements.forEach((element) => (element.kind === "simple" ? element.expressions.forEach(expression) : element.sets.flat().forEach(expression)));
        if (value.having !== undefined) expression(value.having);
        value.windows.forEach((definition) => window({ kind: "windowSpecification", ...definition.window }));
        break;
      case "setOperation":
        body(value.left);
        body(value.right);
        break;
      case "values":
        value.rows.forEach(expression);
        break;
      case "tableQuery":
        names.tables.push(value.name);
        names.allColumns = true;
        break;
      case "subqueryBody":
        query(value.query);
        break;
    }
  };
  const selectItem = (item: SelectItem): void => {
    if (item.kind === "singleColumn") return expression(item.expression);
    names.allColumns = true;
    if (item.target !== undefined) expression(item.target);
  };
  const relation = (value: Relation): void => {
    switch (value.kind) {
      case "table":
        names.tables.push(value.name);
        break;
      case "aliasedRelation":
        relation(value.relation);
        break;
      case "join":
        relation(value.left);
        relation(value.right);
        if (value.criteria?.kind === "on") expression(value.criteria.condition);
        if (value.criteria?.kind === "using") value.criteria.columns.forEach(expression);
        if (value.criteria?.kind === "natural") names.allColumns = true;
        break;
      case "tableSubquery":
      case "lateral":
        query(value.query);
        break;
      case "unnest":
        value.expressions.forEach(expression);
        break;
      case "sampledRelation":
        relation(value.relation);
        break;
      case "unsupportedRelation":
        break;
    }
  };
  const expression = (value: Expression): void => {
    if (value.kind === "identifier") {
      if (value.value.startsWith("$")) names.hiddenColumns.add(value.value.toLowerCase());
      names.identifiers.add(value.value.toLowerCase());
      return;
    }
    if (value.kind === "subquery") return query(value.query);
    if (value.kind === "exists") return query(value.subquery);
    if (value.kind === "inSubquery" || value.kind === "quantifiedComparison") {
      query(value.subquery);
      return expression(value.value);
    }
    if (value.kind === "functionCall") {
      value.arguments.forEach(expression);
      if (value.filter !== undefined) expression(value.filter);
      value.orderBy.forEach(sort);
      window(value.window);
      return;
    }
    for (const child of Object.values(value)) {
      if (Array.isArray(child)) {
        for (const item of child) {
          if (item !== null && typeof item === "object" && "kind" in item) expression(item as Expression);
          else if (item !== null && typeof item === "object" && "operand" in item) {
            expression((item as { operand: Expression }).operand);
            expression((item as { result: Expression }).result);
          }
        }
      } else if (child !== null && typeof child === "object" && "kind" in child && child.kind !== undefined && child.kind !== "identifier" && typeof child.kind === "string") {
        expression(child as Expression);
      } else if (child !== null && typeof child === "object" && "kind" in child && child.kind === "identifier") {
        expression(child as Expression);
      }
    }
  };
  switch (statement.kind) {
    case "query":
      query(statement);
      break;
    case "createTableAsSelect":
    case "insert":
    case "createView":
    case "unload":
      query(statement.query);
      break;
    case "explain":
      return collectRelations(statement.statement);
    default:
      break;
  }
  return names;
}
