/**
 * A service's table of operations (or query actions), built by `build` on the first request that looks one up:
 * the modules of its operations then load at that request, not before the emulator listens (a start loads only
 * what opening and recovering the service's state needs). Looked up as server/jsonProtocol.ts and
 * server/query/queryProtocol.ts look tables up (Object.hasOwn, then the member), and enumerable like the table.
 * Proxy invariants hold: the target is an empty, extensible object, and the table's members are configurable
 * (https://tc39.es/ecma262/#sec-proxy-object-internal-methods-and-internal-slots-getownproperty-p).
 */
export function lazyOperationTable<Table extends object>(build: () => Table): Table {
  let table: Table | undefined;
  const built = (): Table => (table ??= build());
  return new Proxy({} as Table, {
    get: (_target, key) => Reflect.get(built(), key),
    has: (_target, key) => Reflect.has(built(), key),
    ownKeys: () => Reflect.ownKeys(built()),
    getOwnPropertyDescriptor: (_target, key) => Reflect.getOwnPropertyDescriptor(built(), key),
  });
}
