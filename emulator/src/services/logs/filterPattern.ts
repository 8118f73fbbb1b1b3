// Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html (terms, quoted
// phrases, -term, ?term, JSON comparisons); the rest of that syntax is refused, not guessed.
import { invalidParameter } from "./logsErrors";

/**
 * The subset of CloudWatch Logs' filter pattern syntax that reading errors back needs ("Filter pattern syntax for
 * metric filters, subscription filters, filter log events", CloudWatch Logs User Guide): terms that must all
 * appear (case-sensitive, "quoted" for phrases), `-term` that must not, `?term` of which one must, and one JSON
 * comparison `{ $.a.b = "value" }` (or `!=`). Anything else is refused rather than matched loosely.
 */
export type EventMatcher = (message: string) => boolean;

const JSON_COMPARISON = /^\{\s*\$((?:\.[A-Za-z0-9_]+)+)\s*(=|!=)\s*(?:"([^"]*)"|([^\s}]+))\s*\}$/;

function jsonMatcher(match: RegExpExecArray): EventMatcher {
  const path = match[1]!.slice(1).split(".");
  const wanted = match[3] ?? match[4]!;
  const equal = match[2] === "=";
  return (message) => {
    let value: unknown;
    try {
      value = JSON.parse(message);
    } catch {
      return false;
    }
    for (const key of path) {
      value = typeof value === "object" && value !== null && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (value === undefined) {
      return false;
    }
    return (String(value) === wanted || (wanted.includes("*") && new RegExp(`^${wanted.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(String(value)))) === equal;
  };
}

export function eventMatcher(pattern: string | undefined): EventMatcher {
  const text = (pattern ?? "").trim();
  if (text === "") {
    return () => true;
  }
  if (text.startsWith("{")) {
    const match = JSON_COMPARISON.exec(text);
    if (match === null) {
      throw invalidParameter("Invalid filter pattern: the emulator supports one JSON comparison ({ $.field = \"value\" }) or terms.");
    }
    return jsonMatcher(match);
  }
  const required: string[] = [];
  const excluded: string[] = [];
  const anyOf: string[] = [];
  for (const [, sign, quoted, bare] of text.matchAll(/([-?]?)(?:"([^"]*)"|(\S+))/g)) {
    const term = quoted ?? bare!;
    (sign === "-" ? excluded : sign === "?" ? anyOf : required).push(term);
  }
  return (message) =>
    required.every((term) => message.includes(term)) && !excluded.some((term) => message.includes(term)) && (anyOf.length === 0 || anyOf.some((term) => message.includes(term)));
}
