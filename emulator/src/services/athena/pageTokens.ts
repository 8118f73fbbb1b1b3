import { isOffset, PageTokens, processSeal } from "../../server/PageTokens";

/** AWS does not document how long Athena's NextTokens are honoured; the emulator honours them for 24 hours. */
const ATHENA_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

const tokens = new PageTokens("athena", processSeal(), ATHENA_TOKEN_LIFETIME_MS);

/** A paging token for `scope` (the operation and what it lists: a query id, a workgroup), starting the next page at `offset`. */
export function encodePageToken(scope: readonly string[], offset: number, nowMs: number): string {
  return tokens.issue(scope, offset, nowMs);
}

/** Where the next page starts, or undefined for a token not issued for `scope` or too old: each operation words the refusal. */
export function decodePageToken(token: string, scope: readonly string[], nowMs: number): number | undefined {
  const read = tokens.read(token, scope, nowMs, isOffset);
  return "refused" in read ? undefined : read.position;
}
