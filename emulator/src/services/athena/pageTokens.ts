/** Opaque paging tokens: which list (a query id, a workgroup) and where the next page starts. */
export function encodePageToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString("base64url");
}

export function decodePageToken(token: string, scope: string): number | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { s?: unknown; o?: unknown };
    return decoded.s === scope && typeof decoded.o === "number" && Number.isInteger(decoded.o) && decoded.o >= 0 ? decoded.o : undefined;
  } catch {
    return undefined;
  }
}
