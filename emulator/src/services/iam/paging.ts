import { isOffset, PageTokens, processSeal } from "../../server/PageTokens";
import type { QueryParameters } from "../../server/query/QueryParameters";
import { iamErrors } from "./iamErrors";
import { iamRules, validateMembers } from "./iamValidation";

/** IAM's default page size when MaxItems is not given (API reference, ListRoles: "defaults to 100"). */
const DEFAULT_MAX_ITEMS = 100;

/** AWS does not document how long IAM's Markers are honoured; the emulator honours them for 24 hours. */
const IAM_MARKER_LIFETIME_MS = 24 * 60 * 60 * 1000;

const markers = new PageTokens("iam", processSeal(), IAM_MARKER_LIFETIME_MS);

export interface Page<T> {
  readonly items: T[];
  readonly IsTruncated: boolean;
  readonly Marker?: string;
}

/**
 * Marker/MaxItems paging over an ordered list: the marker is opaque to clients (the index of the next item, sealed
 * and scoped to `scope`, the action and what it lists: `["ListRolePolicies", roleName]`), and IsTruncated says
 * whether to ask again with it.
 */
export function pageOf<T>(scope: readonly string[], items: readonly T[], parameters: QueryParameters, nowMs: number): Page<T> {
  const maxItems = parameters.optionalInteger("MaxItems");
  const marker = parameters.optional("Marker");
  validateMembers([
    ["MaxItems", maxItems, iamRules.MaxItems],
    ["Marker", marker, { min: 1, max: 320 }],
  ]);
  let start = 0;
  if (marker !== undefined) {
    const read = markers.read(marker, scope, nowMs, isOffset);
    if ("refused" in read) {
      throw iamErrors.invalidMarker();
    }
    start = read.position;
  }
  const end = start + (maxItems ?? DEFAULT_MAX_ITEMS);
  const truncated = end < items.length;
  return { items: items.slice(start, end), IsTruncated: truncated, ...(truncated ? { Marker: markers.issue(scope, end, nowMs) } : {}) };
}
