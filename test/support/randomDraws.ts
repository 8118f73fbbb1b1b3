import type { SeededRandom } from "@gpu-stream/shared";

// Draws for the fuzz tests, from the shared SeededRandom (the same seed gives the same requests, so a failure
// printed with its seed replays with FUZZ_SEED=<seed>).

/** A whole number in [0, max). */
export function drawInt(random: SeededRandom, max: number): number {
  return Math.floor(random.next() * max);
}

/** One of `items`, each as likely. */
export function drawOne<T>(random: SeededRandom, items: readonly T[]): T {
  return items[drawInt(random, items.length)]!;
}

/** `length` random bytes. */
export function drawBytes(random: SeededRandom, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index += 1) {
    bytes[index] = drawInt(random, 256);
  }
  return bytes;
}

/** `length` characters drawn from `alphabet`. */
export function drawText(random: SeededRandom, length: number, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"): string {
  let text = "";
  for (let index = 0; index < length; index += 1) {
    text += alphabet[drawInt(random, alphabet.length)];
  }
  return text;
}
