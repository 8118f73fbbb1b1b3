import type * as Glue from "@aws-sdk/client-glue";
import type { JsonOperation } from "../../server/JsonService";

type CommandExport = Exclude<Extract<keyof typeof Glue, `${string}Command`>, "$Command">;

/** Every operation of the Glue API, as the SDK knows it (`GetTables`, ...). */
export type GlueOperationName = CommandExport extends `${infer Name}Command` ? Name : never;

type CommandOf<Name extends GlueOperationName> = (typeof Glue)[`${Name}Command`];

export type GlueInput<Name extends GlueOperationName> = ConstructorParameters<CommandOf<Name>>[0];

export type GlueOutput<Name extends GlueOperationName> =
  InstanceType<CommandOf<Name>> extends { middlewareStack: { resolve(...args: never[]): (...args: never[]) => Promise<{ output: infer Output }> } }
    ? Omit<Output, "$metadata">
    : never;

/** An operation table keyed by the SDK's operation names, each typed with that operation's input and output. */
export type GlueOperationTable = {
  readonly [Name in GlueOperationName]?: JsonOperation<GlueInput<Name>, GlueOutput<Name>>;
};

/** What operations without output fields answer: `{}`. */
export type NoOutput = Record<string, never>;
