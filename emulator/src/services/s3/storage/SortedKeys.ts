/**
 * S3 lists keys in UTF-8 binary order. JavaScript compares UTF-16 code units, which puts U+E000-U+FFFF
 * after the surrogate pairs of U+10000 and up; shifting the two ranges gives code point order, which is
 * UTF-8 byte order.
 */
function sortable(codeUnit: number): number {
  if (codeUnit >= 0xd800 && codeUnit <= 0xdfff) {
    return codeUnit + 0x2000;
  }
  return codeUnit >= 0xe000 ? codeUnit - 0x800 : codeUnit;
}

export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      return sortable(x) - sortable(y);
    }
  }
  return a.length - b.length;
}

/** A bucket's keys in S3 order, for listing without walking the file system. */
export class SortedKeys {
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** Index of the first key that is >= `key` (or > it when `exclusive`). */
  lowerBound(key: string, exclusive = false): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const order = compareKeys(this.keys[middle]!, key);
      if (order < 0 || (exclusive && order === 0)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  at(index: number): string | undefined {
    return this.keys[index];
  }

  add(key: string): void {
    const index = this.lowerBound(key);
    if (this.keys[index] !== key) {
      this.keys.splice(index, 0, key);
    }
  }

  delete(key: string): void {
    const index = this.lowerBound(key);
    if (this.keys[index] === key) {
      this.keys.splice(index, 1);
    }
  }

  has(key: string): boolean {
    return this.keys[this.lowerBound(key)] === key;
  }
}
