import type { RowField, TrinoType } from "./TrinoType";

/** A Trino type by its display name (`varchar(3)`, `array(row(x integer))`), as views store their columns. */
export function parseTypeName(text: string): TrinoType {
  let i = 0;
  const source = text.trim();
  const skip = (): void => {
    while (source[i] === " ") i++;
  };
  const word = (): string => {
    skip();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (match === null) throw new Error(`cannot parse type '${text}'`);
    i += match[0].length;
    return match[0].toLowerCase();
  };
  const numbers = (): number[] => {
    skip();
    if (source[i] !== "(") return [];
    const end = source.indexOf(")", i);
    const values = source
      .slice(i + 1, end)
      .split(",")
      .map((value) => Number(value.trim()));
    i = end + 1;
    return values;
  };
  const expect = (character: string): void => {
    skip();
    if (source[i] !== character) throw new Error(`cannot parse type '${text}'`);
    i++;
  };
  const withTimeZone = (): boolean => {
    skip();
    if (source.slice(i).toLowerCase().startsWith("with time zone")) {
      i += "with time zone".length;
      return true;
    }
    return false;
  };
  const type = (): TrinoType => {
    const name = word();
    switch (name) {
      case "varchar": {
        const [length] = numbers();
        return length === undefined ? { kind: "varchar" } : { kind: "varchar", length };
      }
      case "char":
        return { kind: "char", length: numbers()[0] ?? 1 };
      case "decimal": {
        const [precision, scale] = numbers();
        return { kind: "decimal", precision: precision ?? 38, scale: scale ?? 0 };
      }
      case "timestamp":
      case "time": {
        const [precision] = numbers();
        return { kind: name, precision: precision ?? 3, withTimeZone: withTimeZone() };
      }
      case "interval": {
        const rest = source.slice(i).trim().toLowerCase();
        const kind = rest.startsWith("year") ? "interval year to month" : "interval day to second";
        i = source.length;
        return { kind };
      }
      case "array": {
        expect("(");
        const element = type();
        expect(")");
        return { kind: "array", element };
      }
      case "map": {
        expect("(");
        const key = type();
        expect(",");
        const value = type();
        expect(")");
        return { kind: "map", key, value };
      }
      case "row": {
        expect("(");
        const fields: RowField[] = [];
        for (;;) {
          skip();
          const start = i;
          const first = word();
          skip();
          if (source[i] === "," || source[i] === ")" || source[i] === "(") {
            i = start;
            fields.push({ type: type() });
          } else {
            i = start;
            word();
            fields.push({ name: first, type: type() });
          }
          skip();
          if (source[i] === ",") {
            i++;
            continue;
          }
          expect(")");
          return { kind: "row", fields };
        }
      }
      case "double":
        skip();
        if (source.slice(i).toLowerCase().startsWith("precision")) i += "precision".length;
        return { kind: "double" };
      case "int":
        return { kind: "integer" };
      default:
        return { kind: name as "boolean" };
    }
  };
  return type();
}
