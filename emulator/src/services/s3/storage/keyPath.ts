/**
 * How an S3 key becomes a file path under its bucket's folder, and back.
 *
 * Ordinary keys stay plain paths: `2026/11/28/06/gpu-stream-1-2026-11-28-06-29-32-<uuid>` is that very
 * path under `<dataDir>/s3/<bucket>/`, so a student can open what Firehose wrote and DuckDB can read it.
 * The key is split at `/`; each segment becomes one path component, escaped only where it must be:
 *
 * - `%XX` (uppercase hex, one per UTF-8 byte) stands for `%` itself, control characters (U+0000-U+001F,
 *   U+007F), the characters Windows forbids in names (`\ : * ? " < > |`; `*` and `?` are also glob
 *   characters for DuckDB), and a segment's trailing `.` or space. So `.` is `%2E`, `..` is `.%2E`: no
 *   component is ever `.` or `..`, and no key can reach outside its bucket's folder.
 * - an empty segment (`a//b`, a leading `/`, a folder marker's trailing `/`) is the component `%_`, so
 *   `logs/` is the file `logs/%_`.
 * - a segment longer than {@link MAX_COMPONENT_BYTES} bytes once escaped (file systems allow 255) continues
 *   in the next component: every piece but the last ends with `%+`. Pieces never split an escape or a
 *   character.
 * - a key that is also a "folder" of other keys (`a` and `a/b` both exist) cannot be the file `a` while
 *   `a` is a folder: its file is then `a%@`. The store moves it there when the folder appears and back
 *   when the folder empties, so `%@` is seen only while both exist.
 *
 * `%` followed by anything but two uppercase hex digits never comes out of escaping, so the markers
 * cannot clash with an escaped name, and every component has one spelling: decoding re-encodes and
 * rejects anything not spelled exactly so (a file a user dropped in by hand, say), which keeps the
 * mapping one-to-one.
 *
 * Known limits: on case-insensitive file systems (macOS, Windows defaults) keys differing only in case
 * share a file; macOS may normalise Unicode in names.
 */

export const MAX_COMPONENT_BYTES = 200;
export const EMPTY_SEGMENT = "%_";
export const CONTINUED_SUFFIX = "%+";
export const DISPLACED_SUFFIX = "%@";

const ESCAPED_ANYWHERE = /[%\x00-\x1f\x7f\\:*?"<>|]/;

function escapeUnit(character: string): string {
  return [...Buffer.from(character, "utf8")].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

/** A segment as units: each a plain character or an escape, so pieces can be cut between units. */
function segmentUnits(segment: string): string[] {
  const characters = [...segment];
  return characters.map((character, index) => {
    const trailing = index === characters.length - 1 && (character === "." || character === " ");
    return trailing || ESCAPED_ANYWHERE.test(character) ? escapeUnit(character) : character;
  });
}

function segmentComponents(segment: string): string[] {
  if (segment === "") {
    return [EMPTY_SEGMENT];
  }
  // The common case at once (a listing maps every key it returns): nothing to escape and short enough for one piece.
  const last = segment[segment.length - 1];
  if (last !== "." && last !== " " && !ESCAPED_ANYWHERE.test(segment) && Buffer.byteLength(segment, "utf8") <= MAX_COMPONENT_BYTES) {
    return [segment];
  }
  const components: string[] = [];
  let current = "";
  let currentBytes = 0;
  for (const unit of segmentUnits(segment)) {
    const bytes = Buffer.byteLength(unit, "utf8");
    if (currentBytes + bytes > MAX_COMPONENT_BYTES) {
      components.push(current + CONTINUED_SUFFIX);
      current = "";
      currentBytes = 0;
    }
    current += unit;
    currentBytes += bytes;
  }
  components.push(current);
  return components;
}

/** The key's path components under the bucket folder; the last one names the file. */
export function encodeKey(key: string): string[] {
  return key.split("/").flatMap(segmentComponents);
}

function unescapeComponent(component: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < component.length; ) {
    if (component[i] === "%") {
      const hex = component.slice(i + 1, i + 3);
      if (!/^[0-9A-F]{2}$/.test(hex)) {
        return undefined;
      }
      bytes.push(parseInt(hex, 16));
      i += 3;
    } else {
      const codePoint = component.codePointAt(i)!;
      const character = String.fromCodePoint(codePoint);
      bytes.push(...Buffer.from(character, "utf8"));
      i += character.length;
    }
  }
  const decoded = Buffer.from(bytes);
  const text = decoded.toString("utf8");
  return Buffer.from(text, "utf8").equals(decoded) ? text : undefined;
}

export interface DecodedPath {
  readonly key: string;
  /** The file is a key's displaced place (`name%@`) because a folder holds its plain name. */
  readonly displaced: boolean;
}

/** The key a file's components (relative to the bucket folder) stand for, or undefined if they are not one we wrote. */
export function decodeKeyPath(components: readonly string[]): DecodedPath | undefined {
  if (components.length === 0) {
    return undefined;
  }
  const last = components[components.length - 1]!;
  const displaced = last.endsWith(DISPLACED_SUFFIX);
  const plain = displaced ? [...components.slice(0, -1), last.slice(0, -DISPLACED_SUFFIX.length)] : [...components];
  const segments: string[] = [];
  let current = "";
  for (let i = 0; i < plain.length; i++) {
    const component = plain[i]!;
    if (component === EMPTY_SEGMENT) {
      if (current !== "") {
        return undefined;
      }
      segments.push("");
      continue;
    }
    const continued = component.endsWith(CONTINUED_SUFFIX);
    const body = continued ? component.slice(0, -CONTINUED_SUFFIX.length) : component;
    const text = unescapeComponent(body);
    if (text === undefined || text === "") {
      return undefined;
    }
    current += text;
    if (!continued) {
      segments.push(current);
      current = "";
    } else if (i === plain.length - 1) {
      return undefined;
    }
  }
  const key = segments.join("/");
  const canonical = encodeKey(key);
  if (canonical.length !== plain.length || canonical.some((component, index) => component !== plain[index])) {
    return undefined;
  }
  return { key, displaced };
}
