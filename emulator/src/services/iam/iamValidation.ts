import { AwsError } from "../../protocol/AwsError";
import { lowerFirst } from "../../server/query/QueryParameters";

/** One member's constraints, as the IAM API reference lists them under each request parameter. */
export interface MemberRule {
  readonly min?: number;
  readonly max?: number;
  /** Tested against the whole value; its source is what AWS quotes. */
  readonly pattern?: RegExp;
  readonly minValue?: number;
  readonly maxValue?: number;
}

// Patterns from the API reference (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).
export const NAME_PATTERN = /^[\w+=,.@-]+$/;

export const iamRules = {
  RoleName: { min: 1, max: 64, pattern: NAME_PATTERN },
  PolicyName: { min: 1, max: 128, pattern: NAME_PATTERN },
  Path: { min: 1, max: 512, pattern: /^(\/|\/[\u0021-\u007E]+\/)$/ },
  PathPrefix: { min: 1, max: 512, pattern: /^\u002F[\u0021-\u007F]*$/ },
  Description: { max: 1000 },
  MaxSessionDuration: { minValue: 3600, maxValue: 43200 },
  MaxItems: { minValue: 1, maxValue: 1000 },
  PolicyDocument: { min: 1, max: 131072 },
  PolicyArn: { min: 20, max: 2048 },
  TagKey: { min: 1, max: 128 },
  TagValue: { max: 256 },
} satisfies Record<string, MemberRule>;

function patternSource(pattern: RegExp): string {
  return pattern.source.replace(/^\^/, "").replace(/\$$/, "");
}

function problem(value: string | number, rule: MemberRule): string | undefined {
  if (typeof value === "number") {
    if (rule.minValue !== undefined && value < rule.minValue) {
      return `Member must have value greater than or equal to ${rule.minValue}`;
    }
    if (rule.maxValue !== undefined && value > rule.maxValue) {
      return `Member must have value less than or equal to ${rule.maxValue}`;
    }
    return undefined;
  }
  if (rule.min !== undefined && value.length < rule.min) {
    return `Member must have length greater than or equal to ${rule.min}`;
  }
  if (rule.max !== undefined && value.length > rule.max) {
    return `Member must have length less than or equal to ${rule.max}`;
  }
  if (rule.pattern !== undefined && !rule.pattern.test(value)) {
    return `Member must satisfy regular expression pattern: ${patternSource(rule.pattern)}`;
  }
  return undefined;
}

/**
 * Checks members against their rules and refuses with one ValidationError listing every failure, in AWS's words:
 * "1 validation error detected: Value 'a b' at 'roleName' failed to satisfy constraint: Member must satisfy
 * regular expression pattern: [\w+=,.@-]+". Undefined members are not checked (required ones are read first).
 */
export function validateMembers(members: ReadonlyArray<readonly [name: string, value: string | number | undefined, rule: MemberRule]>): void {
  const failures: string[] = [];
  for (const [name, value, rule] of members) {
    const reason = value === undefined ? undefined : problem(value, rule);
    if (reason !== undefined) {
      failures.push(`Value '${value}' at '${lowerFirst(name)}' failed to satisfy constraint: ${reason}`);
    }
  }
  if (failures.length > 0) {
    const count = failures.length === 1 ? "1 validation error" : `${failures.length} validation errors`;
    throw new AwsError("ValidationError", `${count} detected: ${failures.join("; ")}`, 400);
  }
}
