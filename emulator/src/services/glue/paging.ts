import { isOffset, PageTokens, processSeal } from "../../server/PageTokens";
import { invalidInput } from "./glueErrors";

/** AWS does not document how long Glue's NextTokens are honoured; the emulator honours them for 24 hours. */
const GLUE_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

const tokens = new PageTokens("glue", processSeal(), GLUE_TOKEN_LIFETIME_MS);

/**
 * One page of `items` from the NextToken's offset. `scope` names the operation and what it lists
 * (`["GetTables", database]`): a token issued for one is refused by another, as is one older than its lifetime.
 */
export function page<T>(scope: readonly string[], items: readonly T[], nextToken: string | undefined, maxResults: number, nowMs: number): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined && nextToken !== "") {
    const read = tokens.read(nextToken, scope, nowMs, isOffset);
    if ("refused" in read) {
      throw invalidInput("Invalid NextToken");
    }
    start = read.position;
  }
  const end = start + maxResults;
  return end < items.length ? { items: items.slice(start, end), nextToken: tokens.issue(scope, end, nowMs) } : { items: items.slice(start) };
}
