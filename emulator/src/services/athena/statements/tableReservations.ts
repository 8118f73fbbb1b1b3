import type { GlueCatalog } from "../../glue/GlueCatalog";

const reserved = new WeakMap<GlueCatalog, Set<string>>();

/**
 * Claims a table name for a statement that creates the table only after writing its data (CTAS): a second such
 * statement for the same name sees it taken from the first one's check on, as it would see the finished table,
 * instead of both passing the check and the later one failing in Glue's CreateTable. Undefined when already taken.
 */
export function reserveTable(catalog: GlueCatalog, database: string, table: string): { release(): void } | undefined {
  let names = reserved.get(catalog);
  if (names === undefined) reserved.set(catalog, (names = new Set()));
  const key = `${database}\u0000${table}`;
  if (names.has(key)) return undefined;
  names.add(key);
  return { release: () => names.delete(key) };
}
