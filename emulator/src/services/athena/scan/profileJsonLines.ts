import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { JsonLineProfile } from "./jsonLineProfile";

export interface TextObjectFile {
  readonly path: string;
  readonly gzip: boolean;
  /** What the bytes are (an S3 ETag with the size): when given, the cache trusts it instead of the file's time. */
  readonly etag?: string;
  readonly size?: number;
}

const MAX_CACHED = 10_000;
/** Large chunks: the scan is a loop per line, and 1 MiB reads halve its time on a 100 MB object. */
const CHUNK_BYTES = 1024 * 1024;

export interface LinesProfile {
  /** Every line starts (after Java's trim) with `{`. */
  readonly every: boolean;
  /** Every line is a flat object of plain values (jsonLineProfile.ts). */
  readonly flat: boolean;
}

/** Answers by file, for as long as its bytes stay the same (the same ETag and size, or size and modification time). */
const answers = new Map<string, LinesProfile & { readonly version: string }>();

async function fileVersion(path: string): Promise<string> {
  const { size, mtimeMs } = await stat(path);
  return `${size} ${mtimeMs}`;
}

async function scan(stream: Readable, signal: AbortSignal): Promise<LinesProfile> {
  const profile = new JsonLineProfile();
  try {
    for await (const chunk of stream) {
      signal.throwIfAborted();
      profile.feed(chunk as Buffer);
      if (!profile.every) break;
    }
  } finally {
    stream.destroy();
  }
  profile.end();
  return { every: profile.every, flat: profile.flat };
}

/**
 * Whether every line of every file starts (after Java's trim) with `{`: no blank line, no array, string or
 * number, no text that is not JSON. DuckDB's read_json skips blank lines where the OpenX SerDe reads a row of
 * NULLs, so only files that pass may be read by DuckDB directly. And whether every line is flat, so that DuckDB
 * may read string columns as text. Gzip files are read through gunzip; each file is scanned once while its size
 * and time (or ETag) stay the same. Once `signal` is aborted the scan stops and this fails with its reason.
 */
export async function profileJsonLines(files: readonly TextObjectFile[], signal: AbortSignal): Promise<LinesProfile> {
  let flat = true;
  for (const file of files) {
    const version = file.etag !== undefined && file.size !== undefined ? `${file.etag} ${file.size}` : await fileVersion(file.path);
    const known = answers.get(file.path);
    let profile: LinesProfile | undefined = known?.version === version ? known : undefined;
    if (profile === undefined) {
      const raw = createReadStream(file.path, { highWaterMark: CHUNK_BYTES });
      if (file.gzip) {
        const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
        raw.on("error", (error) => gunzip.destroy(error));
        raw.pipe(gunzip);
        try {
          profile = await scan(gunzip, signal);
        } catch {
          signal.throwIfAborted();
          // Not gzip after all: the JavaScript reader reports it.
          profile = { every: false, flat: false };
        } finally {
          raw.destroy();
        }
      } else {
        try {
          profile = await scan(raw, signal);
        } catch {
          signal.throwIfAborted();
          // Unreadable (deleted since it was listed): the JavaScript reader reports it, naming the object.
          return { every: false, flat: false };
        }
      }
      if (answers.size >= MAX_CACHED) answers.clear();
      answers.set(file.path, { version, ...profile });
    }
    if (!profile.every) return { every: false, flat: false };
    flat &&= profile.flat;
  }
  return { every: true, flat };
}
