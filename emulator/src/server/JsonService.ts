import type { SelfWrittenJson } from "../protocol/awsJson/SelfWrittenJson";
import type { StreamedAnswer } from "../protocol/awsJson/StreamedAnswer";
import type { Caller } from "./requestCaller";
import type { StructureShape, ValidatedInput } from "./shapes";

/** What a handler may know of the request beyond its input. */
export interface RequestContext {
  readonly region: string;
  readonly accountId: string;
  /** Milliseconds since the epoch; injectable so tests control time. */
  now(): number;
  /** Who sent the request a JSON handler is answering; absent outside a request. */
  readonly caller?: Caller;
}

/**
 * An operation: its input schema and its handler. `Input` is the SDK's input type; the handler receives it as
 * validated against `Schema` (`typeof` the operation's input shape), the members the schema requires present.
 * It returns its output, an answer that writes that output's JSON itself (SelfWrittenJson, GetRecords), or a body
 * streamed as it is produced (StreamedAnswer, SubscribeToShard's event stream).
 */
export interface JsonOperation<Input, Output, Schema extends StructureShape = StructureShape> {
  readonly input: Schema;
  handle(input: ValidatedInput<Input, Schema>, context: RequestContext): Promise<Answer<Output>> | Answer<Output>;
}

/** What a handler may answer: its output, its output's JSON written by itself, or a streamed body. */
export type Answer<Output> = Output | SelfWrittenJson<Output> | StreamedAnswer;

/** A service spoken as JSON 1.1 (or 1.0) with `X-Amz-Target: <targetPrefix>.<Operation>`. */
export interface JsonService {
  /** As the user knows it, for messages: `Kinesis`, `Firehose`. */
  readonly name: string;
  /** The SigV4 scope's service, when it is not `name` in lower case (CloudWatch Logs signs as `logs`). */
  readonly signingName?: string;
  readonly targetPrefix: string;
  /** Namespace AWS puts in the `x-amzn-ErrorType` header after the code. */
  readonly errorNamespace: string;
  /** Every operation of the real API; those without a handler answer 501 naming themselves. */
  readonly apiOperations: readonly string[];
  /** Each service's table is typed against the SDK's Input/Output types where it is defined (OperationTable.ts). */
  readonly operations: Readonly<Record<string, JsonOperation<unknown, unknown>>>;
  /** Largest request body accepted, checked while reading. */
  readonly maxBodyBytes: number;
  /**
   * How errors are written when not as most JSON services write them (`message`, with x-amzn-ErrorType):
   * Athena writes `Message` and its AwsError details (AthenaErrorCode, ErrorCode), and no x-amzn-ErrorType header.
   */
  readonly errorStyle?: { readonly messageKey: "Message"; readonly typeHeader: false };
  /**
   * `coral`: the service speaks as Coral, the Java framework behind Kinesis's endpoint, does, word for word
   * (recorded by kinesalite's suite against production Kinesis): Coral's serialization and validation wording
   * (coralWording.ts), protocol errors in the request's own format (coralDoor.ts), an empty body for operations
   * that return nothing, and x-amz-id-2 on every answer. Absent: the emulator's own, more descriptive wording.
   */
  readonly wording?: "coral";
}

/**
 * Declares an operation with the SDK's own input and output types, so a misspelled field is a compile error:
 * `operation<PutRecordInput, PutRecordOutput, typeof putRecordInput>`, the handler's input narrowed by the schema.
 */
export function operation<Input, Output, Schema extends StructureShape = StructureShape>(definition: JsonOperation<Input, Output, Schema>): JsonOperation<Input, Output, Schema> {
  return definition;
}
