import { s3Error } from "../../../protocol/restXml/s3Errors";
import { parseXml, xmlText } from "../../../protocol/restXml/xml";
import type { CorsRule } from "../storage/ObjectStore";

/** The methods a CORSRule may allow (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html). */
export const CORS_METHODS: readonly string[] = ["GET", "PUT", "POST", "DELETE", "HEAD"];
/** "The CORS configuration can have up to 100 rules" (S3 User Guide, CORS configuration). */
const MAX_RULES = 100;
/** "The value cannot be longer than 255 characters" (API reference, CORSRule: ID). */
const MAX_ID_LENGTH = 255;

function texts(value: unknown): string[] {
  return ((value ?? []) as unknown[]).map((item) => xmlText(item) ?? "");
}

/** At most one `*` in an AllowedOrigin or AllowedHeader (API reference, CORSRule), refused in S3's words. */
function checkWildcards(element: "AllowedOrigin" | "AllowedHeader", values: readonly string[]): void {
  for (const value of values) {
    if (value.split("*").length > 2) {
      throw s3Error("InvalidRequest", `${element} "${value}" can not have more than one wildcard.`);
    }
  }
}

function parseRule(element: Record<string, unknown>): CorsRule {
  const allowedOrigins = texts(element["AllowedOrigin"]);
  const allowedMethods = texts(element["AllowedMethod"]);
  if (allowedOrigins.length === 0 || allowedMethods.length === 0) {
    throw s3Error("MalformedXML");
  }
  for (const method of allowedMethods) {
    if (!CORS_METHODS.includes(method)) {
      throw s3Error("InvalidRequest", `Found unsupported HTTP method in CORS config. Unsupported method is ${method}`);
    }
  }
  const allowedHeaders = texts(element["AllowedHeader"]);
  checkWildcards("AllowedOrigin", allowedOrigins);
  checkWildcards("AllowedHeader", allowedHeaders);
  const id = xmlText(element["ID"]);
  const maxAge = xmlText(element["MaxAgeSeconds"])?.trim();
  if ((id !== undefined && id.length > MAX_ID_LENGTH) || (maxAge !== undefined && !/^\d{1,9}$/.test(maxAge))) {
    throw s3Error("MalformedXML");
  }
  return {
    ...(id === undefined ? {} : { id }),
    allowedOrigins,
    allowedMethods,
    allowedHeaders,
    exposeHeaders: texts(element["ExposeHeader"]),
    ...(maxAge === undefined ? {} : { maxAgeSeconds: Number(maxAge) }),
  };
}

/**
 * PutBucketCors's body: `<CORSConfiguration>` with 1 to 100 `<CORSRule>`s, each with at least one AllowedOrigin
 * and AllowedMethod (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html). A rule without
 * them, or no rule, is MalformedXML, as S3 answers an empty configuration.
 */
export function parseCorsConfiguration(text: string): CorsRule[] {
  const document = parseXml(text, ["CORSRule", "AllowedOrigin", "AllowedMethod", "AllowedHeader", "ExposeHeader"])["CORSConfiguration"];
  const elements = (typeof document === "object" && document !== null ? ((document as Record<string, unknown>)["CORSRule"] ?? []) : []) as unknown[];
  if (elements.length === 0 || elements.length > MAX_RULES || elements.some((element) => typeof element !== "object" || element === null)) {
    throw s3Error("MalformedXML");
  }
  return elements.map((element) => parseRule(element as Record<string, unknown>));
}
