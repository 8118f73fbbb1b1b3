import { jsonValueEnd, skipJsonWhitespace } from "../../../json/splitJsonValues";

/**
 * Splits text into its top-level JSON values, whether one per line or written back to back
 * (`{...}{...}`, Firehose's default): Glue's JSON classifier reads both. Returns undefined when the text is
 * not a sequence of JSON objects or arrays; a value cut off at the end of a truncated sample is dropped.
 */
export function readJsonValues(text: string, truncated: boolean): unknown[] | undefined {
  const values: unknown[] = [];
  for (let position = skipJsonWhitespace(text, 0); position < text.length; position = skipJsonWhitespace(text, position)) {
    const first = text.charAt(position);
    if (first !== "{" && first !== "[") {
      return undefined;
    }
    const end = jsonValueEnd(text, position);
    if (end === undefined) {
      return truncated && values.length > 0 ? values : undefined;
    }
    try {
      values.push(JSON.parse(text.slice(position, end)));
    } catch {
      return undefined;
    }
    position = end;
  }
  return values;
}
