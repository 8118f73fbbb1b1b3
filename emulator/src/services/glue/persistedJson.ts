import { readStateJson } from "../../storage/readStateFile";
import { writeFileAtomicSync } from "../../storage/writeFileAtomic";

/** Members holding dates in the SDK's shapes; written as ISO strings, read back as Dates. */
const DATE_MEMBERS = new Set(["CreateTime", "UpdateTime", "LastAccessTime", "LastAnalyzedTime", "CreationTime", "LastUpdated", "StartTime"]);

function revive(key: string, value: unknown): unknown {
  return DATE_MEMBERS.has(key) && typeof value === "string" ? new Date(value) : value;
}

/**
 * A store's whole state, changed in place and then saved as one JSON file (replaced at once, so a restart finds
 * the old state or the new). A save that fails (a full disk) puts the state back as it is on disk before the
 * error goes on: a request that was refused leaves no trace, even in memory.
 */
export class PersistedJson<T> {
  private constructor(
    private readonly path: string,
    private current: T,
    private savedText: string,
  ) {}

  /** The state in `path`, or `initial` when there is none yet; CorruptStateError when the file is damaged. */
  static async open<T>(path: string, initial: () => T): Promise<PersistedJson<T>> {
    const state = (await readStateJson<T>(path, revive)) ?? initial();
    return new PersistedJson(path, state, JSON.stringify(state));
  }

  get value(): T {
    return this.current;
  }

  /** Writes the state as changed in place; synchronous so callers need not yield. */
  save(): void {
    const text = JSON.stringify(this.current);
    try {
      writeFileAtomicSync(this.path, text);
    } catch (error) {
      this.current = JSON.parse(this.savedText, revive) as T;
      throw error;
    }
    this.savedText = text;
  }
}
