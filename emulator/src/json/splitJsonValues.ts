/**
 * Where the JSON object or array starting at `start` ends (the index after its closing bracket), scanning
 * brackets outside strings; undefined when the text ends first. It does not check the value is valid JSON.
 */
export function jsonValueEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \ */) {
        index += 1;
      } else if (char === 0x22 /* " */) {
        inString = false;
      }
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      depth += 1;
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) {
      depth -= 1;
      if (depth === 0) {
        return index + 1;
      }
    }
  }
  return undefined;
}

/** The index of the next character that is not JSON whitespace, from `start`. */
export function skipJsonWhitespace(text: string, start: number): number {
  let index = start;
  while (index < text.length && /\s/.test(text[index]!)) {
    index += 1;
  }
  return index;
}

/**
 * Splits text holding JSON values written back to back (`{"a":1}{"a":2}`, as Firehose writes records without a
 * delimiter), with or without whitespace between them, into the text of each value. Throws on text that is
 * not a sequence of JSON values, naming the offset.
 */
export function splitJsonValues(text: string): string[] {
  const values: string[] = [];
  for (let index = skipJsonWhitespace(text, 0); index < text.length; index = skipJsonWhitespace(text, index)) {
    const start = index;
    const first = text[index];
    if (first === "{" || first === "[") {
      const end = jsonValueEnd(text, start);
      if (end === undefined) {
        throw new SyntaxError(`unterminated JSON value starting at offset ${start}`);
      }
      index = end;
    } else {
      // A scalar (number, string, true/false/null) ends at whitespace or where the next value starts.
      index += /^("(?:[^"\\]|\\.)*"|[^\s{[]+)/.exec(text.slice(index))![0].length;
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
