import type { TrinoType } from "../types/TrinoType";

/** One column a query can name: from a table, a subquery, a join, an UNNEST. */
export interface Field {
  /** The name as written where it was defined (case kept, as Trino keeps it); undefined for `_colN` columns. */
  readonly name?: string;
  /** The relation's name parts, lower-cased: `[table]`, or for a catalog table also `[schema, table]` and `[catalog, schema, table]`. */
  readonly qualifiers: readonly (readonly string[])[];
  readonly type: TrinoType;
  /** DuckDB SQL that reads the column where it is visible, e.g. `"t0"."dado"`. */
  readonly sql: string;
  /** `"$path"`, `"$file_size"`, `"$file_modified_time"`: named, never expanded by `*`. */
  readonly hidden: boolean;
  /** Which relation of the FROM clause it belongs to (for `t.*`), a number unique within the statement. */
  readonly relation: number;
  /** Named only with its qualifier (`t.x` of a USING column). */
  readonly qualifiedOnly?: boolean;
  /** An output column seen from ORDER BY: already checked against GROUP BY, so it needs no further check. */
  readonly checked?: boolean;
}

export type Resolution = { readonly kind: "found"; readonly field: Field; readonly outer: boolean } | { readonly kind: "ambiguous" } | { readonly kind: "missing" };

/**
 * The columns visible to an expression, and the scopes of the queries around it (for correlated subqueries).
 * Names are matched as Trino matches them: case-insensitively, the qualifier against the relation's name.
 */
export class Scope {
  constructor(
    readonly fields: readonly Field[],
    readonly parent?: Scope,
    /** The parent belongs to the same query (ORDER BY sees the output columns, then the FROM clause's). */
    private readonly parentIsLocal = false,
  ) {}

  private matches(field: Field, name: string, qualifier: readonly string[]): boolean {
    if (field.name === undefined || field.name.toLowerCase() !== name) return false;
    if (qualifier.length === 0) return field.qualifiedOnly !== true;
    return field.qualifiers.some((candidate) => candidate.length >= qualifier.length && candidate.slice(candidate.length - qualifier.length).every((part, index) => part === qualifier[index]));
  }

  /** `name` (lower-case), qualified by `qualifier` (lower-case parts, possibly empty). */
  resolve(name: string, qualifier: readonly string[] = []): Resolution {
    const found = this.fields.filter((field) => this.matches(field, name, qualifier));
    if (found.length > 1) return { kind: "ambiguous" };
    if (found.length === 1) return { kind: "found", field: found[0]!, outer: false };
    if (this.parent === undefined) return { kind: "missing" };
    const outer = this.parent.resolve(name, qualifier);
    return outer.kind === "found" && !this.parentIsLocal ? { ...outer, outer: true } : outer;
  }

  /** Is there a relation of this (lower-case, possibly qualified) name in this scope? */
  hasRelation(qualifier: readonly string[]): boolean {
    return this.fields.some((field) => field.qualifiers.some((candidate) => candidate.length >= qualifier.length && candidate.slice(candidate.length - qualifier.length).every((part, index) => part === qualifier[index])));
  }

  visibleFields(): Field[] {
    return this.fields.filter((field) => !field.hidden);
  }
}
