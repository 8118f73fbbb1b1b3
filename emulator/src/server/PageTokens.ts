import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * What makes a token tamper-evident: the payload travels in the token with a MAC, so a forged or altered token is
 * told from a real one without any table. Kinesis's TokenSigner is one (its key kept in the data directory, so its
 * tokens outlive a restart); processSeal() is another, its key living as long as the process.
 */
export interface TokenSeal {
  sign(payload: Buffer): string;
  /** The payload, or undefined when the token is not one this seal made. */
  verify(token: string): Buffer | undefined;
}

const MAC_BYTES = 16;

/** A seal whose key lives as long as the process: a token from before a restart is refused as one not issued. */
export function processSeal(): TokenSeal {
  const key = randomBytes(32);
  const mac = (payload: Buffer): Buffer => createHmac("sha256", key).update(payload).digest().subarray(0, MAC_BYTES);
  return {
    sign: (payload) => Buffer.concat([payload, mac(payload)]).toString("base64url"),
    verify: (token) => {
      const bytes = Buffer.from(token, "base64url");
      if (bytes.length <= MAC_BYTES || bytes.toString("base64url") !== token) {
        return undefined;
      }
      const payload = bytes.subarray(0, bytes.length - MAC_BYTES);
      return timingSafeEqual(mac(payload), bytes.subarray(bytes.length - MAC_BYTES)) ? payload : undefined;
    },
  };
}

/** A token read back: where the next page starts, or why the token is refused (each service words the refusal its own way). */
export type PageTokenRead<Position> = { readonly position: Position } | { readonly refused: "invalid" | "expired" };

/** A position that is the index of the next item of a list. */
export const isOffset = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

/**
 * Paging tokens, one scheme for every service that pages: opaque, sealed, scoped and expiring. A token carries the
 * scope it was issued for (a digest of the service, the operation and the resource listed, say `["GetTables", "sales"]`),
 * when it was issued, and the position of the next page. It is refused by any other scope, and once older than the
 * service's lifetime for it.
 */
export class PageTokens {
  constructor(
    private readonly service: string,
    private readonly seal: TokenSeal,
    /** How long a token is honoured, from its issue. */
    readonly lifetimeMs: number,
  ) {}

  issue(scope: readonly string[], position: unknown, nowMs: number): string {
    return this.seal.sign(Buffer.from(JSON.stringify({ s: this.digest(scope), t: nowMs, p: position }), "utf8"));
  }

  read<Position>(token: string, scope: readonly string[], nowMs: number, isPosition: (value: unknown) => value is Position): PageTokenRead<Position> {
    const payload = this.seal.verify(token);
    if (payload === undefined) {
      return { refused: "invalid" };
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(payload.toString("utf8"));
    } catch {
      return { refused: "invalid" };
    }
    if (typeof envelope !== "object" || envelope === null || !("s" in envelope) || !("t" in envelope) || !("p" in envelope)) {
      return { refused: "invalid" };
    }
    if (envelope.s !== this.digest(scope) || typeof envelope.t !== "number" || !isPosition(envelope.p)) {
      return { refused: "invalid" };
    }
    return nowMs - envelope.t > this.lifetimeMs ? { refused: "expired" } : { position: envelope.p };
  }

  private digest(scope: readonly string[]): string {
    return createHash("sha256").update(JSON.stringify([this.service, ...scope])).digest().subarray(0, 8).toString("base64url");
  }
}
