/**
 * An exclude pattern as Glue reads it (glob, relative to the include path): `*` within a folder name, `**`
 * across folders, `?` one character, `{a,b}` alternatives, `[abc]` a character class.
 */
export function globMatcher(pattern: string): (path: string) => boolean {
  let source = "";
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern.charAt(index);
    if (char === "*") {
      if (pattern.charAt(index + 1) === "*") {
        source += ".*";
        index += 1;
      } else {
        source += "[^/]*";
      }
    } else if (char === "?") {
      source += "[^/]";
    } else if (char === "{") {
      source += "(?:";
    } else if (char === "}") {
      source += ")";
    } else if (char === "," && source.includes("(?:")) {
      source += "|";
    } else if (char === "[" || char === "]") {
      source += char;
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    }
  }
  let regex: RegExp;
  try {
    regex = new RegExp(`^${source}$`);
  } catch {
    return () => false;
  }
  return (path) => regex.test(path);
}
