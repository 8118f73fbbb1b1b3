/**
 * Error messages name an object by its S3 URI, never by the file behind it, as Athena knows no files (its errors say
 * `s3://bucket/key`). DuckDB's and Node's errors name the paths they were given: each path a statement reads is
 * remembered with its object's URI, and anything else under the emulator's folders is named by nothing but that.
 */
export class LocalPaths {
  private readonly uris = new Map<string, string>();

  /** `roots`: the folders no message may name (the S3 service's files, Athena's work folder). */
  constructor(private readonly roots: readonly string[]) {}

  /** The file at `path` holds the object `uri`. */
  remember(path: string, uri: string): void {
    this.uris.set(path, uri);
  }

  /** `message` with each remembered path replaced by its URI, and any other path under a root by `a local file`. */
  hide(message: string): string {
    let hidden = message;
    // Longest first: a path that is the prefix of another must not be replaced inside it.
    for (const [path, uri] of [...this.uris].sort(([a], [b]) => b.length - a.length)) hidden = hidden.split(path).join(uri);
    for (const root of [...this.roots].sort((a, b) => b.length - a.length)) {
      const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      hidden = hidden.replace(new RegExp(`${escaped}[^\\s"'\`]*`, "g"), "a local file");
    }
    return hidden;
  }
}
