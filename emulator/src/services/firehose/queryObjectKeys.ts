const IDENTIFIER = /^\$?[A-Za-z_][A-Za-z0-9_]*$/;
const CLOSERS: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };

/** Splits `text` on `separator` where it is outside brackets and strings. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  const open: string[] = [];
  let start = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (inString) {
      if (char === "\\") {
        index += 1;
      } else if (char === '"') {
        inString = false;
      }
    } else if (char === '"') {
      inString = true;
    } else if (char in CLOSERS) {
      open.push(CLOSERS[char]!);
    } else if (char === open[open.length - 1]) {
      open.pop();
    } else if (char === separator && open.length === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * The keys of a MetadataExtraction query written as one object construction (`{tipo: .tipo, "gpu": .origem.gpu}`),
 * as AWS reads them to check them against Prefix; undefined when the query is not one, or a key is computed.
 */
export function queryObjectKeys(query: string): string[] | undefined {
  const trimmed = query.trim();
  if (!trimmed.startsWith("{") || !trimmed.endsWith("}") || splitTopLevel(trimmed, ",").length !== 1 || splitTopLevel(trimmed.slice(1, -1), "}").length !== 1) {
    return undefined;
  }
  const keys: string[] = [];
  for (const entry of splitTopLevel(trimmed.slice(1, -1), ",")) {
    const key = splitTopLevel(entry, ":")[0]!.trim();
    if (IDENTIFIER.test(key)) {
      keys.push(key.replace(/^\$/, ""));
    } else if (/^"(?:[^"\\]|\\[^(])*"$/.test(key)) {
      keys.push(JSON.parse(key) as string);
    } else {
      return undefined;
    }
  }
  return keys;
}
