/**
 * Date, timestamp and zone text as Trino reads it in literals and casts (io.trino.util.DateTimeUtils.parseDate,
 * io.trino.type.DateTimes.DATETIME_PATTERN, io.trino.spi.type.TimeZoneKey): the same rules are applied to
 * literals here in JavaScript and to column values in SQL (casts.ts).
 */

/** Joda's ISODateTimeFormat.date(): a signed year of 4 to 9 digits, then month and day of 1 or 2 digits. */
export const DATE_PATTERN = /^([+-]?\d{4,9})-(\d{1,2})-(\d{1,2})$/;

/** DateTimes.DATETIME_PATTERN: a date, optionally ` H:M[:S[.fraction]]`, optionally a zone after spaces. */
export const DATETIME_PATTERN = /^([+-]?\d{4,})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?)?\s*(.+)?$/;

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1]!;
}

function pad(value: number, width: number): string {
  const sign = value < 0 ? "-" : "";
  return `${sign}${String(Math.abs(value)).padStart(width, "0")}`;
}

/** `2001-1-22` -> `2001-01-22`; undefined when not a date Trino accepts. */
export function parseDateText(text: string): string | undefined {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!validDate(year, month, day)) return undefined;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export interface ParsedTimestamp {
  /** `YYYY-MM-DD HH:MM:SS[.fffffffff]`, the fraction as written. */
  readonly local: string;
  readonly fractionDigits: number;
  /** A zone DuckDB understands (`+01:00` as an offset, names as IANA names), when the text has one. */
  readonly zone?: string;
  /** The zone as Trino displays it: `UTC`, `+01:00`, `America/Sao_Paulo`. */
  readonly zoneId: string;
}

const UTC_NAMES = new Set(["z", "zulu", "ut", "utc", "gmt", "gmt0", "greenwich", "universal", "etc/utc", "etc/ut", "etc/gmt", "etc/gmt0", "etc/gmt+0", "etc/gmt-0", "etc/greenwich", "etc/universal", "etc/zulu", "+00:00", "-00:00", "+0", "-0", "+00", "-00"]);

/** A zone id as Trino's TimeZoneKey normalises it, or undefined when Java's ZoneId would refuse it. */
export function normalizeZone(text: string): string | undefined {
  const zone = text.trim();
  if (UTC_NAMES.has(zone.toLowerCase())) return "UTC";
  const offset = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  if (offset !== null) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? "0");
    if (hours > 14 || minutes > 59) return undefined;
    if (hours === 0 && minutes === 0) return "UTC";
    return `${offset[1]}${pad(hours, 2)}:${pad(minutes, 2)}`;
  }
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    // Java's ZoneId is case-sensitive; Intl is not: keep only an exact match.
    return resolved === zone || resolved.toLowerCase() === zone.toLowerCase() ? zone : undefined;
  } catch {
    return undefined;
  }
}

export function parseTimestampText(text: string): ParsedTimestamp | undefined {
  const match = DATETIME_PATTERN.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!validDate(year, month, day)) return undefined;
  const hour = Number(match[4] ?? "0");
  const minute = Number(match[5] ?? "0");
  const second = Number(match[6] ?? "0");
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = match[7] ?? "";
  const local = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)} ${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction === "" ? "" : `.${fraction}`}`;
  const zoneText = match[8];
  if (zoneText === undefined) return { local, fractionDigits: fraction.length, zoneId: "UTC" };
  const zoneId = normalizeZone(zoneText);
  if (zoneId === undefined) return undefined;
  return { local, fractionDigits: fraction.length, zone: zoneId, zoneId };
}
