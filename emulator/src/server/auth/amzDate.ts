/** `20130524T000000Z` -> epoch milliseconds; NaN when not in ISO 8601 basic format. */
export function parseAmzDate(text: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (match === null) {
    return Number.NaN;
  }
  const [, year, month, day, hour, minute, second] = match.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 20130532 over into June; a real date reads back the same.
  return formatAmzDate(ms) === text ? ms : Number.NaN;
}

/** Epoch milliseconds -> `20130524T000000Z`. */
export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}
