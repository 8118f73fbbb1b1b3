import { invalidArgument } from "./kinesisErrors";

/** AWS's allowed characters in tag keys and values: Unicode letters, digits, white space, _ . / = + - % @. */
const INVALID = /[^\p{L}\p{N}\s_./=+\-%@]/u;

export function checkTagCharacters(texts: Iterable<string>): void {
  for (const text of texts) {
    if (INVALID.test(text)) {
      throw invalidArgument("Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.");
    }
  }
}
