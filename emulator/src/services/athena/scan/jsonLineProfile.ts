/**
 * A byte scan of a newline-delimited JSON object, carried across chunks: whether every line starts (after Java's
 * trim) with `{`, and whether every line is a flat object of plain values, strings, `true`, `false` or integers of
 * up to 15 digits, with nothing after its closing brace. DuckDB's read_json reads such a value into a VARCHAR
 * column exactly as the OpenX SerDe renders it into a string column; anything else (null, a nested value, another
 * number, a second record on the line, text that is not strict JSON) makes the file not flat.
 */

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COLON = 0x3a;
const COMMA = 0x2c;
const MINUS = 0x2d;
const MAX_PLAIN_DIGITS = 15;

type State =
  | "lineStart"
  | "keyOrEnd"
  | "key"
  | "colon"
  | "value"
  | "stringValue"
  | "number"
  | "literal"
  | "commaOrEnd"
  | "afterObject"
  /** The line is already known not flat: only its end matters. */
  | "skipLine";

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d;
}

export class JsonLineProfile {
  every = true;
  flat = true;
  private state: State = "lineStart";
  /** The line so far is whitespace only. */
  private blank = false;
  /** Inside a string, the previous byte was a backslash that escapes the next. */
  private escaped = false;
  private digits = 0;
  private literal = "";

  private notFlat(): void {
    this.flat = false;
    this.state = "skipLine";
  }

  /** The next backslash and newline of the current chunk at or after a position, found once and reused. */
  private nextBackslash = -1;
  private nextNewline = -1;

  private next(bytes: Buffer, byte: number, cached: number, from: number): number {
    if (cached >= from) return cached;
    const at = bytes.indexOf(byte, from);
    return at < 0 ? bytes.length : at;
  }

  /**
   * Runs through the rest of a string from `i`: to the index after its closing quote, to a raw newline (the line ends
   * inside the string, which is not JSON: the newline is left for the caller), or to the chunk's end.
   */
  private skipString(bytes: Buffer, i: number): { readonly to: number; readonly closed: boolean } {
    while (i < bytes.length) {
      this.nextBackslash = this.next(bytes, BACKSLASH, this.nextBackslash, i);
      this.nextNewline = this.next(bytes, NEWLINE, this.nextNewline, i);
      const quote = bytes.indexOf(QUOTE, i);
      const at = Math.min(quote < 0 ? bytes.length : quote, this.nextBackslash, this.nextNewline);
      if (at === bytes.length || bytes[at] === NEWLINE) return { to: at, closed: false };
      if (bytes[at] === QUOTE) return { to: at + 1, closed: true };
      // A backslash escapes the byte after it, which may lie in the next chunk.
      if (at + 1 === bytes.length) {
        this.escaped = true;
        return { to: bytes.length, closed: false };
      }
      i = at + 2;
    }
    return { to: bytes.length, closed: false };
  }

  /**
   * Between tokens: whitespace is skipped, a byte the grammar allows here (`first` or `second`) moves to its state,
   * any other is not flat. After `{` or `,` comes a key (or `}`), after a key `:`, after a value `,` or `}`.
   */
  private punctuation(byte: number, i: number, first: number, firstState: State, second = -1, secondState: State = firstState): number {
    if (isSpace(byte)) return i + 1;
    if (byte === first || byte === second) {
      this.state = byte === first ? firstState : secondState;
      return i + 1;
    }
    this.notFlat();
    return i;
  }

  feed(bytes: Buffer): void {
    let i = 0;
    this.nextBackslash = -1;
    this.nextNewline = -1;
    while (i < bytes.length) {
      const byte = bytes[i]!;
      if (this.escaped) {
        // The byte a backslash at the end of the last chunk escapes.
        this.escaped = false;
        if (byte !== NEWLINE) {
          i++;
          continue;
        }
      }
      if (byte === NEWLINE) {
        // An empty or blank line: DuckDB skips it, the SerDe reads a row of NULLs.
        if (this.state === "lineStart") this.every = false;
        else if (this.state !== "afterObject" && this.state !== "skipLine") this.flat = false;
        this.state = "lineStart";
        this.blank = false;
        i++;
        continue;
      }
      switch (this.state) {
        case "lineStart":
          if (byte <= 0x20) {
            this.blank = true;
            i++;
            break;
          }
          if (byte !== OPEN_BRACE) {
            this.every = false;
            this.notFlat();
            break;
          }
          this.blank = false;
          this.state = "keyOrEnd";
          i++;
          break;
        case "keyOrEnd":
          i = this.punctuation(byte, i, QUOTE, "key", CLOSE_BRACE, "afterObject");
          break;
        case "key":
        case "stringValue": {
          const { to, closed } = this.skipString(bytes, i);
          if (closed) this.state = this.state === "key" ? "colon" : "commaOrEnd";
          i = to;
          break;
        }
        case "colon":
          i = this.punctuation(byte, i, COLON, "value");
          break;
        case "value":
          if (isSpace(byte)) i++;
          else if (byte === QUOTE) {
            this.state = "stringValue";
            i++;
          } else if (byte === MINUS || (byte >= 0x30 && byte <= 0x39)) {
            this.state = "number";
            this.digits = byte === MINUS ? 0 : 1;
            i++;
          } else if (byte === 0x74 || byte === 0x66) {
            this.state = "literal";
            this.literal = String.fromCharCode(byte);
            i++;
          } else this.notFlat();
          break;
        case "number":
          if (byte >= 0x30 && byte <= 0x39) {
            this.digits++;
            i++;
          } else if (this.digits === 0 || this.digits > MAX_PLAIN_DIGITS) {
            this.notFlat();
          } else {
            this.state = "commaOrEnd";
          }
          break;
        case "literal":
          if (byte >= 0x61 && byte <= 0x7a) {
            this.literal += String.fromCharCode(byte);
            i++;
          } else if (this.literal === "true" || this.literal === "false") {
            this.state = "commaOrEnd";
          } else this.notFlat();
          break;
        case "commaOrEnd":
          i = this.punctuation(byte, i, COMMA, "keyOrEnd", CLOSE_BRACE, "afterObject");
          break;
        case "afterObject":
          if (byte <= 0x20) i++;
          else this.notFlat();
          break;
        case "skipLine": {
          const end = bytes.indexOf(NEWLINE, i);
          i = end < 0 ? bytes.length : end;
          break;
        }
      }
    }
  }

  /** After the last chunk: a last line of only whitespace is a line too; the empty piece after a final newline is not. */
  end(): void {
    if (this.state === "lineStart" && this.blank) this.every = false;
    if (this.state !== "lineStart" && this.state !== "afterObject" && this.state !== "skipLine") this.flat = false;
    if (!this.every) this.flat = false;
  }
}
