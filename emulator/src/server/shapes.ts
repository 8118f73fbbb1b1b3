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

export interface ListShape {
  readonly type: "list";
  readonly member: Shape;
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

export interface StructureShape {
  readonly type: "structure";
  readonly members: Readonly<Record<string, Shape>>;
  readonly required?: readonly string[];
}

export const string = (constraints: Omit<StringShape, "type"> = {}): StringShape => ({ type: "string", ...constraints });
export const integer = (constraints: Omit<NumberShape, "type"> = {}): NumberShape => ({ type: "integer", ...constraints });
export const long = (constraints: Omit<NumberShape, "type"> = {}): NumberShape => ({ type: "long", ...constraints });
export const double = (constraints: Omit<NumberShape, "type"> = {}): NumberShape => ({ type: "double", ...constraints });
export const boolean = (): BooleanShape => ({ type: "boolean" });
export const blob = (constraints: Omit<BlobShape, "type"> = {}): BlobShape => ({ type: "blob", ...constraints });
export const timestamp = (): TimestampShape => ({ type: "timestamp" });
export const list = (member: Shape, constraints: Omit<ListShape, "type" | "member"> = {}): ListShape => ({ type: "list", member, ...constraints });
export const map = (key: StringShape, value: Shape, constraints: Omit<MapShape, "type" | "key" | "value"> = {}): MapShape => ({ type: "map", key, value, ...constraints });
export const structure = (members: Record<string, Shape>, required: readonly string[] = []): StructureShape => ({ type: "structure", members, required });
