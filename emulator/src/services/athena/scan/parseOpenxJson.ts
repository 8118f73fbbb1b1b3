/**
 * A JSON text as the OpenX JsonSerDe (org.openx.data.jsonserde.JsonSerDe, rcongiu/Hive-JSON-Serde) reads a
 * line: its org.json tokenizer is lenient (unquoted keys and strings, single quotes, `=`/`=>` after a key,
 * `;` between pairs, a trailing comma, `[1,,2]`), stops after the first value (a second record written back
 * to back on the line is never read), lower-cases keys and fails on a duplicate key. Its errors carry the
 * tokenizer's position, `Unterminated string at 198 [character 199 line 1]`, as Athena reports them.
 */

/** A syntax error as org.json's JSONException words it. */
export class OpenxJsonError extends Error {
  override readonly name = "OpenxJsonError";
}

/**
 * A value written without quotes (`17`, `1e3`, `energia`): the fork's stringToValue keeps its text as
 * written (`1e3` stays `1e3`), so a string column shows that text and a number column parses it.
 */
export class UnquotedToken {
  constructor(readonly text: string) {}

  /** Inside a nested value rendered as JSON: a JSON number as that number, anything else as a string. */
  toJSON(): number | string {
    return JSON_NUMBER.test(this.text) ? Number(this.text) : this.text;
  }
}

export type OpenxValue = string | boolean | null | UnquotedToken | OpenxValue[] | { [key: string]: OpenxValue };

const JSON_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/** Characters that end an unquoted value. */
const UNQUOTED_STOP = ",:]}/\\\"[{;=#";

const EOF = "\u0000";

/** What ends a run of plain characters inside a string: its quote, an escape, a line break, NUL. */
const DOUBLE_QUOTED_STOP = /["\\\n\r\u0000]/g;
const SINGLE_QUOTED_STOP = /['\\\n\r\u0000]/g;

/** Java's String.trim(): every character up to U+0020 on both ends, not JavaScript's Unicode whitespace. */
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** org.json's JSONTokener, position counters included (its error messages report them). */
class Tokener {
  private position = 0;
  private index = 0;
  private character = 1;
  private line = 1;
  private previous = EOF;
  private usePrevious = false;
  private eof = false;

  constructor(private readonly text: string) {}

  next(): string {
    let c: string;
    if (this.usePrevious) {
      this.usePrevious = false;
      c = this.previous;
    } else {
      // A NUL character reads as the end, as Reader.read() <= 0 does there.
      c = this.position < this.text.length ? this.text.charAt(this.position++) : EOF;
      if (c === EOF) this.eof = true;
    }
    this.index += 1;
    if (this.previous === "\r") {
      this.line += 1;
      this.character = c === "\n" ? 0 : 1;
    } else if (c === "\n") {
      this.line += 1;
      this.character = 0;
    } else {
      this.character += 1;
    }
    this.previous = c;
    return c;
  }

  back(): void {
    if (this.usePrevious || this.index <= 0) {
      throw new OpenxJsonError("Stepping back two steps is not supported");
    }
    this.index -= 1;
    this.character -= 1;
    this.usePrevious = true;
    this.eof = false;
  }

  private end(): boolean {
    return this.eof && !this.usePrevious;
  }

  nextClean(): string {
    for (;;) {
      const c = this.next();
      if (c === EOF || c > " ") return c;
    }
  }

  private nextChars(count: number): string {
    let chars = "";
    for (let i = 0; i < count; i++) {
      chars += this.next();
      if (this.end()) throw this.syntaxError("Substring bounds error");
    }
    return chars;
  }

  /**
   * Takes the characters up to the next one `stop` matches in one slice, counting positions as next() would
   * one by one; only for runs without line breaks, right after a character was read (nothing pushed back).
   */
  private takeRun(stop: RegExp): string {
    stop.lastIndex = this.position;
    const end = stop.test(this.text) ? stop.lastIndex - 1 : this.text.length;
    const run = this.text.slice(this.position, end);
    if (run.length > 0) {
      this.position = end;
      this.index += run.length;
      this.character += run.length;
      this.previous = run.charAt(run.length - 1);
    }
    return run;
  }

  private nextString(quote: string): string {
    let text = "";
    const stop = quote === '"' ? DOUBLE_QUOTED_STOP : SINGLE_QUOTED_STOP;
    for (;;) {
      text += this.takeRun(stop);
      let c = this.next();
      switch (c) {
        case EOF:
        case "\n":
        case "\r":
          throw this.syntaxError("Unterminated string");
        case "\\":
          c = this.next();
          switch (c) {
            case "b":
              text += "\b";
              break;
            case "t":
              text += "\t";
              break;
            case "n":
              text += "\n";
              break;
            case "f":
              text += "\f";
              break;
            case "r":
              text += "\r";
              break;
            case "u": {
              const hex = this.nextChars(4);
              if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new OpenxJsonError(`For input string: "${hex}"`);
              text += String.fromCharCode(parseInt(hex, 16));
              break;
            }
            // The fork's `\a` falls through into `\v`, and both append "\011" (a tab), as written there.
            case "a":
              text += "\u0007\t";
              break;
            case "v":
              text += "\t";
              break;
            case '"':
            case "'":
            case "\\":
            case "/":
              text += c;
              break;
            default:
              throw this.syntaxError("Illegal escape.");
          }
          break;
        default:
          if (c === quote) return text;
          text += c;
      }
    }
  }

  nextValue(): OpenxValue {
    let c = this.nextClean();
    switch (c) {
      case '"':
      case "'":
        return this.nextString(c);
      case "{":
        this.back();
        return this.nextObject();
      case "[":
        this.back();
        return this.nextArray();
    }
    let text = "";
    while (c >= " " && !UNQUOTED_STOP.includes(c)) {
      text += c;
      c = this.next();
    }
    this.back();
    text = javaTrim(text);
    if (text === "") throw this.syntaxError("Missing value");
    const lower = text.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    if (lower === "null") return null;
    return new UnquotedToken(text);
  }

  nextObject(): { [key: string]: OpenxValue } {
    const object: { [key: string]: OpenxValue } = Object.create(null);
    if (this.nextClean() !== "{") throw this.syntaxError("A JSONObject text must begin with '{'");
    for (;;) {
      let c = this.nextClean();
      if (c === EOF) throw this.syntaxError("A JSONObject text must end with '}'");
      if (c === "}") return object;
      this.back();
      const key = keyText(this.nextValue()).toLowerCase();
      // The key is followed by ':', or '=' or '=>'.
      c = this.nextClean();
      if (c === "=") {
        if (this.next() !== ">") this.back();
      } else if (c !== ":") {
        throw this.syntaxError("Expected a ':' after a key");
      }
      const value = this.nextValue();
      if (key in object) throw new OpenxJsonError(`Duplicate key "${key}"`);
      object[key] = value;
      switch (this.nextClean()) {
        case ";":
        case ",":
          if (this.nextClean() === "}") return object;
          this.back();
          break;
        case "}":
          return object;
        default:
          throw this.syntaxError("Expected a ',' or '}'");
      }
    }
  }

  nextArray(): OpenxValue[] {
    const array: OpenxValue[] = [];
    if (this.nextClean() !== "[") throw this.syntaxError("A JSONArray text must start with '['");
    if (this.nextClean() === "]") return array;
    this.back();
    for (;;) {
      if (this.nextClean() === ",") {
        this.back();
        array.push(null);
      } else {
        this.back();
        array.push(this.nextValue());
      }
      switch (this.nextClean()) {
        case ";":
        case ",":
          if (this.nextClean() === "]") return array;
          this.back();
          break;
        case "]":
          return array;
        default:
          throw this.syntaxError("Expected a ',' or ']'");
      }
    }
  }

  private syntaxError(message: string): OpenxJsonError {
    return new OpenxJsonError(`${message} at ${this.index} [character ${this.character} line ${this.line}]`);
  }
}

function keyText(key: OpenxValue): string {
  if (key instanceof UnquotedToken) return key.text;
  if (key !== null && typeof key === "object") return JSON.stringify(key);
  return String(key);
}

/**
 * The object or array a line starts with, read as the OpenX SerDe reads it (the rest of the line ignored);
 * throws OpenxJsonError where the SerDe's JSONException would be thrown.
 */
export function parseOpenxJson(line: string): { [key: string]: OpenxValue } | OpenxValue[] {
  const tokener = new Tokener(line);
  return line.startsWith("[") ? tokener.nextArray() : tokener.nextObject();
}
