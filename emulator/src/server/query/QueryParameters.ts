// Source: how the query protocol flattens lists and maps (`Tags.member.1.Key`), as in
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html's example requests.
import { AwsError } from "../../protocol/AwsError";

/**
 * A query-protocol request's form parameters (`Action=...&Version=...&Tags.member.1.Key=...`), decoded, with the
 * readers the operations need. A missing required member is refused as IAM and STS do, with a ValidationError
 * naming the member in lower camel case ("Value null at 'roleName' failed to satisfy constraint: ...").
 */
export class QueryParameters {
  private constructor(private readonly values: ReadonlyMap<string, string>) {}

  /** `application/x-www-form-urlencoded`: `+` is a space, the first of a repeated name wins. */
  static parse(body: string): QueryParameters {
    const values = new Map<string, string>();
    for (const [name, value] of new URLSearchParams(body)) {
      if (!values.has(name)) {
        values.set(name, value);
      }
    }
    return new QueryParameters(values);
  }

  optional(name: string): string | undefined {
    return this.values.get(name);
  }

  required(name: string): string {
    const value = this.values.get(name);
    if (value === undefined) {
      throw new AwsError("ValidationError", `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`, 400);
    }
    return value;
  }

  /** An integer member; a value that is not one is refused as IAM's front end refuses it. */
  optionalInteger(name: string): number | undefined {
    const text = this.values.get(name);
    if (text === undefined) {
      return undefined;
    }
    if (!/^-?\d+$/.test(text)) {
      throw new AwsError("ValidationError", `1 validation error detected: Value '${text}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must be a number`, 400);
    }
    return Number(text);
  }

  /** A list serialised as `<name>.member.1...`, each item read by `item` from its prefix. */
  list<T>(name: string, item: (prefix: string) => T): T[] | undefined {
    const items: T[] = [];
    for (let index = 1; this.hasPrefix(`${name}.member.${index}`); index += 1) {
      items.push(item(`${name}.member.${index}`));
    }
    return items.length === 0 && !this.values.has(name) ? undefined : items;
  }

  private hasPrefix(prefix: string): boolean {
    for (const name of this.values.keys()) {
      if (name === prefix || name.startsWith(`${prefix}.`)) {
        return true;
      }
    }
    return false;
  }
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
