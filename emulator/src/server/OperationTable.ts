import type { JsonOperation } from "./JsonService";

/**
 * An SDK client module's operations, read from its `*Command` exports (`PutRecordsCommand` -> `PutRecords`), with each
 * operation's input and output types. Typed as `typeof import("@aws-sdk/client-kinesis")`, a service's operation table
 * is checked by the compiler: a misspelled operation name or output field is a compile error.
 */
type CommandKey<Client> = Exclude<Extract<keyof Client, `${string}Command`>, "$Command">;

type NameOfCommand<Key> = Key extends `${infer Name}Command` ? Name : never;

/** Every operation of a client module's API, as the SDK knows it (`PutRecords`, ...). */
export type OperationName<Client> = NameOfCommand<CommandKey<Client>>;

type CommandOf<Client, Name extends string> = Client[Extract<`${Name}Command`, keyof Client>];

/** What the SDK sends for an operation: its `*CommandInput`. */
export type OperationInput<Client, Name extends OperationName<Client>> =
  CommandOf<Client, Name> extends abstract new (...args: infer Args) => unknown ? Args[0] : never;

/** What the SDK reads back for an operation: its `*CommandOutput` without the `$metadata` the SDK adds. */
export type OperationOutput<Client, Name extends OperationName<Client>> =
  CommandOf<Client, Name> extends abstract new (...args: never[]) => infer Command
    ? Command extends { middlewareStack: { resolve(...args: never[]): (...args: never[]) => Promise<{ output: infer Output }> } }
      ? Omit<Output, "$metadata">
      : never
    : never;

/** An operation table keyed by the SDK's operation names, each typed with that operation's input and output. */
export type OperationTable<Client> = {
  readonly [Name in OperationName<Client>]?: JsonOperation<OperationInput<Client, Name>, OperationOutput<Client, Name>>;
};

/** What operations without output fields answer: `{}`. */
export type NoOutput = Record<string, never>;
