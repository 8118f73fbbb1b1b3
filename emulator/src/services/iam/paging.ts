import { iamErrors } from "./iamErrors";
import { iamRules, validateMembers } from "./iamValidation";
import type { QueryParameters } from "../../server/query/QueryParameters";

/** IAM's default page size when MaxItems is not given (API reference, ListRoles: "defaults to 100"). */
const DEFAULT_MAX_ITEMS = 100;

export interface Page<T> {
  readonly items: T[];
  readonly IsTruncated: boolean;
  readonly Marker?: string;
}

/**
 * Marker/MaxItems paging over an ordered list: the marker is opaque to clients (the index of the next item,
 * base64), and IsTruncated says whether to ask again with it.
 */
export function pageOf<T>(items: readonly T[], parameters: QueryParameters): Page<T> {
  const maxItems = parameters.optionalInteger("MaxItems");
  const marker = parameters.optional("Marker");
  validateMembers([
    ["MaxItems", maxItems, iamRules.MaxItems],
    ["Marker", marker, { min: 1, max: 320 }],
  ]);
  let start = 0;
  if (marker !== undefined) {
    start = Number(Buffer.from(marker, "base64").toString("utf8"));
    if (!Number.isSafeInteger(start) || start < 0) {
      throw iamErrors.invalidMarker();
    }
  }
  const end = start + (maxItems ?? DEFAULT_MAX_ITEMS);
  const truncated = end < items.length;
  return { items: items.slice(start, end), IsTruncated: truncated, ...(truncated ? { Marker: Buffer.from(String(end)).toString("base64") } : {}) };
}
