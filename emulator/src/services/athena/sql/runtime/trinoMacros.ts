import { failSql } from "../analyze/sqlText";

/**
 * DuckDB macros that give values Trino's semantics where DuckDB's own differ: strict casts from varchar (Java's
 * number parsing), integer division and modulus (errors on zero), IEEE division of doubles, zone arithmetic for
 * timestamps with time zone. Created once when the engine opens; the generated SQL calls them by name. Each
 * raises Athena's error as `error('<NAME>: <message>')`, which duckErrors.ts turns back into that error.
 */

function fail(name: string, message: string): string {
  return failSql(false, name, message);
}

export const TRINO_MACROS: readonly string[] = [
  // Java integer division and remainder truncate toward zero, as DuckDB's // and % do; zero is Trino's error.
  `CREATE OR REPLACE MACRO trino_divide(a, b) AS CASE WHEN b = 0 THEN ${fail("DIVISION_BY_ZERO", "'Division by zero'")} ELSE a // b END`,
  `CREATE OR REPLACE MACRO trino_modulus(a, b) AS CASE WHEN b = 0 THEN ${fail("DIVISION_BY_ZERO", "'Division by zero'")} ELSE a % b END`,
  `CREATE OR REPLACE MACRO trino_try_divide(a, b) AS CASE WHEN b = 0 THEN NULL ELSE a // b END`,
  `CREATE OR REPLACE MACRO trino_try_modulus(a, b) AS CASE WHEN b = 0 THEN NULL ELSE a % b END`,
  // IEEE 754: x/0 is +-Infinity or NaN (DuckDB answers NULL).
  `CREATE OR REPLACE MACRO trino_double_divide(a, b) AS CASE WHEN b = 0 OR b IS NULL OR a IS NULL THEN (CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN isnan(a) OR a = 0 THEN 'NaN'::DOUBLE WHEN (a > 0) = (CAST(b AS VARCHAR) NOT LIKE '-%') THEN 'Infinity'::DOUBLE ELSE '-Infinity'::DOUBLE END) ELSE a / b END`,
  `CREATE OR REPLACE MACRO trino_double_modulus(a, b) AS CASE WHEN b = 0 THEN 'NaN'::DOUBLE ELSE fmod(a, b) END`,
  // A zone offset `+05:30` as an interval; DuckDB's timezone() knows only names.
  `CREATE OR REPLACE MACRO trino_zone_offset(zone) AS (CASE WHEN zone[1] = '-' THEN -1 ELSE 1 END) * (to_hours(CAST(zone[2:3] AS INTEGER)) + to_minutes(CAST(zone[5:6] AS INTEGER)))`,
  `CREATE OR REPLACE MACRO trino_is_offset(zone) AS regexp_full_match(zone, '[+-][0-9]{2}:[0-9]{2}')`,
  /** The wall-clock time of an instant in a zone (a name or an offset). */
  `CREATE OR REPLACE MACRO trino_local_time(instant, zone) AS CASE WHEN trino_is_offset(zone) THEN timezone('UTC', instant) + trino_zone_offset(zone) ELSE timezone(zone, instant) END`,
  /** The instant of a wall-clock time in a zone. */
  `CREATE OR REPLACE MACRO trino_instant(local, zone) AS CASE WHEN trino_is_offset(zone) THEN timezone('UTC', CAST(local AS TIMESTAMP) - trino_zone_offset(zone)) ELSE timezone(zone, CAST(local AS TIMESTAMP)) END`,
  /** A zone as Trino's TimeZoneKey normalises it: `Z`, `GMT`, `+00:00` -> `UTC`; `+1` -> `+01:00`; names as written. */
  `CREATE OR REPLACE MACRO trino_zone_id(z) AS CASE WHEN z IS NULL THEN NULL WHEN upper(z) IN ('Z', 'ZULU', 'UT', 'UTC', 'GMT', 'GMT0', 'ETC/UTC', 'ETC/GMT', 'ETC/UT', 'ETC/ZULU', 'UNIVERSAL', 'GREENWICH') THEN 'UTC' WHEN regexp_full_match(z, '(?i)(UTC|GMT|UT)?[+-][0-9]{1,2}(:?[0-9]{2})?') THEN trino_offset_id(regexp_extract(z, '([+-])([0-9]{1,2}):?([0-9]{2})?$', ['sign', 'hours', 'minutes'])) ELSE z END`,
  `CREATE OR REPLACE MACRO trino_offset_id(p) AS CASE WHEN CAST(p.hours AS INTEGER) = 0 AND coalesce(TRY_CAST(p.minutes AS INTEGER), 0) = 0 THEN 'UTC' ELSE p.sign || lpad(p.hours, 2, '0') || ':' || lpad(coalesce(nullif(p.minutes, ''), '00'), 2, '0') END`,
  // Trino 4xx casts double to varchar in scientific notation, Java's DecimalFormat("0.0###################E0"):
  // 37.7 -> 3.77E1, 1.0 -> 1.0E0, 0.1 -> 1.0E-1 (io.trino.type.DoubleOperators.castToVarchar). DuckDB's own text
  // of a double has the shortest digits, which are re-arranged here.
  `CREATE OR REPLACE MACRO trino_scientific(digits, exponent, sign) AS sign || digits[1] || '.' || (CASE WHEN length(digits) > 1 THEN digits[2:] ELSE '0' END) || 'E' || exponent`,
  `CREATE OR REPLACE MACRO trino_scientific_parts(i, f, e, sign) AS CASE WHEN i <> '' THEN trino_scientific(rtrim(i || f, '0'), length(i) - 1 + e, sign) ELSE trino_scientific(rtrim(ltrim(f, '0'), '0'), e - (length(f) - length(ltrim(f, '0')) + 1), sign) END`,
  `CREATE OR REPLACE MACRO trino_scientific_of(p, sign) AS trino_scientific_parts(ltrim(p.i, '0'), coalesce(p.f, ''), coalesce(TRY_CAST(p.e AS INTEGER), 0), sign)`,
  `CREATE OR REPLACE MACRO trino_double_to_varchar(x) AS CASE WHEN x IS NULL THEN NULL WHEN isnan(x) THEN 'NaN' WHEN isinf(x) THEN (CASE WHEN x > 0 THEN 'Infinity' ELSE '-Infinity' END) WHEN x = 0 THEN (CASE WHEN CAST(x AS VARCHAR) LIKE '-%' THEN '-0E0' ELSE '0E0' END) ELSE trino_scientific_of(regexp_extract(CAST(abs(x) AS VARCHAR), '^([0-9]+)(?:\\.([0-9]+))?(?:e([+-]?[0-9]+))?$', ['i', 'f', 'e']), CASE WHEN x < 0 THEN '-' ELSE '' END) END`,
  /** Rounds a timestamp (any DuckDB precision) half up to `digits` fraction digits, as Trino's DateTimes.round. */
  `CREATE OR REPLACE MACRO trino_round_micros(ts, digits) AS make_timestamp(CAST(floor((epoch_us(ts) + (10 ** (6 - digits)) / 2) / (10 ** (6 - digits))) * (10 ** (6 - digits)) AS BIGINT))`,
  // Java's Math.cbrt is exact for exact cubes (cbrt(27) = 3.0); the C library's may be an ulp off. One Newton step,
  // kept when it brings the cube closer.
  `CREATE OR REPLACE MACRO trino_closer_root(x, a, b) AS CASE WHEN abs(b * b * b - x) < abs(a * a * a - x) THEN b ELSE a END`,
  `CREATE OR REPLACE MACRO trino_cbrt_of(x, c) AS CASE WHEN NOT isfinite(c) OR c = 0 THEN c ELSE trino_closer_root(x, c, c - (c * c * c - x) / (3 * c * c)) END`,
  `CREATE OR REPLACE MACRO trino_cbrt(x) AS trino_cbrt_of(x, cbrt(x))`,
  // Trino's set functions keep each element's first occurrence, in order (BlockSet), and treat NULL as a value
  // (IS NOT DISTINCT FROM); DuckDB's list_distinct does neither.
  `CREATE OR REPLACE MACRO trino_distinct(l) AS list_filter(l, lambda x, i: list_position(l, x) = i)`,
  `CREATE OR REPLACE MACRO trino_has(l, x) AS list_position(l, x) IS NOT NULL`,
  /** n choose k, for the size check of combinations(). */
  `CREATE OR REPLACE MACRO trino_choose(n, k) AS list_reduce(list_transform(range(1, k + 1), lambda i: CAST(i AS HUGEINT)), lambda acc, i: acc * (n - k + i) // i, CAST(1 AS HUGEINT))`,
  /** The k-element index combinations of 1..m in ArrayCombinationsFunction's order: colexicographic (the last index varies slowest). */
  `CREATE OR REPLACE MACRO trino_colex(c) AS list_transform(list_sort(list_transform(c, lambda x: list_reverse(x))), lambda x: list_reverse(x))`,
  `CREATE OR REPLACE MACRO trino_combination_indexes(m, k) AS trino_colex(CASE k WHEN 0 THEN [CAST([] AS BIGINT[])] WHEN 1 THEN list_transform(range(1, m + 1), lambda a: [a]) WHEN 2 THEN flatten(list_transform(range(1, m + 1), lambda a: list_transform(range(a + 1, m + 1), lambda b: [a, b]))) WHEN 3 THEN flatten(flatten(list_transform(range(1, m + 1), lambda a: list_transform(range(a + 1, m + 1), lambda b: list_transform(range(b + 1, m + 1), lambda c: [a, b, c]))))) WHEN 4 THEN flatten(flatten(flatten(list_transform(range(1, m + 1), lambda a: list_transform(range(a + 1, m + 1), lambda b: list_transform(range(b + 1, m + 1), lambda c: list_transform(range(c + 1, m + 1), lambda d: [a, b, c, d]))))))) ELSE flatten(flatten(flatten(flatten(list_transform(range(1, m + 1), lambda a: list_transform(range(a + 1, m + 1), lambda b: list_transform(range(b + 1, m + 1), lambda c: list_transform(range(c + 1, m + 1), lambda d: list_transform(range(d + 1, m + 1), lambda e: [a, b, c, d, e]))))))))) END)`,
  /** A map of each distinct key (in first-occurrence order) to its values in order, as multimap_from_entries and multimap_agg build it. */
  `CREATE OR REPLACE MACRO trino_multimap(keys, vals) AS map(trino_distinct(keys), list_transform(trino_distinct(keys), lambda k: list_transform(list_filter(range(1, len(keys) + 1), lambda i: keys[i] IS NOT DISTINCT FROM k), lambda i: vals[i])))`,
  /** java.net.URLDecoder: `+` is a space, %XX bytes UTF-8. */
  `CREATE OR REPLACE MACRO trino_form_decode(s) AS url_decode(replace(s, '+', ' '))`,
  /** The 1-based position of the n-th match in `t`, a suffix of the string from position `start` (regexp_position), or -1. */
  `CREATE OR REPLACE MACRO trino_regexp_position(t, p, n, start) AS CASE WHEN len(regexp_extract_all(t, p)) < n THEN -1 ELSE start + coalesce(list_sum(list_transform(list_slice(regexp_split_to_array(t, p), 1, n), lambda x: length(x))), 0) + coalesce(list_sum(list_transform(list_slice(regexp_extract_all(t, p), 1, n - 1), lambda x: length(x))), 0) END`,
  /** Long.toString(x, radix): lower-case digits after a minus sign. */
  `CREATE OR REPLACE MACRO trino_to_base(x, r) AS (CASE WHEN x < 0 THEN '-' ELSE '' END) || lower(to_base(abs(x), CAST(r AS INTEGER)))`,
  /** Long.parseLong(s, radix), or NULL where Java throws NumberFormatException (a bad digit, out of range). */
  `CREATE OR REPLACE MACRO trino_digit(c) AS CASE WHEN c BETWEEN '0' AND '9' THEN ascii(c) - 48 WHEN c BETWEEN 'a' AND 'z' THEN ascii(c) - 87 ELSE 99 END`,
  `CREATE OR REPLACE MACRO trino_signed_base(sign, magnitude) AS CASE WHEN magnitude IS NULL THEN NULL WHEN sign = '-' AND magnitude <= CAST(9223372036854775808 AS HUGEINT) THEN -magnitude WHEN sign <> '-' AND magnitude <= CAST(9223372036854775807 AS HUGEINT) THEN magnitude END`,
  `CREATE OR REPLACE MACRO trino_from_base(s, r) AS CASE WHEN NOT regexp_full_match(s, '[+-]?[0-9A-Za-z]+') OR list_bool_or(list_transform(string_split(lower(regexp_replace(s, '^[+-]', '')), ''), lambda c: trino_digit(c) >= r)) THEN NULL ELSE trino_signed_base(s[1], list_reduce(list_transform(string_split(lower(regexp_replace(s, '^[+-]', '')), ''), lambda c: CAST(trino_digit(c) AS HUGEINT)), lambda acc, d: least(acc * r + d, CAST(18446744073709551616 AS HUGEINT)), CAST(0 AS HUGEINT))) END`,
  // Apache Commons Codec's Soundex.US_ENGLISH (StringFunctions.soundex): the letters only, upper-cased; the first
  // kept, then the digits of the others, H and W skipped, a vowel (0) ending a run of one digit; four characters.
  `CREATE OR REPLACE MACRO trino_soundex_code(x) AS CASE WHEN x IN ('H', 'W') THEN '' WHEN ascii(x) BETWEEN 65 AND 90 THEN substring('01230120022455012623010202', ascii(x) - 64, 1) END`,
  `CREATE OR REPLACE MACRO trino_soundex_kept(first, codes) AS list_filter(codes, lambda d, i: d <> '0' AND d <> CASE WHEN i = 1 THEN first ELSE codes[i - 1] END)`,
  `CREATE OR REPLACE MACRO trino_soundex_digits(c, codes) AS CASE WHEN list_position(codes, NULL) IS NOT NULL OR NOT regexp_full_match(c[1], '[A-Z]') THEN NULL ELSE rpad(c[1] || array_to_string(list_slice(trino_soundex_kept(CASE WHEN c[1] IN ('H', 'W') THEN '0' ELSE trino_soundex_code(c[1]) END, list_filter(codes, lambda d: d <> '')), 1, 3), ''), 4, '0') END`,
  /** NULL for a letter outside A-Z, which Soundex cannot map. */
  `CREATE OR REPLACE MACRO trino_soundex(s) AS CASE WHEN upper(regexp_replace(s, '[^\\p{L}]', '', 'g')) = '' THEN '' ELSE trino_soundex_digits(upper(regexp_replace(s, '[^\\p{L}]', '', 'g')), list_transform(string_split(upper(regexp_replace(s, '[^\\p{L}]', '', 'g'))[2:], ''), lambda x: trino_soundex_code(x))) END`,
  `CREATE OR REPLACE MACRO trino_split_to_multimap(entries, d) AS trino_multimap(list_transform(entries, lambda e: substring(e, 1, strpos(e, d) - 1)), list_transform(entries, lambda e: substring(e, strpos(e, d) + length(d))))`,
  // FormatNumberFunction: divided by 1000 while at least 1000 (K, M, B, T, Q), then DecimalFormat "#.##", "#.#" or
  // "#" (HALF_UP) as the value is below 10, below 100, or not.
  `CREATE OR REPLACE MACRO trino_format_scaled(f, unit) AS (CASE WHEN f < 100 THEN regexp_replace(printf('%.' || CASE WHEN f < 10 THEN 2 ELSE 1 END || 'f', round(f, CASE WHEN f < 10 THEN 2 ELSE 1 END)), '\\.?0+$', '') ELSE printf('%.0f', round(f)) END) || unit`,
  `CREATE OR REPLACE MACRO trino_format_number(n) AS CASE WHEN abs(n) >= 1e15 THEN trino_format_scaled(n / 1000.0 / 1000.0 / 1000.0 / 1000.0 / 1000.0, 'Q') WHEN abs(n) >= 1e12 THEN trino_format_scaled(n / 1000.0 / 1000.0 / 1000.0 / 1000.0, 'T') WHEN abs(n) >= 1e9 THEN trino_format_scaled(n / 1000.0 / 1000.0 / 1000.0, 'B') WHEN abs(n) >= 1e6 THEN trino_format_scaled(n / 1000.0 / 1000.0, 'M') WHEN abs(n) >= 1e3 THEN trino_format_scaled(n / 1000.0, 'K') ELSE trino_format_scaled(CAST(n AS DOUBLE), '') END`,
  /** parse_data_size of its parts: the whole bytes of value times 1024^unit, the fraction's truncated. */
  `CREATE OR REPLACE MACRO trino_data_size_of(p, factor) AS CAST(CAST(coalesce(nullif(p.i, ''), '0') AS HUGEINT) * factor + CAST(coalesce(nullif(left(p.f, 12), ''), '0') AS HUGEINT) * factor // CAST(10 ** length(left(p.f, 12)) AS HUGEINT) AS DECIMAL(38,0))`,
  `CREATE OR REPLACE MACRO trino_data_size(p) AS trino_data_size_of(p, CAST(2 ** (10 * list_position(['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'], p.unit) - 10) AS HUGEINT))`,
  `CREATE OR REPLACE MACRO trino_from_utf8(b, r) AS coalesce(TRY(decode(b)), array_to_string(list_transform(range(octet_length(b)), lambda i: CASE WHEN CAST('0x' || substring(hex(b), 2 * i + 1, 2) AS INTEGER) < 128 THEN chr(CAST('0x' || substring(hex(b), 2 * i + 1, 2) AS INTEGER)) ELSE r END), ''))`,
  /** An ISO week date: week 1 is the week (from Monday) with 4 January. */
  `CREATE OR REPLACE MACRO trino_week_date(y, w, d) AS make_date(y, 1, 4) + CAST(1 - isodow(make_date(y, 1, 4)) + 7 * (w - 1) + (d - 1) AS INTEGER)`,
  /** human_readable_seconds of whole seconds (HumanReadableSeconds): weeks, days, hours, minutes, seconds, the zero ones left out. */
  `CREATE OR REPLACE MACRO trino_period(v, unit) AS CASE WHEN v = 0 THEN NULL WHEN v = 1 THEN '1 ' || unit ELSE v || ' ' || unit || 's' END`,
  `CREATE OR REPLACE MACRO trino_human_seconds(s) AS coalesce(nullif(concat_ws(', ', trino_period(s // 604800, 'week'), trino_period(s % 604800 // 86400, 'day'), trino_period(s % 86400 // 3600, 'hour'), trino_period(s % 3600 // 60, 'minute'), trino_period(s % 60, 'second')), ''), '0 seconds')`,
  /** all_match/any_match over the predicate's results: a definite answer wins over NULL; an empty array is all (and not any). */
  `CREATE OR REPLACE MACRO trino_all_match(r) AS CASE WHEN r IS NULL THEN NULL WHEN list_position(r, false) IS NOT NULL THEN false WHEN list_position(r, NULL) IS NOT NULL THEN NULL ELSE true END`,
  `CREATE OR REPLACE MACRO trino_any_match(r) AS CASE WHEN r IS NULL THEN NULL WHEN list_position(r, true) IS NOT NULL THEN true WHEN list_position(r, NULL) IS NOT NULL THEN NULL ELSE false END`,
];
