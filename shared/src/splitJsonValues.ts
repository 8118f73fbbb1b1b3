/**
 * Splits text holding JSON values written back to back (`{"a":1}{"a":2}`, as Firehose writes records without a
 * delimiter), with or without whitespace between them, into the text of each value. Throws on text that is
 * not a sequence of JSON values, naming the offset.
 */
export function splitJsonValues(text: string): string[] {
  const values: string[] = [];
  let index = 0;
  const length = text.length;
  while (index < length) {
    while (index < length && /\s/.test(text[index]!)) {
      index += 1;
    }
    if (index >= length) {
      break;
    }
    const start = index;
    const first = text[index]!;
    if (first === "{" || first === "[") {
      let depth = 0;
      let inString = false;
      for (; index < length; index += 1) {
        const char = text[index]!;
        if (inString) {
          if (char === "\\") {
            index += 1;
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
            index += 1;
            break;
          }
        }
      }
      if (depth !== 0) {
        throw new SyntaxError(`unterminated JSON value starting at offset ${start}`);
      }
    } else {
      // A scalar (number, string, true/false/null) ends at whitespace or where the next value starts.
      const match = /^("(?:[^"\\]|\\.)*"|[^\s{[]+)/.exec(text.slice(index));
      index += match![0].length;
    }
    const value = text.slice(start, index);
    try {
      JSON.parse(value);
    } catch (error) {
      throw new SyntaxError(`not JSON at offset ${start}: ${(error as Error).message}`);
    }
    values.push(value);
  }
  return values;
}
