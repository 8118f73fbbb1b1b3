import { realpath } from "node:fs/promises";
import type { FuzzRequest, Outcome } from "./fuzzHttp";
import type { Judgement } from "./fuzzJudgement";

/**
 * What no answer of the emulator may name: where it keeps its state (the data directory as given and as its
 * real path), where its code lives (a stack trace), and the names of its internal files. An error message that
 * names them tells a stranger the machine's layout; AWS's never do.
 */
export interface InternalNames {
  readonly paths: readonly string[];
  readonly files: readonly RegExp[];
}

/**
 * The emulator's own files, by their names in emulator/src: S3's staging, journal, metadata and upload folders
 * (FileObjectStore, FileUploadStore), the atomic-write temporary (writeFileAtomic), Athena's work files
 * (prepareRelations, writeResult), and each service's state file.
 */
const INTERNAL_FILES: readonly RegExp[] = [
  /\.(staging|journal|uploads|meta)[/\\]/,
  /\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp/,
  /\bwrite-[0-9a-f]{8}-[0-9a-f]{4}-/,
  /\btable-\d+\.json\b/,
  /\b(catalog|crawlers|workgroups|definition|checkpoint|stream|upload|bucket)\.json\b/,
  /\btoken\.key\b/,
  /\bshardId-\d{12}\.log\b/,
  /\bnode:internal\//,
  /\bemulator[/\\]dist[/\\]/,
  /\bnode_modules[/\\]/,
];

export async function internalNamesOf(dataDir: string, repoRoot: string): Promise<InternalNames> {
  const paths = new Set([dataDir, await realpath(dataDir), repoRoot, await realpath(repoRoot)]);
  return { paths: [...paths], files: INTERNAL_FILES };
}

/** The first internal name `text` holds that `sent` (what the client itself said, which an answer may echo) does not. */
export function findInternalName(text: string, names: InternalNames, sent: string): string | undefined {
  for (const path of names.paths) {
    if (text.includes(path) && !sent.includes(path)) return path;
  }
  for (const pattern of names.files) {
    const found = pattern.exec(text)?.[0];
    if (found !== undefined && !sent.includes(found)) return found;
  }
  return undefined;
}

/** Everything a request says, in the forms an answer may echo it: the path as sent and decoded, headers, body. */
export function sentText(request: FuzzRequest, ...more: readonly string[]): string {
  let decodedPath = request.path;
  try {
    decodedPath = decodeURIComponent(request.path);
  } catch {
    // A malformed escape: the path as sent is what an answer could echo.
  }
  const body = request.body === undefined ? "" : `${request.body.toString("utf8")}\n${request.body.toString("latin1")}`;
  return [request.path, decodedPath, JSON.stringify(request.headers), body, ...more].join("\n");
}

/** No header or body of the answer names an internal path or file that the request did not name itself. */
export function judgeNoInternalNames(outcome: Outcome, request: FuzzRequest, names: InternalNames, ...echoable: readonly string[]): Judgement {
  if (outcome.kind !== "answer") return undefined;
  const headers = Object.entries(outcome.headers)
    .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(",") : (value ?? "")}`)
    .join("\n");
  const sent = sentText(request, ...echoable);
  // A JSON body escapes what a raw path may hold (a backslash, a control character): read it decoded as well.
  const found = findInternalName(`${headers}\n${outcome.body.toString("utf8")}\n${decodedJsonStrings(outcome.body)}`, names, sent);
  return found === undefined ? undefined : `${outcome.status} names the internal ${JSON.stringify(found)}: ${excerptAround(outcome.body.toString("utf8"), found)}`;
}

/** Raw bytes a server wrote on a connection (protocol garbage) name nothing internal either. */
export function judgeRawBytes(received: Buffer, names: InternalNames, sent: string): Judgement {
  const found = findInternalName(received.toString("latin1"), names, sent);
  return found === undefined ? undefined : `the answer names the internal ${JSON.stringify(found)}`;
}

function decodedJsonStrings(body: Buffer): string {
  try {
    const strings: string[] = [];
    JSON.parse(body.toString("utf8"), (_key, value: unknown) => {
      if (typeof value === "string") strings.push(value);
      return value;
    });
    return strings.join("\n");
  } catch {
    return "";
  }
}

function excerptAround(text: string, found: string): string {
  const at = Math.max(0, text.indexOf(found));
  return JSON.stringify(text.slice(Math.max(0, at - 120), at + found.length + 80));
}
