import { invalidInput } from "./glueErrors";

/** Opaque NextTokens: the offset of the next item, base64 so callers treat them as opaque. */
export function page<T>(items: readonly T[], nextToken: string | undefined, maxResults: number): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined && nextToken !== "") {
    const decoded = Number(Buffer.from(nextToken, "base64").toString("utf8").replace(/^offset:/, ""));
    if (!Number.isInteger(decoded) || decoded < 0 || !Buffer.from(nextToken, "base64").toString("utf8").startsWith("offset:")) {
      throw invalidInput("Invalid NextToken");
    }
    start = decoded;
  }
  const end = start + maxResults;
  return end < items.length
    ? { items: items.slice(start, end), nextToken: Buffer.from(`offset:${end}`, "utf8").toString("base64") }
    : { items: items.slice(start) };
}
