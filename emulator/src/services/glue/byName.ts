/**
 * Records keyed by names users choose. Glue's name patterns allow `constructor` and `__proto__`, which a plain
 * object answers from Object.prototype (and `record["__proto__"] = value` would replace the prototype): read
 * and write own members only.
 */
export function getByName<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

export function setByName<T>(record: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}
