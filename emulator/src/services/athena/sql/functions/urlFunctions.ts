import { fail, scalar } from "./define";
import type { FunctionSignature } from "./FunctionSignature";

/**
 * Trino's URL functions (https://trino.io/docs/current/functions/url.html; io.trino.operator.scalar.UrlFunctions):
 * the URL is parsed as java.net.URI (RFC 2396): text that is not a URI gives NULL, a part it lacks the empty
 * string; path, query and fragment are percent-decoded as URI's getters decode them.
 */

/** RFC 3986 appendix B's split of a URI, after Java's check of its characters. */
function parts(url: string): string {
  return `CASE WHEN regexp_full_match(${url}, '([A-Za-z0-9\\-._~:/?#\\[\\]@!$&''()*+,;=]|%[0-9A-Fa-f]{2}|[^\\x00-\\x7F])*') THEN regexp_extract(${url}, '^(([A-Za-z][A-Za-z0-9+.\\-]*):)?(//([^/?#]*))?([^?#]*)(\\?([^#]*))?(#(.*))?$', ['x1', 'scheme', 'x2', 'authority', 'path', 'x3', 'query', 'x4', 'fragment']) END`;
}

/** A part of the URL, NULL when it is not a URI (or its port is not a number). */
function part(url: string, build: (p: string) => string): string {
  const p = parts(url);
  return `CASE WHEN ${p} IS NULL OR NOT regexp_full_match(${p}.authority, '([^@]*@)?(\\[[^\\]]*\\]|[^:]*)(:[0-9]*)?') THEN NULL ELSE ${build(p)} END`;
}

/** URI's decoding of a component: %XX sequences as UTF-8, a '+' kept. */
function decoded(text: string): string {
  return `url_decode(${text})`;
}

/** An opaque URI (`mailto:x@y`) has no path, query or authority. */
function opaque(p: string): string {
  return `(${p}.scheme <> '' AND ${p}.x2 = '' AND ${p}.path NOT LIKE '/%')`;
}

export const URL_FUNCTIONS: readonly FunctionSignature[] = [
  scalar("url_extract_protocol", ["varchar(x)"], "varchar(x)", (args) => part(args[0]!.sql, (p) => `${p}.scheme`)),
  scalar("url_extract_host", ["varchar(x)"], "varchar(x)", (args) => part(args[0]!.sql, (p) => `regexp_extract(${p}.authority, '^([^@]*@)?(\\[[^\\]]*\\]|[^:]*)', 2)`)),
  scalar("url_extract_port", ["varchar(x)"], "bigint", (args) => part(args[0]!.sql, (p) => `TRY_CAST(nullif(regexp_extract(${p}.authority, ':([0-9]*)$', 1), '') AS BIGINT)`)),
  scalar("url_extract_path", ["varchar(x)"], "varchar(x)", (args) => part(args[0]!.sql, (p) => `CASE WHEN ${opaque(p)} THEN '' ELSE ${decoded(`${p}.path`)} END`)),
  scalar("url_extract_query", ["varchar(x)"], "varchar(x)", (args) => part(args[0]!.sql, (p) => `CASE WHEN ${opaque(p)} THEN '' ELSE ${decoded(`${p}.query`)} END`)),
  scalar("url_extract_fragment", ["varchar(x)"], "varchar(x)", (args) => part(args[0]!.sql, (p) => decoded(`${p}.fragment`))),
  // The first parameter of that name, its value form-decoded (URLDecoder); a name with no `=` answers ''.
  scalar("url_extract_parameter", ["varchar(x)", "varchar(y)"], "varchar(x)", (args) =>
    part(args[0]!.sql, (p) => `CASE WHEN ${p}.x3 = '' THEN NULL ELSE trino_form_decode(list_transform(list_filter(string_split(${p}.query, '&'), lambda "q": split_part("q", '=', 1) = ${args[1]!.sql}), lambda "q": CASE WHEN strpos("q", '=') = 0 THEN '' ELSE substring("q", strpos("q", '=') + 1) END)[1]) END`),
  ),
  // Guava's urlFormParameterEscaper: letters, digits and -_.* kept, space as +, the rest %XX of UTF-8.
  scalar("url_encode", ["varchar(x)"], "varchar", (args) =>
    `array_to_string(list_transform(string_split(${args[0]!.sql}, ''), lambda "c": CASE WHEN regexp_full_match("c", '[A-Za-z0-9_.*-]') THEN "c" WHEN "c" = ' ' THEN '+' ELSE regexp_replace(hex(encode("c")), '(..)', '%\\1', 'g') END), '')`,
  ),
  scalar("url_decode", ["varchar(x)"], "varchar(x)", (args, shape) =>
    `CASE WHEN regexp_matches(${args[0]!.sql}, '%([^0-9A-Fa-f]|.[^0-9A-Fa-f]|.?$)') THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", `'URLDecoder: Illegal hex characters in escape (%) pattern'`)} ELSE trino_form_decode(${args[0]!.sql}) END`,
  ),
];
