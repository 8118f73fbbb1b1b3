import type { QueryParameters } from "../../server/query/QueryParameters";
import { iamErrors } from "./iamErrors";
import { iamRules, validateMembers } from "./iamValidation";
import type { RoleTag } from "./RoleStore";

/** IAM's quota: 50 tags per role (API reference, TagRole). */
const MAX_TAGS = 50;

/** `Tags.member.N.Key/Value`, validated (key 1-128, value 0-256, keys unique regardless of case). */
export function readTags(parameters: QueryParameters): RoleTag[] | undefined {
  const tags = parameters.list("Tags", (prefix) => ({ Key: parameters.required(`${prefix}.Key`), Value: parameters.optional(`${prefix}.Value`) ?? "" }));
  if (tags === undefined) {
    return undefined;
  }
  validateMembers(tags.flatMap((tag, index) => [[`tags.${index + 1}.member.key`, tag.Key, iamRules.TagKey] as const, [`tags.${index + 1}.member.value`, tag.Value, iamRules.TagValue] as const]));
  if (new Set(tags.map((tag) => tag.Key.toLowerCase())).size !== tags.length) {
    throw iamErrors.invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  }
  return tags;
}

/** `existing` with `added` put over it (a key already there takes the new value), refused past the quota. */
export function mergeTags(existing: readonly RoleTag[], added: readonly RoleTag[]): RoleTag[] {
  const byKey = new Map(existing.map((tag) => [tag.Key, tag]));
  for (const tag of added) {
    byKey.set(tag.Key, tag);
  }
  if (byKey.size > MAX_TAGS) {
    throw iamErrors.limitExceeded(`The number of tags has reached the maximum limit.`);
  }
  return [...byKey.values()];
}
