import { QueryError, queryErrorAt } from "../../errors/athenaErrors";
import type { Expression, Identifier, Position, SortItem, WhenClause, Window, WindowFrame, WindowSpecification } from "../ast";
import { formatExpression, frameText } from "../formatSql";
import { functionsNamed } from "../functions/catalog";
import type { Argument, CallShape } from "../functions/FunctionSignature";
import { generateOnce } from "../functions/generateOnce";
import { FunctionResolutionError, resolveFunction } from "../functions/resolveFunction";
import { commonSuperType } from "../types/coercion";
import { BIGINT, BOOLEAN, DATE, display, duckType, isNumeric, isOrderable, rowFieldKey, type TrinoType, typesEqual, UNKNOWN, VARCHAR } from "../types/TrinoType";
import { type Bound, type LiteralValue } from "./Bound";
import { canCast, cannotCast, castSql, zonedValue } from "./casts";
import type { ExpressionContext } from "./ExpressionContext";
import { analyzeLiteral } from "./literals";
import { arithmetic, cannotApply, coerceSql, comparison, comparisonSymbol } from "./operators";
import { resolveDataType } from "./resolveDataType";
import type { Resolution } from "./Scope";
import { failSql, quoteIdentifier, quoteString } from "./sqlText";
import { normalizeZone } from "../runtime/dateTimeText";

/** Athena appends this to Trino's "Column 'x' cannot be resolved" (observed on Athena engine v3). */
const NOT_AUTHORIZED_SUFFIX = " or requester is not authorized to access requested resources";

const EXTRACT_FUNCTIONS: Readonly<Record<string, string>> = {
  YEAR: "year",
  QUARTER: "quarter",
  MONTH: "month",
  WEEK: "week",
  DAY: "day",
  DAY_OF_MONTH: "day",
  DAY_OF_WEEK: "day_of_week",
  DOW: "day_of_week",
  DAY_OF_YEAR: "day_of_year",
  DOY: "day_of_year",
  YEAR_OF_WEEK: "year_of_week",
  YOW: "year_of_week",
  HOUR: "hour",
  MINUTE: "minute",
  SECOND: "second",
  TIMEZONE_HOUR: "timezone_hour",
  TIMEZONE_MINUTE: "timezone_minute",
};

function make(node: Expression, type: TrinoType, sql: string, role: Bound["role"], children: readonly Bound[], extra: { literal?: { value: LiteralValue }; deterministic?: boolean } = {}): Bound {
  return { type, sql, node, role, children, deterministic: extra.deterministic ?? children.every((child) => child.deterministic), ...(extra.literal === undefined ? {} : { literal: extra.literal }) };
}

/** The lower-cased parts of `a.b.c` when the expression is only names; else undefined. */
export function nameParts(expression: Expression): Identifier[] | undefined {
  if (expression.kind === "identifier") return [expression];
  if (expression.kind === "dereference") {
    const base = nameParts(expression.base);
    return base === undefined ? undefined : [...base, expression.field];
  }
  return undefined;
}

/**
 * Analyses expressions as Trino's ExpressionAnalyzer does: resolves names, types every node, checks operators and
 * function signatures with Trino's coercion rules and error messages, and writes the DuckDB SQL of each node.
 */
export class ExpressionAnalyzer {
  analyze(expression: Expression, context: ExpressionContext): Bound {
    const literal = analyzeLiteral(expression);
    if (literal !== undefined) return literal;
    switch (expression.kind) {
      case "identifier":
        return this.identifier(expression, context);
      case "dereference":
        return this.dereference(expression, context);
      case "genericLiteral":
        return this.typedLiteral(expression, context);
      case "parameter":
        throw queryErrorAt("INVALID_PARAMETER_USAGE", expression.at, "Incorrect number of parameters: expected 1 but found 0");
      case "subscript":
        return this.subscript(expression, context);
      case "functionCall":
        return this.functionCall(expression, context);
      case "cast":
        return this.cast(expression, context);
      case "arithmeticBinary": {
        const left = this.analyze(expression.left, context);
        const right = this.analyze(expression.right, context);
        const result = arithmetic(expression.operator, left, right, context.safe);
        if (result === undefined) throw queryErrorAt("TYPE_MISMATCH", expression.at, cannotApply(expression.operator, left.type, right.type));
        return make(expression, result.type, result.sql, "expression", [left, right]);
      }
      case "arithmeticUnary": {
        const value = this.analyze(expression.value, context);
        if (!isNumeric(value.type) && value.type.kind !== "unknown" && !value.type.kind.startsWith("interval")) {
          if (expression.sign === "+") throw queryErrorAt("TYPE_MISMATCH", expression.at, `Unary '+' operator cannot by applied to ${display(value.type)} type`);
          throw queryErrorAt("TYPE_MISMATCH", expression.at, `Cannot negate ${display(value.type)}`);
        }
        if (expression.sign === "+") return make(expression, value.type, value.sql, "expression", [value]);
        const literalValue = value.literal?.value;
        const negated = typeof literalValue === "number" ? { value: -literalValue } : typeof literalValue === "bigint" ? { value: -literalValue } : undefined;
        return make(expression, value.type, `(- ${value.sql})`, value.role === "literal" ? "literal" : "expression", [value], negated === undefined ? {} : { literal: negated });
      }
      case "concatenation":
        return this.functionCall({ kind: "functionCall", name: { parts: [{ kind: "identifier", value: "concat", delimited: false, at: expression.at }], at: expression.at }, arguments: [expression.left, expression.right], distinct: false, star: false, orderBy: [], at: expression.at }, context);
      case "comparison":
        return this.comparison(expression, context);
      case "quantifiedComparison":
        return this.quantifiedComparison(expression, context);
      case "between": {
        const value = this.analyze(expression.value, context);
        const min = this.analyze(expression.min, context);
        const max = this.analyze(expression.max, context);
        const common = [min.type, max.type].reduce<TrinoType | undefined>((type, next) => (type === undefined ? undefined : commonSuperType(type, next)), value.type);
        if (common === undefined || !isOrderable(common)) {
          throw queryErrorAt("TYPE_MISMATCH", expression.at, `Cannot check if ${display(value.type)} is BETWEEN ${display(min.type)} and ${display(max.type)}`);
        }
        const [a, b, c] = [value, min, max].map((item) => this.comparable(coerceSql(item.sql, item.type, common), common));
        return make(expression, BOOLEAN, `(${a} BETWEEN ${b} AND ${c})`, "expression", [value, min, max]);
      }
      case "inList": {
        const value = this.analyze(expression.value, context);
        const items = expression.list.map((item) => this.analyze(item, context));
        const common = this.commonType("IN value and list items", [value, ...items]);
        const list = items.map((item) => this.comparable(coerceSql(item.sql, item.type, common), common));
        return make(expression, BOOLEAN, `(${this.comparable(coerceSql(value.sql, value.type, common), common)} IN (${list.join(", ")}))`, "expression", [value, ...items]);
      }
      case "inSubquery": {
        const value = this.analyze(expression.value, context);
        const subquery = context.analyzeSubquery(expression.subquery, context.scope);
        if (subquery.columns.length !== 1) {
          throw queryErrorAt("TYPE_MISMATCH", expression.at, `Value expression and result of subquery must be of the same type: row(${display(value.type)}) vs row(${subquery.columns.map((column) => display(column.type)).join(", ")})`);
        }
        const columnType = subquery.columns[0]!.type;
        const common = commonSuperType(value.type, columnType);
        if (common === undefined) {
          throw queryErrorAt("TYPE_MISMATCH", expression.at, `Value expression and result of subquery must be of the same type: row(${display(value.type)}) vs row(${display(columnType)})`);
        }
        const inner = `SELECT ${this.comparable(coerceSql('"s"."_c0"', columnType, common), common)} FROM (${subquery.sql}) AS "s"`;
        return make(expression, BOOLEAN, `(${this.comparable(coerceSql(value.sql, value.type, common), common)} IN (${inner}))`, "subquery", [value]);
      }
      case "like":
        return this.like(expression, context);
      case "isNull":
      case "isNotNull": {
        const value = this.analyze(expression.value, context);
        return make(expression, BOOLEAN, `(${value.sql} IS ${expression.kind === "isNull" ? "" : "NOT "}NULL)`, "expression", [value]);
      }
      case "not": {
        const value = this.booleanOperand(expression.value, context, "Value of logical NOT expression");
        return make(expression, BOOLEAN, `(NOT ${value.sql})`, "expression", [value]);
      }
      case "logical": {
        const terms = expression.terms.map((term) => this.booleanOperand(term, context, "Logical expression term"));
        return make(expression, BOOLEAN, `(${terms.map((term) => term.sql).join(` ${expression.operator} `)})`, "expression", terms);
      }
      case "exists": {
        const subquery = context.analyzeSubquery(expression.subquery, context.scope);
        return make(expression, BOOLEAN, `(EXISTS (${subquery.sql}))`, "subquery", []);
      }
      case "subquery": {
        const subquery = context.analyzeSubquery(expression.query, context.scope);
        if (subquery.columns.length === 1) {
          return make(expression, subquery.columns[0]!.type, `(SELECT "s"."_c0" FROM (${subquery.sql}) AS "s")`, "subquery", []);
        }
        const type: TrinoType = { kind: "row", fields: subquery.columns.map((column) => ({ type: column.type })) };
        const fields = subquery.columns.map((_, index) => `"field${index}" := "s"."_c${index}"`).join(", ");
        return make(expression, type, `(SELECT struct_pack(${fields}) FROM (${subquery.sql}) AS "s")`, "subquery", []);
      }
      case "simpleCase":
      case "searchedCase":
        return this.caseExpression(expression, context);
      case "coalesce": {
        if (expression.operands.length < 2) throw queryErrorAt("SYNTAX_ERROR", expression.at, "The 'coalesce' function must have at least two arguments");
        const operands = expression.operands.map((operand) => this.analyze(operand, context));
        const common = this.commonType("All COALESCE operands", operands);
        return make(expression, common, `coalesce(${operands.map((operand) => coerceSql(operand.sql, operand.type, common)).join(", ")})`, "expression", operands);
      }
      case "arrayConstructor": {
        if (expression.values.length > 254) throw queryErrorAt("TOO_MANY_ARGUMENTS", expression.at, "Too many arguments for array constructor");
        const values = expression.values.map((value) => this.analyze(value, context));
        const element = values.length === 0 ? UNKNOWN : this.commonType("All ARRAY elements", values);
        const type: TrinoType = { kind: "array", element };
        const items = values.map((value) => coerceSql(value.sql, value.type, element));
        return make(expression, type, values.length === 0 ? "CAST([] AS INTEGER[])" : `[${items.join(", ")}]`, "expression", values);
      }
      case "row": {
        const items = expression.items.map((item) => this.analyze(item, context));
        const type: TrinoType = { kind: "row", fields: items.map((item) => ({ type: item.type })) };
        const fields = items.map((item, index) => `${quoteIdentifier(rowFieldKey({ type: item.type }, index))} := ${item.type.kind === "unknown" ? "CAST(NULL AS INTEGER)" : item.sql}`);
        return make(expression, type, `struct_pack(${fields.join(", ")})`, "expression", items);
      }
      case "lambda":
        throw queryErrorAt("TYPE_MISMATCH", expression.at, "Lambda expression is only allowed as a function argument");
      case "atTimeZone":
        return this.atTimeZone(expression, context);
      case "extract": {
        const field = expression.field.value.toUpperCase();
        const functionName = EXTRACT_FUNCTIONS[field];
        if (functionName === undefined) throw queryErrorAt("SYNTAX_ERROR", expression.at, `Invalid EXTRACT field: ${expression.field.value}`);
        const value = this.analyze(expression.value, context);
        const kind = value.type.kind;
        if (!["date", "timestamp", "time", "interval day to second", "interval year to month", "unknown"].includes(kind)) {
          throw queryErrorAt("TYPE_MISMATCH", expression.value.at, `Type of argument to extract must be DATE, TIME, TIMESTAMP, or INTERVAL (actual ${display(value.type)})`);
        }
        if (field.startsWith("TIMEZONE_") && !((value.type.kind === "timestamp" || value.type.kind === "time") && value.type.withTimeZone)) {
          throw queryErrorAt("TYPE_MISMATCH", expression.value.at, `Type of argument to extract time zone field must have a time zone (actual ${display(value.type)})`);
        }
        return this.callResolved(expression, functionName, [value], context, { distinct: false, window: false });
      }
      case "currentTime":
        return this.currentTime(expression);
      case "currentValue": {
        const value = expression.function === "CURRENT_CATALOG" ? context.session.catalog : expression.function === "CURRENT_SCHEMA" ? context.session.schema : expression.function === "CURRENT_USER" ? context.session.user : `"${context.session.catalog}"."${context.session.schema}"`;
        return make(expression, VARCHAR, quoteString(value), "literal", [], { literal: { value } });
      }
      case "trim": {
        const source = this.analyze(expression.source, context);
        const args = [source];
        if (expression.characters !== undefined) args.push(this.analyze(expression.characters, context));
        const name = expression.specification === "LEADING" ? "ltrim" : expression.specification === "TRAILING" ? "rtrim" : "trim";
        return this.callResolved(expression, name, args, context, { distinct: false, window: false });
      }
      case "grouping": {
        if (context.forbidAggregates !== undefined) {
          throw queryErrorAt("EXPRESSION_NOT_SCALAR", expression.at, `${context.forbidAggregates} cannot contain aggregations, window functions or grouping operations: [${formatExpression(expression)}]`);
        }
        const columns = expression.columns.map((name) => this.analyze(this.nameToExpression(name.parts), context));
        return make(expression, BIGINT, `CAST(grouping(${columns.map((column) => column.sql).join(", ")}) AS BIGINT)`, "grouping", columns);
      }
      case "unsupported":
        throw queryErrorAt("NOT_SUPPORTED", expression.at, `${expression.feature} is not supported by the gpu-stream emulator`);
      default:
        throw queryErrorAt("NOT_SUPPORTED", expression.at, `${expression.kind} is not supported`);
    }
  }

  private nameToExpression(parts: readonly Identifier[]): Expression {
    let expression: Expression = parts[0]!;
    for (const part of parts.slice(1)) expression = { kind: "dereference", base: expression, field: part, at: parts[0]!.at };
    return expression;
  }

  /** Values of a timestamp with time zone compare by instant; others as they are. */
  private comparable(sql: string, type: TrinoType): string {
    return type.kind === "timestamp" && type.withTimeZone ? `(${sql})."instant"` : sql;
  }

  private commonType(description: string, items: readonly Bound[]): TrinoType {
    let common: TrinoType = UNKNOWN;
    const seen: string[] = [];
    for (const item of items) {
      if (!seen.includes(display(item.type))) seen.push(display(item.type));
      const next = commonSuperType(common, item.type);
      if (next === undefined) {
        throw queryErrorAt(
          "TYPE_MISMATCH",
          item.node.at,
          `${description} must be the same type or coercible to a common type. Cannot find common type between ${display(common)} and ${display(item.type)}, all types (without duplicates): [${items
            .map((other) => display(other.type))
            .filter((name, index, all) => all.indexOf(name) === index)
            .join(", ")}]`,
        );
      }
      common = next;
    }
    return common;
  }

  booleanOperand(expression: Expression, context: ExpressionContext, description: string): Bound {
    const value = this.analyze(expression, context);
    if (value.type.kind === "unknown") return { ...value, type: BOOLEAN, sql: "CAST(NULL AS BOOLEAN)" };
    if (value.type.kind !== "boolean") throw queryErrorAt("TYPE_MISMATCH", expression.at, `${description} must evaluate to a boolean (actual: ${display(value.type)})`);
    return value;
  }

  private columnNotFound(position: Position, name: string): QueryError {
    return queryErrorAt("COLUMN_NOT_FOUND", position, `Column '${name}' cannot be resolved${NOT_AUTHORIZED_SUFFIX}`);
  }

  private fieldBound(expression: Expression, resolution: Extract<Resolution, { kind: "found" }>): Bound {
    const role: Bound["role"] = resolution.field.checked === true ? "expression" : resolution.outer ? "outerColumn" : "column";
    return make(expression, resolution.field.type, resolution.field.sql, role, []);
  }

  private identifier(expression: Identifier, context: ExpressionContext): Bound {
    const name = expression.value.toLowerCase();
    const lambda = context.lambdas.get(name);
    if (lambda !== undefined) return make(expression, lambda.type, lambda.sql, "lambdaVariable", []);
    const resolution = context.scope.resolve(name);
    if (resolution.kind === "ambiguous") throw queryErrorAt("AMBIGUOUS_NAME", expression.at, `Column '${name}' is ambiguous`);
    if (resolution.kind === "missing") throw this.columnNotFound(expression.at, name);
    return this.fieldBound(expression, resolution);
  }

  private dereference(expression: Extract<Expression, { kind: "dereference" }>, context: ExpressionContext): Bound {
    const parts = nameParts(expression);
    if (parts !== undefined && !context.lambdas.has(parts[0]!.value.toLowerCase())) {
      const lower = parts.map((part) => part.value.toLowerCase());
      const resolution = context.scope.resolve(lower[lower.length - 1]!, lower.slice(0, -1));
      if (resolution.kind === "found") return this.fieldBound(expression, resolution);
      if (resolution.kind === "ambiguous") throw queryErrorAt("AMBIGUOUS_NAME", expression.at, `Column '${lower.join(".")}' is ambiguous`);
      // Only a prefix that names a column (of row type) can be dereferenced further.
      const isColumnReference = lower.some((_, index) => index > 0 && context.scope.resolve(lower[index - 1]!, lower.slice(0, index - 1)).kind === "found") || context.scope.resolve(lower[0]!).kind === "found";
      if (!isColumnReference) throw this.columnNotFound(expression.at, lower.join("."));
    }
    const base = this.analyze(expression.base, context);
    if (base.type.kind !== "row") throw queryErrorAt("TYPE_MISMATCH", expression.base.at, `Expression ${formatExpression(expression.base)} is not of type ROW`);
    const name = expression.field.value.toLowerCase();
    const matches = base.type.fields.map((field, index) => ({ field, index })).filter(({ field }) => field.name?.toLowerCase() === name);
    if (matches.length > 1) throw queryErrorAt("AMBIGUOUS_NAME", expression.at, `Ambiguous row field reference: ${expression.field.value}`);
    if (matches.length === 0) throw this.columnNotFound(expression.at, `${formatExpression(expression.base)}.${name}`);
    const { field, index } = matches[0]!;
    return make(expression, field.type, `struct_extract(${base.sql}, ${quoteString(rowFieldKey(field, index))})`, "expression", [base]);
  }

  private typedLiteral(expression: Extract<Expression, { kind: "genericLiteral" }>, context: ExpressionContext): Bound {
    // DATE, TIMESTAMP and DECIMAL are analyzeLiteral's; the rest is a cast of the string (GenericLiteral).
    const target = resolveDataType({ kind: "generic", name: { kind: "identifier", value: expression.type, delimited: false, at: expression.at }, parameters: [], at: expression.at });
    const text: Bound = make({ kind: "stringLiteral", value: expression.value, at: expression.at }, { kind: "varchar", length: expression.value.length }, quoteString(expression.value), "literal", [], { literal: { value: expression.value } });
    if (!canCast(text.type, target)) throw queryErrorAt("INVALID_LITERAL", expression.at, `No literal form for type ${display(target)}`);
    const valid = `'${expression.value.replace(/'/g, "''")}' is not a valid ${display(target)} literal`;
    if (target.kind === "json") {
      // A JSON literal is json_parse of its text, not a cast (a cast makes a JSON string): Trino's JSON functions page
      // writes json_array_contains(JSON '[1, 2, 3]', 2).
      if (!isJson(expression.value)) throw queryErrorAt("INVALID_LITERAL", expression.at, valid);
      return make(expression, target, `json(${quoteString(expression.value)})`, "literal", [], { literal: { value: expression.value } });
    }
    const sql = `coalesce(${castSql(text.sql, text.type, target, true)}, ${failSql(context.safe, "INVALID_LITERAL", quoteString(valid))})`;
    return make(expression, target, sql, "literal", [], { literal: { value: expression.value } });
  }

  private subscript(expression: Extract<Expression, { kind: "subscript" }>, context: ExpressionContext): Bound {
    const base = this.analyze(expression.base, context);
    const index = this.analyze(expression.index, context);
    if (base.type.kind === "array") {
      if (!["tinyint", "smallint", "integer", "bigint", "unknown"].includes(index.type.kind)) {
        throw queryErrorAt("TYPE_MISMATCH", expression.at, `Cannot use ${display(index.type)} for subscript of ${display(base.type)}`);
      }
      const i = `CAST(${index.sql} AS BIGINT)`;
      const sql = `CASE WHEN ${base.sql} IS NULL OR ${index.sql} IS NULL THEN NULL WHEN ${i} = 0 THEN ${failSql(context.safe, "INVALID_FUNCTION_ARGUMENT", "'SQL array indices start at 1'")} WHEN ${i} < 0 THEN ${failSql(context.safe, "INVALID_FUNCTION_ARGUMENT", `'Array subscript is negative: ' || ${i}`)} WHEN ${i} > len(${base.sql}) THEN ${failSql(context.safe, "INVALID_FUNCTION_ARGUMENT", `'Array subscript must be less than or equal to array length: ' || ${i} || ' > ' || len(${base.sql})`)} ELSE ${base.sql}[${i}] END`;
      return make(expression, base.type.element, sql, "expression", [base, index]);
    }
    if (base.type.kind === "map") {
      const keyType = base.type.key;
      if (commonSuperType(keyType, index.type) === undefined) throw queryErrorAt("TYPE_MISMATCH", expression.at, `Cannot use ${display(index.type)} for subscript of ${display(base.type)}`);
      const key = coerceSql(index.sql, index.type, keyType);
      const sql = `CASE WHEN ${base.sql} IS NULL OR ${key} IS NULL THEN NULL WHEN NOT map_contains(${base.sql}, ${key}) THEN ${failSql(context.safe, "INVALID_FUNCTION_ARGUMENT", `'Key not present in map: ' || CAST(${key} AS VARCHAR)`)} ELSE ${base.sql}[${key}] END`;
      return make(expression, base.type.value, sql, "expression", [base, index]);
    }
    if (base.type.kind === "row") {
      const value = index.literal?.value;
      if (index.role !== "literal" || typeof value !== "number") throw queryErrorAt("INVALID_FUNCTION_ARGUMENT", expression.index.at, "Subscript expression on ROW requires a constant index");
      if (value < 1) throw queryErrorAt("INVALID_FUNCTION_ARGUMENT", expression.index.at, `Invalid subscript index: ${value}. ROW indices start at 1`);
      if (value > base.type.fields.length) throw queryErrorAt("INVALID_FUNCTION_ARGUMENT", expression.index.at, `Subscript index out of bounds: ${value}, max value is ${base.type.fields.length}`);
      return make(expression, base.type.fields[value - 1]!.type, `struct_extract(${base.sql}, ${value})`, "expression", [base, index]);
    }
    throw queryErrorAt("TYPE_MISMATCH", expression.at, `Cannot use ${display(index.type)} for subscript of ${display(base.type)}`);
  }

  private cast(expression: Extract<Expression, { kind: "cast" }>, context: ExpressionContext): Bound {
    const value = this.analyze(expression.value, context);
    const target = resolveDataType(expression.type);
    if (!canCast(value.type, target)) throw queryErrorAt("TYPE_MISMATCH", expression.at, cannotCast(value.type, target));
    return make(expression, target, castSql(value.sql, value.type, target, expression.safe || context.safe), "expression", [value]);
  }

  private comparison(expression: Extract<Expression, { kind: "comparison" }>, context: ExpressionContext): Bound {
    const left = this.analyze(expression.left, context);
    const right = this.analyze(expression.right, context);
    const result = comparison(expression.operator, left, right);
    if (result === undefined) {
      if (expression.operator === "IS DISTINCT FROM") throw queryErrorAt("TYPE_MISMATCH", expression.at, `Cannot check if ${display(left.type)} is distinct from ${display(right.type)}`);
      throw queryErrorAt("TYPE_MISMATCH", expression.at, cannotApply(comparisonSymbol(expression.operator), left.type, right.type));
    }
    return make(expression, BOOLEAN, result.sql, "expression", [left, right]);
  }

  private quantifiedComparison(expression: Extract<Expression, { kind: "quantifiedComparison" }>, context: ExpressionContext): Bound {
    const value = this.analyze(expression.value, context);
    const subquery = context.analyzeSubquery(expression.subquery, context.scope);
    const columnType = subquery.columns[0]?.type ?? UNKNOWN;
    const probe = comparison(expression.operator, value, { sql: '"s"."_c0"', type: columnType });
    if (probe === undefined || subquery.columns.length !== 1) throw queryErrorAt("TYPE_MISMATCH", expression.at, cannotApply(comparisonSymbol(expression.operator), value.type, columnType));
    const common = commonSuperType(value.type, columnType)!;
    const inner = `SELECT ${this.comparable(coerceSql('"s"."_c0"', columnType, common), common)} FROM (${subquery.sql}) AS "s"`;
    const quantifier = expression.quantifier === "SOME" ? "ANY" : expression.quantifier;
    return make(expression, BOOLEAN, `(${this.comparable(coerceSql(value.sql, value.type, common), common)} ${expression.operator} ${quantifier} (${inner}))`, "subquery", [value]);
  }

  private like(expression: Extract<Expression, { kind: "like" }>, context: ExpressionContext): Bound {
    const value = this.analyze(expression.value, context);
    const pattern = this.analyze(expression.pattern, context);
    const stringy = (type: TrinoType): boolean => type.kind === "varchar" || type.kind === "char" || type.kind === "unknown";
    if (!stringy(value.type)) throw queryErrorAt("TYPE_MISMATCH", expression.value.at, `Left side of LIKE expression must evaluate to a varchar (actual: ${display(value.type)})`);
    if (!stringy(pattern.type)) throw queryErrorAt("TYPE_MISMATCH", expression.pattern.at, `Pattern for LIKE expression must evaluate to a varchar (actual: ${display(pattern.type)})`);
    const children = [value, pattern];
    let escape = "";
    if (expression.escape !== undefined) {
      const escapeBound = this.analyze(expression.escape, context);
      if (!stringy(escapeBound.type)) throw queryErrorAt("TYPE_MISMATCH", expression.escape.at, `Escape for LIKE expression must evaluate to a varchar (actual: ${display(escapeBound.type)})`);
      const escapeValue = escapeBound.literal?.value;
      if (typeof escapeValue === "string" && [...escapeValue].length !== 1) throw queryErrorAt("INVALID_FUNCTION_ARGUMENT", expression.escape.at, "Escape string must be a single character");
      escape = ` ESCAPE ${escapeBound.sql}`;
      children.push(escapeBound);
    }
    // Trino's LIKE has no default escape character; DuckDB's neither.
    return make(expression, BOOLEAN, `(${value.sql} LIKE ${pattern.sql}${escape})`, "expression", children);
  }

  private caseExpression(expression: Extract<Expression, { kind: "simpleCase" | "searchedCase" }>, context: ExpressionContext): Bound {
    const operand = expression.kind === "simpleCase" ? this.analyze(expression.operand, context) : undefined;
    const conditions: Bound[] = [];
    let whenType = operand?.type;
    for (const when of expression.whens as readonly WhenClause[]) {
      if (operand !== undefined) {
        const bound = this.analyze(when.operand, context);
        const common = commonSuperType(whenType!, bound.type);
        if (common === undefined) throw queryErrorAt("TYPE_MISMATCH", when.operand.at, `CASE operand type does not match WHEN clause operand type: ${display(operand.type)} vs ${display(bound.type)}`);
        whenType = common;
        conditions.push(bound);
      } else {
        conditions.push(this.booleanOperand(when.operand, context, "CASE WHEN clause"));
      }
    }
    const results = expression.whens.map((when) => this.analyze(when.result, context));
    const otherwise = expression.otherwise === undefined ? undefined : this.analyze(expression.otherwise, context);
    const type = this.commonType("All CASE results", otherwise === undefined ? results : [...results, otherwise]);
    const branches = conditions.map((condition, index) => {
      const test = operand === undefined ? condition.sql : `${this.comparable(coerceSql(operand.sql, operand.type, whenType!), whenType!)} = ${this.comparable(coerceSql(condition.sql, condition.type, whenType!), whenType!)}`;
      return `WHEN ${test} THEN ${coerceSql(results[index]!.sql, results[index]!.type, type)}`;
    });
    const elseSql = otherwise === undefined ? "" : ` ELSE ${coerceSql(otherwise.sql, otherwise.type, type)}`;
    const children = [...(operand === undefined ? [] : [operand]), ...conditions, ...results, ...(otherwise === undefined ? [] : [otherwise])];
    return make(expression, type, `CASE ${branches.join(" ")}${elseSql} END`, "expression", children);
  }

  private atTimeZone(expression: Extract<Expression, { kind: "atTimeZone" }>, context: ExpressionContext): Bound {
    const value = this.analyze(expression.value, context);
    const zone = this.analyze(expression.zone, context);
    if (value.type.kind !== "timestamp" && value.type.kind !== "time") throw queryErrorAt("TYPE_MISMATCH", expression.value.at, `Type of value must be a time or timestamp with or without time zone (actual ${display(value.type)})`);
    let zoneSql: string;
    if (zone.type.kind === "interval day to second") {
      zoneSql = `(CASE WHEN epoch(${zone.sql}) >= 0 THEN '+' ELSE '-' END || strftime(make_timestamp(abs(CAST(epoch(${zone.sql}) AS BIGINT)) * 1000000), '%H:%M'))`;
    } else if (zone.type.kind === "varchar" || zone.type.kind === "char") {
      const literal = zone.literal?.value;
      if (typeof literal === "string") {
        const normalized = normalizeZone(literal);
        if (normalized === undefined) throw queryErrorAt("INVALID_FUNCTION_ARGUMENT", expression.zone.at, `Time zone not supported: ${literal}`);
        zoneSql = quoteString(normalized);
      } else {
        zoneSql = `trino_zone_id(${zone.sql})`;
      }
    } else {
      throw queryErrorAt("TYPE_MISMATCH", expression.zone.at, `Type of time zone must be a varchar or interval day to second (actual ${display(zone.type)})`);
    }
    if (value.type.kind === "time") throw queryErrorAt("NOT_SUPPORTED", expression.at, "AT TIME ZONE on a time value is not supported by the gpu-stream emulator");
    const precision = value.type.precision;
    const instant = value.type.withTimeZone ? `(${value.sql})."instant"` : `trino_instant(${value.sql}, 'UTC')`;
    return make(expression, { kind: "timestamp", precision, withTimeZone: true }, zonedValue(instant, zoneSql), "expression", [value, zone]);
  }

  private currentTime(expression: Extract<Expression, { kind: "currentTime" }>): Bound {
    const precision = expression.precision ?? 3;
    const now = precision >= 6 ? "get_current_timestamp()" : `trino_round_micros(CAST(get_current_timestamp() AS TIMESTAMP), ${precision})`;
    switch (expression.function) {
      case "CURRENT_DATE":
        return make(expression, DATE, "CAST(get_current_timestamp() AS DATE)", "expression", [], { deterministic: true });
      case "CURRENT_TIMESTAMP":
        return make(expression, { kind: "timestamp", precision, withTimeZone: true }, zonedValue(`CAST(${now} AS TIMESTAMPTZ)`, "'UTC'"), "expression", []);
      case "LOCALTIMESTAMP":
        return make(expression, { kind: "timestamp", precision, withTimeZone: false }, `CAST(${now} AS ${duckType({ kind: "timestamp", precision, withTimeZone: false })})`, "expression", []);
      case "CURRENT_TIME":
        return make(expression, { kind: "time", precision, withTimeZone: true }, "CAST(get_current_timestamp() AS TIME)", "expression", []);
      case "LOCALTIME":
        return make(expression, { kind: "time", precision, withTimeZone: false }, "CAST(get_current_timestamp() AS TIME)", "expression", []);
    }
  }

  // ---------------------------------------------------------------- functions

  private functionCall(expression: Extract<Expression, { kind: "functionCall" }>, context: ExpressionContext): Bound {
    const parts = expression.name.parts;
    const name = parts.map((part) => part.value.toLowerCase()).join(".");
    const special = this.specialForm(name, expression, context);
    if (special !== undefined) return special;
    if (parts.length > 1) throw queryErrorAt("FUNCTION_NOT_FOUND", expression.at, `Function '${name}' not registered`);
    const candidates = functionsNamed(name);
    if (candidates === undefined) throw queryErrorAt("FUNCTION_NOT_FOUND", expression.at, `Function '${name}' not registered`);
    if (expression.arguments.length > 127) throw queryErrorAt("TOO_MANY_ARGUMENTS", expression.at, `Too many arguments for function call ${name}()`);
    const isAggregate = candidates.some((candidate) => candidate.kind === "aggregate");
    const isWindow = candidates.some((candidate) => candidate.kind === "window");
    if (expression.window !== undefined) {
      if (!isAggregate && !isWindow) throw queryErrorAt("FUNCTION_NOT_WINDOW", expression.at, `Not a window function: ${name}`);
      if (context.forbidAggregates !== undefined) {
        throw queryErrorAt("EXPRESSION_NOT_SCALAR", expression.at, `${context.forbidAggregates} cannot contain aggregations, window functions or grouping operations: [${formatExpression(expression)}]`);
      }
      if (context.insideAggregate !== undefined) {
        throw queryErrorAt("NESTED_WINDOW", expression.at, `Cannot nest window functions or row pattern measures inside aggregation '${context.insideAggregate}': [${formatExpression(expression)}]`);
      }
      if (context.insideWindow) throw queryErrorAt("NESTED_WINDOW", expression.at, `Cannot nest window functions inside window function '${name}': [${formatExpression(expression)}]`);
      if (expression.distinct) throw queryErrorAt("NOT_SUPPORTED", expression.at, `DISTINCT in window function parameters not yet supported: ${formatExpression(expression)}`);
    } else if (isWindow && !isAggregate) {
      throw queryErrorAt("MISSING_OVER", expression.at, `Window function ${name} requires an OVER clause`);
    }
    if (!isAggregate) {
      if (expression.distinct) throw queryErrorAt("FUNCTION_NOT_AGGREGATE", expression.at, "DISTINCT is not supported for non-aggregation functions");
      if (expression.filter !== undefined) throw queryErrorAt("FUNCTION_NOT_AGGREGATE", expression.at, "Filter is only valid for aggregation functions");
      if (expression.orderBy.length > 0) throw queryErrorAt("FUNCTION_NOT_AGGREGATE", expression.at, "ORDER BY is only valid for aggregation functions");
    }
    if (isAggregate && expression.window === undefined) {
      if (context.forbidAggregates !== undefined) {
        throw queryErrorAt("EXPRESSION_NOT_SCALAR", expression.at, `${context.forbidAggregates} cannot contain aggregations, window functions or grouping operations: [${formatExpression(expression)}]`);
      }
      if (context.insideAggregate !== undefined) {
        throw queryErrorAt("NESTED_AGGREGATION", expression.at, `Cannot nest aggregations inside aggregation '${context.insideAggregate}': [${formatExpression(expression)}]`);
      }
    }
    const argumentContext: ExpressionContext =
      expression.window !== undefined ? { ...context, insideWindow: true } : isAggregate ? { ...context, insideAggregate: name } : context;
    const args = expression.arguments.map((argument) => (argument.kind === "lambda" ? undefined : this.analyze(argument, argumentContext)));
    const filter = expression.filter === undefined ? undefined : this.booleanOperand(expression.filter, argumentContext, "Filter expression");
    const orderBy = expression.orderBy.map((item) => this.sortItem(item, argumentContext));
    const window = expression.window === undefined ? undefined : this.window(expression.window, context, isAggregate ? undefined : name);
    // An aggregate over a window carries the window into its own SQL (its result may be wrapped in a cast); a window
    // function's OVER follows the call.
    const over = window !== undefined && isAggregate ? window.sql : undefined;
    const shape = {
      distinct: expression.distinct,
      window: window !== undefined,
      ...(over === undefined ? {} : { over }),
      ...(filter === undefined ? {} : { filter: filter.sql }),
      ...(orderBy.length === 0 ? {} : { orderBy: orderBy.map((item) => item.sql).join(", ") }),
    };
    const children = [...args.filter((arg): arg is Bound => arg !== undefined), ...(filter === undefined ? [] : [filter]), ...orderBy.flatMap((item) => item.children), ...(window?.children ?? [])];
    const call = this.callResolved(expression, name, args, context, shape, expression.arguments, children, expression.star);
    if (window === undefined) return call;
    return make(expression, call.type, over === undefined ? `${call.sql} OVER ${window.sql}` : call.sql, "window", children);
  }

  /**
   * Resolves and generates a call of a catalog function on analysed arguments (`undefined` for a lambda, whose
   * expression is in `argumentNodes`).
   */
  callResolved(
    node: Expression,
    name: string,
    args: readonly (Bound | undefined)[],
    context: ExpressionContext,
    shape: { distinct: boolean; window: boolean; filter?: string; orderBy?: string },
    argumentNodes: readonly Expression[] = [],
    children: readonly Bound[] = args.filter((arg): arg is Bound => arg !== undefined),
    star = false,
  ): Bound {
    void star;
    const candidates = functionsNamed(name) ?? [];
    const lambdaBodies = new Map<string, Bound>();
    const argumentTypes = args.map((arg) => (arg === undefined ? ({ kind: "function", parameters: [], result: UNKNOWN } as TrinoType) : arg.type));
    let resolved;
    try {
      resolved = resolveFunction(name, candidates, argumentTypes, (index, parameterTypes) => {
        const lambda = argumentNodes[index];
        if (lambda?.kind !== "lambda" || lambda.parameters.length !== parameterTypes.length) return undefined;
        const key = `${index}:${parameterTypes.map(display).join(",")}`;
        let body = lambdaBodies.get(key);
        if (body === undefined) {
          const lambdas = new Map(context.lambdas);
          lambda.parameters.forEach((parameter, position) => lambdas.set(parameter.value.toLowerCase(), { type: parameterTypes[position]!, sql: quoteIdentifier(`lambda_${parameter.value.toLowerCase()}`) }));
          body = this.analyze(lambda.body, { ...context, lambdas });
          lambdaBodies.set(key, body);
        }
        return body.type;
      });
    } catch (error) {
      if (error instanceof FunctionResolutionError) throw queryErrorAt(error.errorName, node.at, error.message);
      throw error;
    }
    const generated: Argument[] = args.map((arg, index) => {
      const parameterType = resolved.parameterTypes[index]!;
      if (arg === undefined) {
        const lambda = argumentNodes[index] as Extract<Expression, { kind: "lambda" }>;
        const parameterTypes = resolved.lambdaParameters.get(index)!;
        const body = lambdaBodies.get(`${index}:${parameterTypes.map(display).join(",")}`)!;
        const parameters = lambda.parameters.map((parameter) => quoteIdentifier(`lambda_${parameter.value.toLowerCase()}`));
        return { sql: `lambda ${parameters.join(", ")}: ${body.sql}`, type: { kind: "function", parameters: parameterTypes, result: body.type }, lambda: { parameters, body: body.sql } };
      }
      const sql = coerceSql(arg.sql, arg.type, parameterType);
      const value = arg.literal?.value;
      return { sql, type: parameterType, ...(arg.literal === undefined || value === undefined ? {} : { literal: { value } }) };
    });
    try {
      resolved.signature.validate?.(generated);
    } catch (error) {
      if (error instanceof QueryError) throw queryErrorAt(error.errorName, node.at, error.message.slice(error.errorName.length + 2));
      throw error;
    }
    const callShape: CallShape = { ...shape, returnType: resolved.returnType, argumentCount: args.length, safe: context.safe };
    const sql = generateOnce(resolved.signature, generated, callShape);
    const role: Bound["role"] = resolved.signature.kind === "aggregate" && !shape.window ? "aggregate" : resolved.signature.kind === "window" ? "window" : "expression";
    return make(node, resolved.returnType, sql, role, role === "aggregate" ? [] : children, { deterministic: resolved.signature.deterministic && children.every((child) => child.deterministic) });
  }

  private specialForm(name: string, expression: Extract<Expression, { kind: "functionCall" }>, context: ExpressionContext): Bound | undefined {
    const args = expression.arguments;
    const noModifiers = (label: string): void => {
      if (expression.window !== undefined) throw queryErrorAt("SYNTAX_ERROR", expression.at, `OVER clause not valid for '${label}' function`);
      if (expression.distinct) throw queryErrorAt("SYNTAX_ERROR", expression.at, `DISTINCT not valid for '${label}' function`);
      if (expression.filter !== undefined) throw queryErrorAt("SYNTAX_ERROR", expression.at, `FILTER not valid for '${label}' function`);
    };
    switch (name) {
      case "if": {
        if (args.length < 2 || args.length > 3) throw queryErrorAt("SYNTAX_ERROR", expression.at, "Invalid number of arguments for 'if' function");
        noModifiers("if");
        const condition = this.booleanOperand(args[0]!, context, "IF condition");
        const then = this.analyze(args[1]!, context);
        const otherwise = args[2] === undefined ? undefined : this.analyze(args[2], context);
        const type = otherwise === undefined ? then.type : commonSuperType(then.type, otherwise.type);
        if (type === undefined) throw queryErrorAt("TYPE_MISMATCH", expression.at, `Result types for IF must be the same: ${display(then.type)} vs ${display(otherwise!.type)}`);
        const elseSql = otherwise === undefined ? "" : ` ELSE ${coerceSql(otherwise.sql, otherwise.type, type)}`;
        return make(expression, type, `CASE WHEN ${condition.sql} THEN ${coerceSql(then.sql, then.type, type)}${elseSql} END`, "expression", otherwise === undefined ? [condition, then] : [condition, then, otherwise]);
      }
      case "nullif": {
        if (args.length !== 2) throw queryErrorAt("SYNTAX_ERROR", expression.at, "Invalid number of arguments for 'nullif' function");
        noModifiers("nullif");
        const first = this.analyze(args[0]!, context);
        const second = this.analyze(args[1]!, context);
        const common = commonSuperType(first.type, second.type);
        if (common === undefined || !typesEqual(common, common)) throw queryErrorAt("TYPE_MISMATCH", expression.at, `Types are not comparable with NULLIF: ${display(first.type)} vs ${display(second.type)}`);
        const equal = `${this.comparable(coerceSql(first.sql, first.type, common), common)} = ${this.comparable(coerceSql(second.sql, second.type, common), common)}`;
        return make(expression, first.type, `CASE WHEN ${equal} THEN NULL ELSE ${first.sql} END`, "expression", [first, second]);
      }
      case "coalesce":
        noModifiers("coalesce");
        return this.analyze({ kind: "coalesce", operands: args, at: expression.at }, context);
      case "try": {
        if (args.length !== 1) throw queryErrorAt("SYNTAX_ERROR", expression.at, "The 'try' function must have exactly one argument");
        noModifiers("try");
        const inner = this.analyze(args[0]!, { ...context, safe: true });
        // DuckDB's TRY catches its own errors (overflow, bad casts); it refuses volatile expressions.
        const sql = inner.deterministic && !/\bnow\(|random\(|get_current_timestamp\(/.test(inner.sql) ? `TRY(${inner.sql})` : inner.sql;
        return make(expression, inner.type, sql, "expression", [inner]);
      }
      case "typeof": {
        if (args.length !== 1) return undefined;
        const inner = this.analyze(args[0]!, context);
        const text = display(inner.type);
        return make(expression, VARCHAR, quoteString(text), "expression", [inner]);
      }
      default:
        return undefined;
    }
  }

  // ---------------------------------------------------------------- ordering and windows

  /** `expr ASC NULLS LAST`: Trino sorts NULLs last in both directions unless told. */
  sortItem(item: SortItem, context: ExpressionContext, bound?: Bound): { sql: string; children: Bound[] } {
    const key = bound ?? this.analyze(item.key, context);
    if (!isOrderable(key.type)) throw queryErrorAt("TYPE_MISMATCH", item.key.at, `Type ${display(key.type)} is not orderable, and therefore cannot be used in ORDER BY: ${formatExpression(item.key)}`);
    const value = key.type.kind === "timestamp" && key.type.withTimeZone ? `(${key.sql})."instant"` : key.sql;
    return { sql: `${value} ${item.ordering} NULLS ${item.nulls ?? "LAST"}`, children: [key] };
  }

  private frame(frame: WindowFrame, context: ExpressionContext): string {
    return frameText(frame, (offset) => this.analyze(offset, context).sql);
  }

  private windowSpecification(window: WindowSpecification, context: ExpressionContext, seen: Set<string> = new Set()): WindowSpecification {
    if (window.existingName === undefined) return window;
    const name = window.existingName.value.toLowerCase();
    const base = context.windows.get(name);
    if (base === undefined || seen.has(name)) throw queryErrorAt("INVALID_WINDOW_REFERENCE", window.existingName.at, `Cannot resolve WINDOW name ${window.existingName.value}`);
    seen.add(name);
    const resolved = this.windowSpecification(base, context, seen);
    return { partitionBy: resolved.partitionBy, orderBy: window.orderBy.length > 0 ? window.orderBy : resolved.orderBy, ...(window.frame ?? resolved.frame ? { frame: (window.frame ?? resolved.frame)! } : {}), at: window.at };
  }

  /** `windowFunction` names a window (not aggregate) function, for the rules Trino checks per function (lag, lead). */
  window(window: Window, context: ExpressionContext, windowFunction?: string): { sql: string; children: Bound[] } {
    const windowContext: ExpressionContext = { ...context, insideWindow: true };
    let specification: WindowSpecification;
    if (window.kind === "windowReference") {
      const named = context.windows.get(window.name.value.toLowerCase());
      if (named === undefined) throw queryErrorAt("INVALID_WINDOW_REFERENCE", window.name.at, `Cannot resolve WINDOW name ${window.name.value}`);
      specification = this.windowSpecification(named, context);
    } else {
      specification = this.windowSpecification(window, context);
    }
    // Trino's StatementAnalyzer.analyzeWindowFunctions and analyzeWindowFrame.
    if (windowFunction === "lag" || windowFunction === "lead") {
      if (specification.orderBy.length === 0) throw queryErrorAt("MISSING_ORDER_BY", window.at, `${windowFunction} function requires an ORDER BY window clause`);
      if (specification.frame !== undefined) throw queryErrorAt("INVALID_WINDOW_FRAME", specification.frame.at, `Cannot specify window frame for ${windowFunction} function`);
    }
    if (specification.frame !== undefined) checkFrame(specification.frame, specification.orderBy.length);
    const partitions = specification.partitionBy.map((expression) => this.analyze(expression, windowContext));
    const orders = specification.orderBy.map((item) => this.sortItem(item, windowContext));
    const parts: string[] = [];
    if (partitions.length > 0) parts.push(`PARTITION BY ${partitions.map((partition) => this.comparable(partition.sql, partition.type)).join(", ")}`);
    if (orders.length > 0) parts.push(`ORDER BY ${orders.map((order) => order.sql).join(", ")}`);
    if (specification.frame !== undefined) parts.push(this.frame(specification.frame, windowContext));
    return { sql: `(${parts.join(" ")})`, children: [...partitions, ...orders.flatMap((order) => order.children)] };
  }
}

/** The frame shapes Trino refuses (StatementAnalyzer.analyzeWindowFrame). */
function checkFrame(frame: WindowFrame, orderByCount: number): void {
  const start = frame.start.kind;
  const end = frame.end?.kind ?? "currentRow";
  const refuse = (message: string): never => {
    throw queryErrorAt("INVALID_WINDOW_FRAME", frame.at, message);
  };
  if (start === "unboundedFollowing") refuse("Window frame start cannot be UNBOUNDED FOLLOWING");
  if (end === "unboundedPreceding") refuse("Window frame end cannot be UNBOUNDED PRECEDING");
  if (start === "currentRow" && end === "preceding") refuse("Window frame starting from CURRENT ROW cannot end with PRECEDING");
  if (start === "following" && end === "preceding") refuse("Window frame starting from FOLLOWING cannot end with PRECEDING");
  if (start === "following" && end === "currentRow") refuse("Window frame starting from FOLLOWING cannot end with CURRENT ROW");
  const offset = [start, end].some((kind) => kind === "preceding" || kind === "following");
  if (frame.type === "RANGE" && offset && orderByCount !== 1) {
    throw queryErrorAt("INVALID_ORDER_BY", frame.at, `Window frame of type RANGE PRECEDING or FOLLOWING requires single sort item in ORDER BY (actual: ${orderByCount})`);
  }
  if (frame.type === "GROUPS" && offset && orderByCount === 0) throw queryErrorAt("MISSING_ORDER_BY", frame.at, "Window frame of type GROUPS PRECEDING or FOLLOWING requires ORDER BY");
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
