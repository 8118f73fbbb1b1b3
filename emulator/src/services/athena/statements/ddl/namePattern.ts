/** SHOW TABLES' and SHOW VIEWS' pattern: `*` any characters, `|` alternatives (Athena's show-tables page). */
export function namePattern(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  const alternatives = pattern.split("|").map((part) => part.trim().replace(/[.+?^${}()[\]\\]/g, "\\$&").replace(/\*/g, ".*"));
  return new RegExp(`^(?:${alternatives.join("|")})$`, "i");
}
