/**
 * Input shapes as data, mirroring the AWS API reference: type, required, length, range, pattern, enum.
 * One engine (validateInput) checks them and decodes wire values (base64 blobs, epoch-second timestamps)
 * into the SDK's decoded view, so handlers never see base64.
 */
export type Shape = StringShape | NumberShape | BooleanShape | BlobShape | TimestampShape | ListShape | MapShape | StructureShape;

export interface StringShape {
  readonly type: "string";
  readonly min?: number;
  readonly max?: number;
  /** AWS's pattern, written as the API reference writes it (it appears in the error message verbatim). */
  readonly pattern?: string;
  readonly enum?: readonly string[];
}

export interface NumberShape {
  readonly type: "integer" | "long" | "double";
  readonly min?: number;
  readonly max?: number;
}

export interface BooleanShape {
  readonly type: "boolean";
}

export interface BlobShape {
  readonly type: "blob";
  readonly min?: number;
  readonly max?: number;
}

export interface TimestampShape {
  readonly type: "timestamp";
}

export interface ListShape<Member extends Shape = Shape> {
  readonly type: "list";
  readonly member: Member;
  readonly min?: number;
  readonly max?: number;
}

export interface MapShape {
  readonly type: "map";
  readonly key: StringShape;
  readonly value: Shape;
  readonly min?: number;
  readonly max?: number;
}

/**
 * `Required` and `Members` keep, in the type, which members the schema requires and each member's shape, so a
 * handler's input can say what validation guarantees (ValidatedInput); a shape typed plainly (`StructureShape`)
 * guarantees nothing beyond the SDK's type.
 */
export interface StructureShape<Required extends string = string, Members extends Readonly<Record<string, Shape>> = Readonly<Record<string, Shape>>> {
  readonly type: "structure";
  readonly members: Members;
  readonly required?: readonly Required[];
}

/**
 * A value of the SDK's type `Value` once validated against `Shape`: the members the schema requires are present
 * (not optional, not undefined), in nested structures and list members too.
 */
export type ValidatedInput<Value, S> =
  S extends StructureShape<infer Required, infer Members>
    ? Value extends object
      ? ValidatedStructure<Value, Required, Members>
      : Value
    : S extends ListShape<infer Member>
      ? Value extends readonly (infer Element)[]
        ? ValidatedInput<Element, Member>[]
        : Value
      : Value;

type ValidatedStructure<Value, Required extends string, Members> = string extends Required
  ? Value
  : { [Key in keyof Value]: Key extends keyof Members ? ValidatedInput<Value[Key], Members[Key]> : Value[Key] } & {
      [Key in Required & keyof Value]-?: NonNullable<Key extends keyof Members ? ValidatedInput<Value[Key], Members[Key]> : Value[Key]>;
    };

export const string = (constraints: Omit<StringShape, "type"> = {}): StringShape => ({ type: "string", ...constraints });
export const integer = (constraints: Omit<NumberShape, "type"> = {}): NumberShape => ({ type: "integer", ...constraints });
export const long = (constraints: Omit<NumberShape, "type"> = {}): NumberShape => ({ type: "long", ...constraints });
export const double = (constraints: Omit<NumberShape, "type"> = {}): NumberShape => ({ type: "double", ...constraints });
export const boolean = (): BooleanShape => ({ type: "boolean" });
export const blob = (constraints: Omit<BlobShape, "type"> = {}): BlobShape => ({ type: "blob", ...constraints });
export const timestamp = (): TimestampShape => ({ type: "timestamp" });
export const list = <const Member extends Shape>(member: Member, constraints: Omit<ListShape, "type" | "member"> = {}): ListShape<Member> => ({ type: "list", member, ...constraints });
export const map = (key: StringShape, value: Shape, constraints: Omit<MapShape, "type" | "key" | "value"> = {}): MapShape => ({ type: "map", key, value, ...constraints });
/** A structure; `required` names members of `members` only (a misspelled name is a compile error). */
export const structure = <const Members extends Readonly<Record<string, Shape>>, const Required extends keyof Members & string = never>(
  members: Members,
  required: readonly Required[] = [],
): StructureShape<Required, Members> => ({ type: "structure", members, required });
