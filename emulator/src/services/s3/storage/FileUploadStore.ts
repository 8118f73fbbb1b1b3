import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { compareKeys } from "./SortedKeys";
import { readJson, unlinkIfPresent, writeFileAtomic } from "./files";
import type { PartRecord, UploadRecord, UploadStore } from "./UploadStore";

interface UploadFile extends Omit<UploadRecord, "initiated"> {
  readonly initiated: string;
}

interface PartFile extends Omit<PartRecord, "lastModified" | "path"> {
  readonly lastModified: string;
  /** Name of the bytes' file in the upload's folder. */
  readonly file: string;
}

const UPLOAD_ID = /^[A-Za-z0-9_-]{43}$/;

function partName(partNumber: number): string {
  return `part-${String(partNumber).padStart(5, "0")}`;
}

/**
 * `<s3 dir>/.uploads/<uploadId>/upload.json`, and per part its bytes (`part-00001-<id>`) and its record
 * (`part-00001.json`: ETag, checksum, file name). Writing the record is a part's commit point, so a part
 * uploaded again, or a crash half-way, never pairs one upload's bytes with another's ETag.
 */
export class FileUploadStore implements UploadStore {
  private readonly uploads = new Map<string, UploadRecord>();

  private constructor(
    private readonly directory: string,
    private readonly stagingDir: string,
    private readonly now: () => number,
  ) {}

  static async open(directory: string, stagingDir: string, now: () => number): Promise<FileUploadStore> {
    await mkdir(directory, { recursive: true });
    const store = new FileUploadStore(directory, stagingDir, now);
    for (const uploadId of await readdir(directory)) {
      const saved = UPLOAD_ID.test(uploadId) ? await readJson<UploadFile>(join(directory, uploadId, "upload.json")) : undefined;
      if (saved === undefined) {
        await rm(join(directory, uploadId), { recursive: true, force: true });
        continue;
      }
      store.uploads.set(uploadId, { ...saved, initiated: new Date(saved.initiated) });
    }
    return store;
  }

  async createUpload(upload: Omit<UploadRecord, "uploadId" | "initiated">): Promise<UploadRecord> {
    const uploadId = randomBytes(32).toString("base64url");
    const record: UploadRecord = { ...upload, uploadId, initiated: new Date(Math.floor(this.now() / 1000) * 1000) };
    await mkdir(join(this.directory, uploadId));
    await writeFileAtomic(join(this.directory, uploadId, "upload.json"), JSON.stringify({ ...record, initiated: record.initiated.toISOString() }), this.stagingDir);
    this.uploads.set(uploadId, record);
    return record;
  }

  getUpload(uploadId: string): UploadRecord | undefined {
    return UPLOAD_ID.test(uploadId) ? this.uploads.get(uploadId) : undefined;
  }

  listUploads(bucket: string): readonly UploadRecord[] {
    return [...this.uploads.values()]
      .filter((upload) => upload.bucket === bucket)
      .sort((a, b) => compareKeys(a.key, b.key) || a.initiated.getTime() - b.initiated.getTime());
  }

  async commitPart(uploadId: string, partNumber: number, stagedPath: string, part: Omit<PartRecord, "partNumber" | "size" | "lastModified" | "path">): Promise<PartRecord> {
    const folder = join(this.directory, uploadId);
    const recordPath = join(folder, `${partName(partNumber)}.json`);
    const previous = await readJson<PartFile>(recordPath);
    const file = `${partName(partNumber)}-${randomUUID()}`;
    const size = (await stat(stagedPath)).size;
    const lastModified = new Date(Math.floor(this.now() / 1000) * 1000);
    try {
      await rename(stagedPath, join(folder, file));
    } catch (error) {
      await unlinkIfPresent(stagedPath);
      throw error;
    }
    const saved: PartFile = { ...part, partNumber, size, lastModified: lastModified.toISOString(), file };
    await writeFileAtomic(recordPath, JSON.stringify(saved), this.stagingDir);
    if (previous !== undefined && previous.file !== file) {
      await unlinkIfPresent(join(folder, basename(previous.file)));
    }
    return { ...part, partNumber, size, lastModified, path: join(folder, file) };
  }

  async listParts(uploadId: string): Promise<readonly PartRecord[]> {
    if (this.getUpload(uploadId) === undefined) {
      return [];
    }
    const folder = join(this.directory, uploadId);
    const parts: PartRecord[] = [];
    for (const name of await readdir(folder)) {
      if (!/^part-\d{5}\.json$/.test(name)) {
        continue;
      }
      const saved = await readJson<PartFile>(join(folder, name));
      if (saved !== undefined) {
        const { file, ...record } = saved;
        parts.push({ ...record, lastModified: new Date(saved.lastModified), path: join(folder, basename(file)) });
      }
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  async removeUpload(uploadId: string): Promise<void> {
    if (this.uploads.delete(uploadId)) {
      await rm(join(this.directory, uploadId), { recursive: true, force: true });
    }
  }
}
