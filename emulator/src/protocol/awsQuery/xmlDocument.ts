// Source: the XML answers of the query protocol (`<XResponse><XResult>`, `<ErrorResponse><Error>`), as
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html shows them in its examples.
/**
 * A value as the AWS query protocol answers it in XML: scalars as text, dates as ISO 8601, lists as `<member>`
 * elements (IAM and STS lists are not flattened), structures as child elements; undefined members are left out.
 */
export type XmlValue = string | number | boolean | Date | readonly XmlValue[] | { readonly [name: string]: XmlValue | undefined };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[character]!};`);
}

function isoSeconds(date: Date): string {
  // AWS writes IAM dates to the second: 2024-01-02T03:04:05Z.
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The children of one element, as XML text. */
export function xmlContent(value: XmlValue): string {
  if (value instanceof Date) {
    return isoSeconds(value);
  }
  if (typeof value !== "object") {
    return escapeXml(String(value));
  }
  if (Array.isArray(value)) {
    return (value as readonly XmlValue[]).map((item) => `<member>${xmlContent(item)}</member>`).join("");
  }
  return Object.entries(value as Record<string, XmlValue | undefined>)
    .filter((entry): entry is [string, XmlValue] => entry[1] !== undefined)
    .map(([name, member]) => `<${name}>${xmlContent(member)}</${name}>`)
    .join("");
}
