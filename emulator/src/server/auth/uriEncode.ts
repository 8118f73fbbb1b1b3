const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * SigV4's UriEncode: every byte of the UTF-8 form percent-encoded in upper-case hex, except the unreserved
 * characters A-Z a-z 0-9 - _ . ~ (and `/` when `keepSlash`). Not encodeURIComponent, which leaves ! ' ( ) * alone
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request).
 */
export function uriEncode(text: string, keepSlash = false): string {
  let out = "";
  for (const character of text) {
    if (UNRESERVED.test(character) || (keepSlash && character === "/")) {
      out += character;
      continue;
    }
    for (const byte of Buffer.from(character, "utf8")) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}

/** Percent-decoding as the request was sent; a malformed escape leaves the text as it is (it was signed as sent). */
export function uriDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
