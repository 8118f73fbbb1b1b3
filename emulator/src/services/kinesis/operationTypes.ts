import type * as Kinesis from "@aws-sdk/client-kinesis";
import type { JsonOperation } from "../../server/JsonService";

type CommandExport = Exclude<Extract<keyof typeof Kinesis, `${string}Command`>, "$Command">;

/** Every operation of the Kinesis API, as the SDK knows it (`PutRecords`, ...). */
export type KinesisOperationName = CommandExport extends `${infer Name}Command` ? Name : never;

type CommandOf<Name extends KinesisOperationName> = (typeof Kinesis)[`${Name}Command`];

export type KinesisInput<Name extends KinesisOperationName> = ConstructorParameters<CommandOf<Name>>[0];

export type KinesisOutput<Name extends KinesisOperationName> =
  InstanceType<CommandOf<Name>> extends { middlewareStack: { resolve(...args: never[]): (...args: never[]) => Promise<{ output: infer Output }> } }
    ? Omit<Output, "$metadata">
    : never;

/** An operation table keyed by the SDK's operation names, each typed with that operation's input and output. */
export type KinesisOperationTable = {
  readonly [Name in KinesisOperationName]?: JsonOperation<KinesisInput<Name>, KinesisOutput<Name>>;
};

/** What operations without output fields answer: `{}`. */
export type NoOutput = Record<string, never>;
