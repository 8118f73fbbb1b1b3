import { s3Error } from "../../../protocol/restXml/s3Errors";

export interface ByteRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/**
 * A `Range: bytes=...` header against an object of `size` bytes: `bytes=0-99`, `bytes=100-`, `bytes=-100`.
 * A header that does not parse, or asks for several ranges (S3 serves one), is ignored and the whole object
 * served, as HTTP says; a range that starts past the end is InvalidRange (416).
 */
export function parseRange(text: string | undefined, size: number): ByteRange | undefined {
  if (text === undefined) {
    return undefined;
  }
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(text);
  if (match === null || (match[1] === "" && match[2] === "")) {
    return undefined;
  }
  const unsatisfiable = () => s3Error("InvalidRange", undefined, { RangeRequested: text, ActualObjectSize: size });
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) {
      throw unsatisfiable();
    }
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  if (match[2] !== "" && Number(match[2]) < start) {
    return undefined;
  }
  if (start >= size) {
    throw unsatisfiable();
  }
  return { start, end: match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1) };
}
