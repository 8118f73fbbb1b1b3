/** AWS's write limits per shard: 1 MiB of data and partition keys, and 1,000 records, each second. */
export const SHARD_WRITE_BYTES_PER_SECOND = 1024 * 1024;
export const SHARD_WRITE_RECORDS_PER_SECOND = 1000;

/**
 * Counts one shard's writes in one-second windows of the emulator's clock (AWS's own accounting is finer,
 * but a fixed window is predictable, which is what a lesson on backoff needs).
 */
export class ShardThrottle {
  private windowSecond = -Infinity;
  private bytes = 0;
  private records = 0;

  /** Takes the record into the current second's budget if it fits; false when it does not. */
  admit(nowMs: number, size: number): boolean {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.windowSecond) {
      this.windowSecond = second;
      this.bytes = 0;
      this.records = 0;
    }
    if (this.records + 1 > SHARD_WRITE_RECORDS_PER_SECOND || this.bytes + size > SHARD_WRITE_BYTES_PER_SECOND) {
      return false;
    }
    this.records += 1;
    this.bytes += size;
    return true;
  }
}
