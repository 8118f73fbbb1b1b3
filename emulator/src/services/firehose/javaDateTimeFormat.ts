/** One piece of a Java DateTimeFormatter pattern: a run of one pattern letter, or literal text. */
export type DateTimeToken = { readonly letter: string; readonly count: number } | { readonly literal: string };

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The pattern letters supported here, with the longest run each accepts. */
const LETTERS: Readonly<Record<string, number>> = { y: 9, u: 9, M: 4, d: 2, D: 3, H: 2, m: 2, s: 2, S: 9 };

/**
 * Parses the subset of Java's DateTimeFormatter patterns that object prefixes use (`yyyy/MM/dd/HH`,
 * `'year='yyyy`): letters y u M d D H m s S, text in single quotes taken literally (`''` is a quote), any
 * other character literal. Returns an error sentence instead of tokens for what Java would refuse or this
 * emulator does not know.
 * https://docs.oracle.com/javase/8/docs/api/java/time/format/DateTimeFormatter.html
 */
export function parseJavaDateTimeFormat(pattern: string): readonly DateTimeToken[] | string {
  const tokens: DateTimeToken[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index]!;
    if (char === "'") {
      const end = pattern.indexOf("'", index + 1);
      if (end === -1) {
        return `unterminated quote in '${pattern}'`;
      }
      tokens.push({ literal: end === index + 1 ? "'" : pattern.slice(index + 1, end) });
      index = end + 1;
      continue;
    }
    if (/[a-zA-Z]/.test(char)) {
      let count = 1;
      while (pattern[index + count] === char) {
        count += 1;
      }
      const longest = LETTERS[char];
      if (longest === undefined) {
        return `pattern letter '${char}' in '${pattern}' is not supported`;
      }
      if (count > longest) {
        return `too many pattern letters '${char.repeat(count)}' in '${pattern}'`;
      }
      tokens.push({ letter: char, count });
      index += count;
      continue;
    }
    if (char === "[" || char === "]" || char === "{" || char === "}" || char === "#") {
      return `reserved character '${char}' in '${pattern}'`;
    }
    tokens.push({ literal: char });
    index += 1;
  }
  return tokens;
}

const pad = (value: number, width: number): string => String(value).padStart(width, "0");

/** Formats an instant in UTC with parsed tokens. */
export function formatJavaDateTime(tokens: readonly DateTimeToken[], timeMs: number): string {
  const date = new Date(timeMs);
  return tokens
    .map((token) => {
      if ("literal" in token) {
        return token.literal;
      }
      const { letter, count } = token;
      switch (letter) {
        case "y":
        case "u": {
          const year = date.getUTCFullYear();
          return count === 2 ? pad(year % 100, 2) : pad(year, count);
        }
        case "M": {
          const month = date.getUTCMonth();
          return count === 4 ? MONTHS[month]! : count === 3 ? MONTHS[month]!.slice(0, 3) : pad(month + 1, count);
        }
        case "d":
          return pad(date.getUTCDate(), count);
        case "D": {
          const dayOfYear = Math.floor((timeMs - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
          return pad(dayOfYear, count);
        }
        case "H":
          return pad(date.getUTCHours(), count);
        case "m":
          return pad(date.getUTCMinutes(), count);
        case "s":
          return pad(date.getUTCSeconds(), count);
        default:
          // S: fraction of the second, truncated to `count` digits.
          return pad(date.getUTCMilliseconds(), 3).padEnd(count, "0").slice(0, count);
      }
    })
    .join("");
}
