import { readJsonValues } from "./readJsonValues";

/**
 * The objects of newline-delimited text where some lines are not JSON objects (a truncated record, `not json`,
 * an array, a blank line from an empty record): undefined unless the text starts with an object and at least
 * half of its non-blank lines hold objects only. Glue documents no more than that its JSON classifier answers
 * with a certainty; keeping the objects of a mostly-JSON file is the emulator's reading of it (unverified), so
 * a stream with a few malformed records still gets its JSON table, whose reads then meet those lines as
 * Athena does. A line cut off at the end of a truncated sample does not count.
 */
export function readJsonLinesLeniently(text: string, truncated: boolean): Record<string, unknown>[] | undefined {
  const lines = text.split("\n");
  if (truncated) lines.pop();
  const objects: Record<string, unknown>[] = [];
  let good = 0;
  let bad = 0;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const values = readJsonValues(line, false);
    if (values !== undefined && values.length > 0 && values.every((value) => typeof value === "object" && value !== null && !Array.isArray(value))) {
      objects.push(...(values as Record<string, unknown>[]));
      good++;
    } else if (good === 0 && bad === 0) {
      return undefined;
    } else {
      bad++;
    }
  }
  return good > 0 && good >= bad ? objects : undefined;
}
