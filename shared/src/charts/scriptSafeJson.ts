/**
 * JSON to embed in an inline `<script>`: `<` is written `\u003c` so no `</script` or `<!--` can end or
 * confuse the element, and U+2028/U+2029 are escaped because older JavaScript engines treat them as line ends.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
