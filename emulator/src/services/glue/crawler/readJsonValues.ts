/**
 * Splits text into its top-level JSON values, whether one per line or written back to back
 * (`{...}{...}`, Firehose's default): Glue's JSON classifier reads both. Returns undefined when the text is
 * not a sequence of JSON values; a value cut off at the end of a truncated sample is dropped.
 */
export function readJsonValues(text: string, truncated: boolean): unknown[] | undefined {
  const values: unknown[] = [];
  let position = 0;
  const length = text.length;
  while (position < length) {
    while (position < length && /\s/.test(text.charAt(position))) {
      position += 1;
    }
    if (position >= length) {
      break;
    }
    const start = position;
    const first = text.charAt(position);
    if (first === "{" || first === "[") {
      let depth = 0;
      let inString = false;
      for (; position < length; position += 1) {
        const char = text.charAt(position);
        if (inString) {
          if (char === "\\") {
            position += 1;
          } else if (char === '"') {
            inString = false;
          }
        } else if (char === '"') {
          inString = true;
        } else if (char === "{" || char === "[") {
          depth += 1;
        } else if (char === "}" || char === "]") {
          depth -= 1;
          if (depth === 0) {
            position += 1;
            break;
          }
        }
      }
      if (depth !== 0) {
        return truncated && values.length > 0 ? values : undefined;
      }
    } else {
      return undefined;
    }
    try {
      values.push(JSON.parse(text.slice(start, position)));
    } catch {
      return undefined;
    }
  }
  return values;
}
