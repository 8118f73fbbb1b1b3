/**
 * Types a browser renders as a document that can run script, or sniffs into one: HTML, XML (which may hold XHTML
 * and XSLT), SVG, the JavaScript types (MIME Sniffing standard, "JavaScript MIME type"), the types the standard
 * treats as unknown and sniffs ("unknown/unknown", "application/unknown", "*\/*"), and multipart/x-mixed-replace.
 */
const ACTIVE_TYPES = new Set([
  "text/html",
  "application/xhtml+xml",
  "image/svg+xml",
  "text/xml",
  "application/xml",
  "text/xsl",
  "multipart/x-mixed-replace",
  "unknown/unknown",
  "application/unknown",
  "*/*",
  "application/ecmascript",
  "application/javascript",
  "application/x-ecmascript",
  "application/x-javascript",
  "text/ecmascript",
  "text/javascript",
  "text/javascript1.0",
  "text/javascript1.1",
  "text/javascript1.2",
  "text/javascript1.3",
  "text/javascript1.4",
  "text/javascript1.5",
  "text/jscript",
  "text/livescript",
  "text/x-ecmascript",
  "text/x-javascript",
]);

/** RFC 9110 token characters: a type/subtype outside them is not a MIME type a browser would trust. */
const MIME_ESSENCE = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/;

export function isActiveContentType(contentType: string): boolean {
  const essence = contentType.split(";")[0]!.trim().toLowerCase();
  return !MIME_ESSENCE.test(essence) || ACTIVE_TYPES.has(essence) || essence.endsWith("+xml");
}

/**
 * Not S3 (the one deliberate difference of GetObject, docs/emulator.md, S3): an object is served on the
 * emulator's own origin, where a script could call every API, so an object a browser would run is served
 * sandboxed (CSP `sandbox`, https://www.w3.org/TR/CSP3/#directive-sandbox: no script, an opaque origin), and no
 * answer is sniffed into another type (`X-Content-Type-Options: nosniff`, Fetch standard). Applied to the type
 * answered, a `response-content-type` override included.
 */
export function activeContentHeaders(contentType: string): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    ...(isActiveContentType(contentType) ? { "content-security-policy": "sandbox" } : {}),
  };
}
