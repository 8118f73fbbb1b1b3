import type { DataType, Expression, GroupingElement, Identifier, QualifiedName, Query, QueryBody, Relation, SelectItem, SortItem, Window, WindowFrame, WindowSpecification } from "./ast";

/**
 * Trino's ExpressionFormatter and SqlFormatter (io.trino.sql): how an expression is printed inside an error
 * message (`'(dado + 1)' must be an aggregate expression ...`) and how a view's query is stored. Every binary
 * operation is parenthesised; identifiers are printed as written, quoted when they were.
 */

export function formatIdentifier(identifier: Identifier): string {
  return identifier.delimited ? `"${identifier.value.replace(/"/g, '""')}"` : identifier.value;
}

export function formatName(name: QualifiedName): string {
  return name.parts.map(formatIdentifier).join(".");
}

/** `'it''s'`, or `U&'...'` with escapes when a character is outside printable ASCII (newline and tab included). */
export function formatStringLiteral(value: string): string {
  const escaped = value.replace(/'/g, "''");
  if ([...escaped].every((character) => character >= " " && character <= "~")) return `'${escaped}'`;
  let out = "";
  for (const character of escaped) {
    const code = character.codePointAt(0)!;
    if (character === "\\") out += "\\\\";
    else if (code >= 0x20 && code <= 0x7e) out += character;
    else if (code <= 0xffff) out += `\\${code.toString(16).toUpperCase().padStart(4, "0")}`;
    else out += `\\+${code.toString(16).toUpperCase().padStart(6, "0")}`;
  }
  return `U&'${out}'`;
}

/** Java's DecimalFormat("0.###################E0###"): `1E5`, `1.5E0`, `1E-3`. */
function formatDoubleLiteral(text: string): string {
  const value = Number(text);
  if (!Number.isFinite(value)) return value > 0 ? "∞" : value < 0 ? "-∞" : "NaN";
  if (value === 0) return "0E0";
  const [mantissa, exponent] = value.toExponential().split("e");
  return `${mantissa}E${Number(exponent)}`;
}

export function formatDataType(type: DataType): string {
  switch (type.kind) {
    case "generic":
      return type.parameters.length === 0 ? type.name.value : `${type.name.value}(${type.parameters.map((parameter) => (parameter.kind === "number" ? String(parameter.value) : formatDataType(parameter.type))).join(", ")})`;
    case "row":
      return `ROW(${type.fields.map((field) => (field.name === undefined ? formatDataType(field.type) : `${formatIdentifier(field.name)} ${formatDataType(field.type)}`)).join(", ")})`;
    case "dateTime": {
      const precision = type.precision === undefined ? "" : `(${type.precision.kind === "number" ? type.precision.value : formatDataType(type.precision.type)})`;
      return `${type.base}${precision}${type.withTimeZone ? " with time zone" : ""}`;
    }
    case "interval":
      return type.to === undefined || type.to === type.from ? `INTERVAL ${type.from}` : `INTERVAL ${type.from} TO ${type.to}`;
  }
}

function formatSortItems(items: readonly SortItem[]): string {
  return items.map((item) => `${formatExpression(item.key)} ${item.ordering}${item.nulls === undefined ? "" : ` NULLS ${item.nulls}`}`).join(", ");
}

/** A window frame as SQL text, its offsets written by `offset` (Trino's text, or DuckDB's SQL of the analysed value). */
export function frameText(frame: WindowFrame, offset: (value: Expression) => string): string {
  const bound = (value: WindowFrame["start"]): string => {
    switch (value.kind) {
      case "unboundedPreceding":
        return "UNBOUNDED PRECEDING";
      case "unboundedFollowing":
        return "UNBOUNDED FOLLOWING";
      case "currentRow":
        return "CURRENT ROW";
      case "preceding":
        return `${offset(value.value!)} PRECEDING`;
      case "following":
        return `${offset(value.value!)} FOLLOWING`;
    }
  };
  return frame.end === undefined ? `${frame.type} ${bound(frame.start)}` : `${frame.type} BETWEEN ${bound(frame.start)} AND ${bound(frame.end)}`;
}

function formatFrame(frame: WindowFrame): string {
  return frameText(frame, formatExpression);
}

export function formatWindowSpecification(window: WindowSpecification): string {
  const parts: string[] = [];
  if (window.existingName !== undefined) parts.push(formatIdentifier(window.existingName));
  if (window.partitionBy.length > 0) parts.push(`PARTITION BY ${window.partitionBy.map(formatExpression).join(", ")}`);
  if (window.orderBy.length > 0) parts.push(`ORDER BY ${formatSortItems(window.orderBy)}`);
  if (window.frame !== undefined) parts.push(formatFrame(window.frame));
  return `(${parts.join(" ")})`;
}

function formatWindow(window: Window): string {
  return window.kind === "windowReference" ? formatIdentifier(window.name) : formatWindowSpecification(window);
}

export function formatExpression(expression: Expression): string {
  switch (expression.kind) {
    case "identifier":
      return formatIdentifier(expression);
    case "nullLiteral":
      return "null";
    case "booleanLiteral":
      return expression.value ? "true" : "false";
    case "longLiteral":
      return /^-?\d+$/.test(expression.text) ? BigInt(expression.text).toString() : expression.text;
    case "decimalLiteral":
      return `DECIMAL '${expression.text}'`;
    case "doubleLiteral":
      return formatDoubleLiteral(expression.text);
    case "stringLiteral":
      return formatStringLiteral(expression.value);
    case "binaryLiteral":
      return `X'${expression.hex}'`;
    case "genericLiteral":
      return `${expression.type} ${formatStringLiteral(expression.value)}`;
    case "intervalLiteral":
      return `INTERVAL ${expression.sign < 0 ? "-" : ""}'${expression.value}' ${expression.from}${expression.to === undefined ? "" : ` TO ${expression.to}`}`;
    case "parameter":
      return "?";
    case "dereference":
      return `${formatExpression(expression.base)}.${formatIdentifier(expression.field)}`;
    case "subscript":
      return `${formatExpression(expression.base)}[${formatExpression(expression.index)}]`;
    case "functionCall": {
      const name = formatName(expression.name);
      const special = expression.name.parts.length === 1 ? expression.name.parts[0]!.value.toLowerCase() : "";
      if (special === "if" || special === "nullif" || special === "try") return `${special.toUpperCase()}(${expression.arguments.map(formatExpression).join(", ")})`;
      const args = expression.arguments.length === 0 && (expression.star || special === "count") ? "*" : expression.arguments.map(formatExpression).join(", ");
      let text = `${name}(${expression.distinct ? "DISTINCT " : ""}${args}${expression.orderBy.length > 0 ? ` ORDER BY ${formatSortItems(expression.orderBy)}` : ""})`;
      if (expression.nullTreatment !== undefined) text += ` ${expression.nullTreatment} NULLS`;
      if (expression.filter !== undefined) text += ` FILTER (WHERE ${formatExpression(expression.filter)})`;
      if (expression.window !== undefined) text += ` OVER ${formatWindow(expression.window)}`;
      return text;
    }
    case "cast":
      return `${expression.safe ? "TRY_CAST" : "CAST"}(${formatExpression(expression.value)} AS ${formatDataType(expression.type)})`;
    case "arithmeticBinary":
      return `(${formatExpression(expression.left)} ${expression.operator} ${formatExpression(expression.right)})`;
    case "arithmeticUnary":
      return expression.sign === "-" ? `-(${formatExpression(expression.value)})` : `+${formatExpression(expression.value)}`;
    case "concatenation":
      return `concat(${formatExpression(expression.left)}, ${formatExpression(expression.right)})`;
    case "comparison":
      return `(${formatExpression(expression.left)} ${expression.operator} ${formatExpression(expression.right)})`;
    case "quantifiedComparison":
      return `(${formatExpression(expression.value)} ${expression.operator} ${expression.quantifier} (${formatQuery(expression.subquery)}))`;
    case "between":
      return `(${formatExpression(expression.value)} BETWEEN ${formatExpression(expression.min)} AND ${formatExpression(expression.max)})`;
    case "inList":
      return `(${formatExpression(expression.value)} IN (${expression.list.map(formatExpression).join(", ")}))`;
    case "inSubquery":
      return `(${formatExpression(expression.value)} IN (${formatQuery(expression.subquery)}))`;
    case "like":
      return `(${formatExpression(expression.value)} LIKE ${formatExpression(expression.pattern)}${expression.escape === undefined ? "" : ` ESCAPE ${formatExpression(expression.escape)}`})`;
    case "isNull":
      return `(${formatExpression(expression.value)} IS NULL)`;
    case "isNotNull":
      return `(${formatExpression(expression.value)} IS NOT NULL)`;
    case "not":
      return `(NOT ${formatExpression(expression.value)})`;
    case "logical":
      return `(${expression.terms.map(formatExpression).join(` ${expression.operator} `)})`;
    case "exists":
      return `(EXISTS (${formatQuery(expression.subquery)}))`;
    case "subquery":
      return `(${formatQuery(expression.query)})`;
    case "simpleCase":
      return `(CASE ${formatExpression(expression.operand)} ${expression.whens.map((when) => `WHEN ${formatExpression(when.operand)} THEN ${formatExpression(when.result)}`).join(" ")}${expression.otherwise === undefined ? "" : ` ELSE ${formatExpression(expression.otherwise)}`} END)`;
    case "searchedCase":
      return `(CASE ${expression.whens.map((when) => `WHEN ${formatExpression(when.operand)} THEN ${formatExpression(when.result)}`).join(" ")}${expression.otherwise === undefined ? "" : ` ELSE ${formatExpression(expression.otherwise)}`} END)`;
    case "coalesce":
      return `COALESCE(${expression.operands.map(formatExpression).join(", ")})`;
    case "arrayConstructor":
      return `ARRAY[${expression.values.map(formatExpression).join(",")}]`;
    case "row":
      return `ROW (${expression.items.map(formatExpression).join(", ")})`;
    case "lambda":
      return `(${expression.parameters.map(formatIdentifier).join(", ")}) -> ${formatExpression(expression.body)}`;
    case "atTimeZone":
      return `${formatExpression(expression.value)} AT TIME ZONE ${formatExpression(expression.zone)}`;
    case "extract":
      return `EXTRACT(${expression.field.value.toUpperCase()} FROM ${formatExpression(expression.value)})`;
    case "currentTime":
      return `${expression.function.toLowerCase()}${expression.precision === undefined ? "" : `(${expression.precision})`}`;
    case "currentValue":
      return expression.function;
    case "trim":
      return `trim(${expression.specification}${expression.characters === undefined ? "" : ` ${formatExpression(expression.characters)}`} FROM ${formatExpression(expression.source)})`;
    case "grouping":
      return `GROUPING (${expression.columns.map((column) => column.parts.map((part) => part.value.toLowerCase()).join(".")).join(", ")})`;
    case "unsupported":
      return expression.feature;
  }
}

// ---------------------------------------------------------------- queries (SqlFormatter)

const INDENT = "   ";

function indent(level: number): string {
  return INDENT.repeat(level);
}

function formatGroupingElement(element: GroupingElement): string {
  const set = (expressions: readonly Expression[]): string => (expressions.length === 1 ? formatExpression(expressions[0]!) : `(${expressions.map(formatExpression).join(", ")})`);
  switch (element.kind) {
    case "simple":
      return set(element.expressions);
    case "rollup":
      return `ROLLUP (${element.sets.map(set).join(", ")})`;
    case "cube":
      return `CUBE (${element.sets.map(set).join(", ")})`;
    case "groupingSets":
      return `GROUPING SETS (${element.sets.map((expressions) => `(${expressions.map(formatExpression).join(", ")})`).join(", ")})`;
  }
}

function formatSelectItem(item: SelectItem): string {
  if (item.kind === "allColumns") {
    const target = item.target === undefined ? "*" : `${formatExpression(item.target)}.*`;
    return item.aliases.length === 0 ? target : `${target} AS (${item.aliases.map(formatIdentifier).join(", ")})`;
  }
  return item.alias === undefined ? formatExpression(item.expression) : `${formatExpression(item.expression)} ${formatIdentifier(item.alias)}`;
}

function formatRelation(relation: Relation, level: number): string {
  switch (relation.kind) {
    case "table":
      return formatName(relation.name);
    case "aliasedRelation": {
      const columns = relation.columnNames === undefined ? "" : ` (${relation.columnNames.map(formatIdentifier).join(", ")})`;
      const inner = relation.relation.kind === "aliasedRelation" || relation.relation.kind === "sampledRelation" ? `(${formatRelation(relation.relation, level)})` : formatRelation(relation.relation, level);
      return `${inner} ${formatIdentifier(relation.alias)}${columns}`;
    }
    case "join": {
      if (relation.type === "IMPLICIT") return `${formatRelation(relation.left, level)}\n${indent(level)}, ${formatRelation(relation.right, level)}`;
      const criteria = relation.criteria;
      const type = criteria?.kind === "natural" ? `NATURAL ${relation.type}` : relation.type;
      const on = criteria === undefined || criteria.kind === "natural" ? "" : criteria.kind === "on" ? ` ON ${formatExpression(criteria.condition)}` : ` USING (${criteria.columns.map(formatIdentifier).join(", ")})`;
      return `(${formatRelation(relation.left, level)}\n${indent(level)}${type} JOIN ${formatRelation(relation.right, level)}${on})`;
    }
    case "tableSubquery":
      return `(\n${formatQueryAt(relation.query, level + 1)}${indent(level)}) `;
    case "lateral":
      return `LATERAL (${formatQueryAt(relation.query, level + 1)})`;
    case "unnest":
      return `UNNEST(${relation.expressions.map(formatExpression).join(", ")})${relation.withOrdinality ? " WITH ORDINALITY" : ""}`;
    case "sampledRelation":
      return `${formatRelation(relation.relation, level)} TABLESAMPLE ${relation.method} (${formatExpression(relation.percentage)})`;
    case "unsupportedRelation":
      return relation.feature;
  }
}

function formatBody(body: QueryBody, level: number): string {
  switch (body.kind) {
    case "querySpecification": {
      let out = "";
      const distinct = body.distinct ? " DISTINCT" : "";
      if (body.select.length === 1) out += `${indent(level)}SELECT${distinct} ${formatSelectItem(body.select[0]!)}\n`;
      else out += `${indent(level)}SELECT${distinct}\n${body.select.map((item, index) => `${indent(level)}${index === 0 ? "  " : ", "}${formatSelectItem(item)}`).join("\n")}\n`;
      if (body.from !== undefined) out += `${indent(level)}FROM\n${indent(level)}  ${formatRelation(body.from, level + 1)}\n`;
      if (body.where !== undefined) out += `${indent(level)}WHERE ${formatExpression(body.where)}\n`;
      if (body.groupBy !== undefined) out += `${indent(level)}GROUP BY ${body.groupBy.distinct ? " DISTINCT " : ""}${body.groupBy.elements.map(formatGroupingElement).join(", ")}\n`;
      if (body.having !== undefined) out += `${indent(level)}HAVING ${formatExpression(body.having)}\n`;
      if (body.windows.length > 0) out += `${indent(level)}WINDOW ${body.windows.map((window) => `${formatIdentifier(window.name)} AS ${formatWindowSpecification(window.window)}`).join(", ")}\n`;
      return out;
    }
    case "setOperation":
      return `${formatBody(body.left, level)}${indent(level)}${body.operator} ${body.distinct ? "" : "ALL "}${formatBody(body.right, level)}`;
    case "values":
      return ` VALUES \n${body.rows.map((row, index) => `${indent(level)}${index === 0 ? "  " : ", "}${formatExpression(row)}`).join("\n")}\n`;
    case "tableQuery":
      return `TABLE ${formatName(body.name)}\n`;
    case "subqueryBody":
      return `(\n${formatQueryAt(body.query, level + 1)}${indent(level)})\n`;
  }
}

function formatQueryAt(query: Query, level: number): string {
  let out = "";
  if (query.with !== undefined) {
    out += `WITH${query.with.recursive ? " RECURSIVE" : ""}\n  ${query.with.queries
      .map((named) => `${formatIdentifier(named.name)}${named.columnNames === undefined ? "" : ` (${named.columnNames.map(formatIdentifier).join(", ")})`} AS (\n${formatQueryAt(named.query, level + 1)}${indent(level)}) `)
      .join(", ")}\n`;
  }
  out += formatBody(query.body, level);
  if (query.orderBy.length > 0) out += `${indent(level)}ORDER BY ${formatSortItems(query.orderBy)}\n`;
  if (query.offset !== undefined) out += `${indent(level)}OFFSET ${formatExpression(query.offset)} ROWS\n`;
  if (query.limit !== undefined) {
    if (query.limit.withTies) out += `${indent(level)}FETCH FIRST ${query.limit.count === undefined ? "ROW" : `${formatExpression(query.limit.count)} ROWS`} WITH TIES\n`;
    else out += `${indent(level)}LIMIT ${query.limit.count === undefined ? "ALL" : formatExpression(query.limit.count)}\n`;
  }
  return out;
}

/** A query as Trino's SqlFormatter writes it (the text a view stores). */
export function formatQuery(query: Query): string {
  return formatQueryAt(query, 0);
}
