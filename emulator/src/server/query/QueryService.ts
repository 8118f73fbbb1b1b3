// Source: https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html (MissingAction, InvalidAction).
import type { RequestContext } from "../JsonService";
import type { OperationName } from "../OperationTable";
import type { Caller } from "../requestCaller";
import type { QueryParameters } from "./QueryParameters";
import type { XmlValue } from "../../protocol/awsQuery/xmlDocument";

export interface QueryRequest {
  readonly parameters: QueryParameters;
  readonly caller: Caller;
  readonly context: RequestContext;
}

/** One action: what goes inside `<ActionResult>`, or undefined for actions whose answer has no result (DeleteRole). */
export type QueryAction = (request: QueryRequest) => Promise<{ readonly [name: string]: XmlValue | undefined } | undefined>;

/** An action table keyed by the SDK's operation names (`typeof import("@aws-sdk/client-iam")`): a misspelled name is a compile error. */
export type QueryActionTable<Client> = { readonly [Name in OperationName<Client>]?: QueryAction };

/** A service on the AWS query protocol (IAM, STS): form-encoded POST in, XML out. */
export interface QueryService {
  /** As in the signature's credential scope: `iam`, `sts`. */
  readonly signingName: string;
  /** The API version the SDK sends in `Version`, e.g. 2010-05-08 (IAM) or 2011-06-15 (STS). */
  readonly version: string;
  /** The namespace of the answers' root element. */
  readonly xmlNamespace: string;
  readonly actions: Readonly<Record<string, QueryAction>>;
}
