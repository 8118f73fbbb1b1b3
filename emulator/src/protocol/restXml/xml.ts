import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { s3Error } from "./s3Errors";

export const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
const PROLOGUE = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** One root element and its content: `{ ListBucketResult: { Name: "b", Contents: [...] } }`. */
export type XmlDocument = Readonly<Record<string, unknown>>;

/**
 * XML's five entities, and a carriage return as `&#13;`: a parser turns a bare one into a line feed (XML 1.0, 2.11
 * End-of-Line Handling), so a key holding one would come back changed. S3 writes it so ("Creating object key
 * names", XML related object key constraints).
 */
const ENTITIES = [
  { regex: /&/g, val: "&amp;" },
  { regex: />/g, val: "&gt;" },
  { regex: /</g, val: "&lt;" },
  { regex: /'/g, val: "&apos;" },
  { regex: /"/g, val: "&quot;" },
  { regex: /\r/g, val: "&#13;" },
];

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", processEntities: true, entities: ENTITIES, suppressEmptyNode: false, format: false } as ConstructorParameters<typeof XMLBuilder>[0]);

/** Dates as S3 writes them in XML (ISO 8601 with milliseconds), numbers and booleans as text, absent members left out. */
function toXmlValue(value: unknown): unknown {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (Array.isArray(value)) {
    return value.map(toXmlValue);
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value)) {
      if (member !== undefined && member !== null) {
        out[name] = toXmlValue(member);
      }
    }
    return out;
  }
  return value;
}

/** The one XML builder: prologue, S3's namespace on the root, escaping. */
export function buildXml(document: XmlDocument, namespace: string | null = S3_NAMESPACE): string {
  const [root, content] = Object.entries(document)[0]!;
  const value = toXmlValue(content);
  const element = typeof value === "object" ? { ...(value as object) } : { "#text": value };
  const withNamespace = namespace === null ? element : { "@_xmlns": namespace, ...element };
  return PROLOGUE + (builder.build({ [root]: withNamespace }) as string);
}

/**
 * Parses a request body: values stay strings exactly as sent (keys may start or end with spaces, or look
 * like numbers); `arrays` names the elements that repeat. Anything unreadable is MalformedXML.
 */
export function parseXml(text: string, arrays: readonly string[]): Record<string, unknown> {
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    trimValues: false,
    parseTagValue: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => arrays.includes(name),
  });
  try {
    const parsed = parser.parse(text, true) as unknown;
    if (typeof parsed !== "object" || parsed === null) {
      throw s3Error("MalformedXML");
    }
    return parsed as Record<string, unknown>;
  } catch {
    throw s3Error("MalformedXML");
  }
}

/** Text content of a parsed element (`<Key>a</Key>` or `<Key/>`). */
export function xmlText(value: unknown): string | undefined {
  if (typeof value === "string") {
    return value;
  }
  if (typeof value === "object" && value !== null) {
    const text = (value as Record<string, unknown>)["#text"];
    return typeof text === "string" ? text : "";
  }
  return undefined;
}
