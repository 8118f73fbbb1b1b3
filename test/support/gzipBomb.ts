import { gzipSync } from "node:zlib";

const MiB = 1024 * 1024;

/**
 * `head`, then `line` repeated to `inflated` bytes, gzipped as members of 16 MiB each (gzip allows members back to
 * back, as `cat a.gz b.gz` makes): the repeated member is compressed once, and the inflated text is never in memory.
 */
export function gzipOfRepeated(head: string, line: string, inflated: number): Buffer {
  const member = gzipSync(line.repeat(Math.floor((16 * MiB) / line.length)), { level: 9 });
  const memberText = Math.floor((16 * MiB) / line.length) * line.length;
  const members = [gzipSync(head)];
  for (let written = head.length; written < inflated; written += memberText) members.push(member);
  return Buffer.concat(members);
}

/**
 * A JSON lines object (one `a` column) whose reading takes Athena's JavaScript reader many seconds: a blank line
 * first, which sends the table to that reader at once (DuckDB would skip it), then 240 MiB of `{"a":1}` lines, 31
 * million records to parse, under the reader's 256 MiB cap: about 29 s of CPU (measured on a shared 2-core
 * machine). About 250 KiB compressed.
 */
export function longReadObject(): Buffer {
  return gzipOfRepeated("\n", '{"a":1}\n', 240 * MiB);
}
