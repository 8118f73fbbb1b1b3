import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TokenSeal } from "../../server/PageTokens";
import { writeFileAtomicSync as writeFileAtomic } from "../../storage/writeFileAtomic";

const MAC_BYTES = 16;
const KEY_FILE = "token.key";

/**
 * Opaque, self-describing tokens (shard iterators, list pagination): the payload travels in the token,
 * followed by a truncated HMAC, so a tampered token is told from a real one without any table. The key
 * lives in the data directory, so tokens stay valid across a restart.
 */
export class TokenSigner implements TokenSeal {
  private constructor(private readonly key: Buffer) {}

  static open(directory: string): TokenSigner {
    const path = join(directory, KEY_FILE);
    try {
      return new TokenSigner(readFileSync(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        throw error;
      }
      const key = randomBytes(32);
      writeFileAtomic(path, key);
      return new TokenSigner(key);
    }
  }

  sign(payload: Buffer): string {
    return Buffer.concat([payload, this.mac(payload)]).toString("base64");
  }

  /** The payload, or undefined when the token is not one this signer made. */
  verify(token: string): Buffer | undefined {
    const bytes = Buffer.from(token, "base64");
    if (bytes.length <= MAC_BYTES || bytes.toString("base64") !== token) {
      return undefined;
    }
    const payload = bytes.subarray(0, bytes.length - MAC_BYTES);
    return timingSafeEqual(this.mac(payload), bytes.subarray(bytes.length - MAC_BYTES)) ? payload : undefined;
  }

  private mac(payload: Buffer): Buffer {
    return createHmac("sha256", this.key).update(payload).digest().subarray(0, MAC_BYTES);
  }
}
