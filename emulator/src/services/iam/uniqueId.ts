import { randomInt } from "node:crypto";

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A unique identifier as IAM makes them: a type prefix (AROA for roles) and 17 upper-case letters and digits. */
export function uniqueId(prefix: string): string {
  let id = prefix;
  for (let index = 0; index < 17; index += 1) {
    id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  }
  return id;
}
