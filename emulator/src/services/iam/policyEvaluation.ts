// Sources: IAM User Guide, "Policy evaluation logic" (reference_policies_evaluation-logic.html: an explicit Deny
// wins, then an Allow, else the implicit deny), "IAM JSON policy elements" (Action/NotAction, Resource/NotResource,
// Principal, Condition: reference_policies_elements_*.html) and "Condition operators"
// (reference_policies_elements_condition_operators.html).

/** One statement of a policy document, every element as IAM's grammar allows it (string or list). */
export interface EvaluatedStatement {
  readonly Sid?: unknown;
  readonly Effect?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Condition?: unknown;
}

/** What a request asks: the action (`s3:PutObject`), the resource ARN, and the condition keys known for it. */
export interface RequestFacts {
  readonly action: string;
  /** The resource's ARN; `*` for an action on no resource. */
  readonly resource: string;
  /** Condition keys by name (`sts:ExternalId`, `aws:SourceAccount`, ...); names compare without case, as IAM's do. */
  readonly conditionKeys?: Readonly<Record<string, string>>;
}

export type Decision = "allow" | "explicit-deny" | "implicit-deny";

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, "\\$&");
}

/** `*` (any run of characters) and `?` (one character) as IAM reads them in actions, resources and `*Like` operators. */
function globRegExp(pattern: string, flags: string): RegExp {
  const source = [...pattern].map((char) => (char === "*" ? ".*" : char === "?" ? "." : escapeRegExp(char))).join("");
  return new RegExp(`^${source}$`, flags + "s");
}

/** Compiled patterns, by flags and pattern: a delivery asks the same role's few patterns at every object it writes. */
const compiledGlobs = new Map<string, RegExp>();
/** Policies are small and few; a caller that sends endless new patterns only empties the cache. */
const MAX_COMPILED_GLOBS = 4096;

function globMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const flags = ignoreCase ? "i" : "";
  const key = `${flags}:${pattern}`;
  let compiled = compiledGlobs.get(key);
  if (compiled === undefined) {
    if (compiledGlobs.size >= MAX_COMPILED_GLOBS) {
      compiledGlobs.clear();
    }
    compiled = globRegExp(pattern, flags);
    compiledGlobs.set(key, compiled);
  }
  return compiled.test(value);
}

/** Actions: `service:Action`, matched without case (IAM User Guide, "IAM JSON policy elements: Action"). */
export function actionMatches(pattern: unknown, action: string): boolean {
  return typeof pattern === "string" && globMatches(pattern, action, true);
}

/**
 * Resources: `*` alone matches everything; otherwise an ARN pattern, matched with case, where the wildcards of the
 * first five parts (partition, service, region, account) stay inside their part and those of the resource part
 * may span `/` and `:` ("IAM JSON policy elements: Resource", "Amazon Resource Names (ARNs)").
 */
export function resourceMatches(pattern: unknown, resource: string): boolean {
  if (typeof pattern !== "string") {
    return false;
  }
  if (pattern === "*") {
    return true;
  }
  const patternParts = splitArn(pattern);
  const resourceParts = splitArn(resource);
  if (patternParts === undefined || resourceParts === undefined) {
    return globMatches(pattern, resource, false);
  }
  return patternParts.every((part, index) => globMatches(part, resourceParts[index]!, false));
}

/** `arn:partition:service:region:account:resource` in its six parts (the last may hold more colons). */
function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") {
    return undefined;
  }
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

function listMatches(patterns: unknown, matches: (pattern: unknown) => boolean): boolean {
  return asList(patterns).some(matches);
}

function actionApplies(statement: EvaluatedStatement, action: string): boolean {
  if (statement.Action !== undefined) {
    return listMatches(statement.Action, (pattern) => actionMatches(pattern, action));
  }
  return statement.NotAction !== undefined && !listMatches(statement.NotAction, (pattern) => actionMatches(pattern, action));
}

function resourceApplies(statement: EvaluatedStatement, resource: string): boolean {
  if (statement.Resource !== undefined) {
    return listMatches(statement.Resource, (pattern) => resourceMatches(pattern, resource));
  }
  if (statement.NotResource !== undefined) {
    return !listMatches(statement.NotResource, (pattern) => resourceMatches(pattern, resource));
  }
  // Trust policies have no Resource: the role itself is the resource.
  return true;
}

type ValueTest = (expected: string, actual: string) => boolean;

/** The condition operators the emulator evaluates; `Not` operators are the negation of their positive one. */
const OPERATORS: Readonly<Record<string, { readonly test: ValueTest; readonly negated: boolean }>> = {
  stringequals: { test: (expected, actual) => expected === actual, negated: false },
  stringnotequals: { test: (expected, actual) => expected === actual, negated: true },
  stringequalsignorecase: { test: (expected, actual) => expected.toLowerCase() === actual.toLowerCase(), negated: false },
  stringnotequalsignorecase: { test: (expected, actual) => expected.toLowerCase() === actual.toLowerCase(), negated: true },
  stringlike: { test: (expected, actual) => globMatches(expected, actual, false), negated: false },
  stringnotlike: { test: (expected, actual) => globMatches(expected, actual, false), negated: true },
  arnequals: { test: (expected, actual) => resourceMatches(expected, actual), negated: false },
  arnlike: { test: (expected, actual) => resourceMatches(expected, actual), negated: false },
  arnnotequals: { test: (expected, actual) => resourceMatches(expected, actual), negated: true },
  arnnotlike: { test: (expected, actual) => resourceMatches(expected, actual), negated: true },
  bool: { test: (expected, actual) => expected.toLowerCase() === actual.toLowerCase(), negated: false },
};

function keyValue(keys: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(keys)) {
    if (key.toLowerCase() === wanted) {
      return value;
    }
  }
  return undefined;
}

/**
 * One operator block (`{"StringEquals": {"sts:ExternalId": "1234"}}`): every key must match one of its values
 * (AND of keys, OR of values). A key missing from the request fails a positive operator and passes a negated one;
 * `...IfExists` passes when the key is missing. An operator the emulator does not evaluate never matches, so an
 * Allow under it grants nothing (never more than AWS would grant).
 */
function operatorHolds(operatorName: string, block: unknown, keys: Readonly<Record<string, string>>): boolean {
  const ifExists = operatorName.toLowerCase().endsWith("ifexists");
  const operator = OPERATORS[(ifExists ? operatorName.slice(0, -"IfExists".length) : operatorName).toLowerCase()];
  if (operator === undefined || block === null || typeof block !== "object" || Array.isArray(block)) {
    return false;
  }
  return Object.entries(block as Record<string, unknown>).every(([name, expected]) => {
    const actual = keyValue(keys, name);
    if (actual === undefined) {
      return ifExists || operator.negated;
    }
    const anyMatches = asList(expected).some((value) => typeof value === "string" || typeof value === "boolean" ? operator.test(String(value), actual) : false);
    return operator.negated ? !anyMatches : anyMatches;
  });
}

function conditionHolds(condition: unknown, keys: Readonly<Record<string, string>>): boolean {
  if (condition === undefined) {
    return true;
  }
  if (condition === null || typeof condition !== "object" || Array.isArray(condition)) {
    return false;
  }
  return Object.entries(condition as Record<string, unknown>).every(([operator, block]) => operatorHolds(operator, block, keys));
}

/** Whether a statement applies to the request (its principal, when it has one, is checked by the caller). */
export function statementApplies(statement: EvaluatedStatement, facts: RequestFacts): boolean {
  return actionApplies(statement, facts.action) && resourceApplies(statement, facts.resource) && conditionHolds(statement.Condition, facts.conditionKeys ?? {});
}

/** IAM's evaluation of identity policies: any applicable Deny denies, else any applicable Allow allows, else denied. */
export function evaluateStatements(statements: readonly EvaluatedStatement[], facts: RequestFacts): Decision {
  const applicable = statements.filter((statement) => statementApplies(statement, facts));
  if (applicable.some((statement) => statement.Effect === "Deny")) {
    return "explicit-deny";
  }
  return applicable.some((statement) => statement.Effect === "Allow") ? "allow" : "implicit-deny";
}

/** The statements of a policy document's text; a document that does not parse contributes none. */
export function statementsOf(documentText: string): EvaluatedStatement[] {
  try {
    const document = JSON.parse(documentText) as { Statement?: unknown };
    return asList(document.Statement).filter((item): item is EvaluatedStatement => item !== null && typeof item === "object" && !Array.isArray(item));
  } catch {
    return [];
  }
}
