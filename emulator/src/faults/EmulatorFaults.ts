import type { DeliveryStreamFailureType, FailureDescription } from "@aws-sdk/client-firehose";

/**
 * Faults the emulator injects on request, to show how a client copes with what a real account does (not AWS:
 * `POST /_emulator/faults`, docs/emulator.md). Each makes one operation answer as AWS answers when that goes wrong.
 */
export interface FaultSettings {
  /**
   * CreateBucket answers 409 OperationAborted for this long, as S3 does while a bucket of that name is still
   * being deleted (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList).
   */
  readonly "s3.createBucket.operationAborted"?: { readonly forMs: number };
  /** Every delivery stream created while this is set goes CREATING_FAILED with this FailureDescription. */
  readonly "firehose.createDeliveryStream.fail"?: { readonly failureDescription: FailureDescription };
  /** Every delivery stream deleted while this is set stays DELETING this long (and its name taken). */
  readonly "firehose.deleteDeliveryStream.deleting"?: { readonly forMs: number };
  /**
   * A role created less than this long ago cannot be assumed by a service yet, as a new role propagates through IAM
   * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency):
   * Firehose's CreateDeliveryStream answers "Firehose is unable to assume role ..." meanwhile.
   */
  readonly "iam.role.propagationDelay"?: { readonly forMs: number };
  /** Every IAM request is answered this late: a slow IAM, for a client interrupted while it waits on one. */
  readonly "iam.latency"?: { readonly forMs: number };
}

export type FaultName = keyof FaultSettings;

/** A request to set faults that does not parse; the route answers 400 with its message. */
export class FaultRequestError extends Error {}

const FAULT_NAMES: readonly FaultName[] = [
  "s3.createBucket.operationAborted",
  "firehose.createDeliveryStream.fail",
  "firehose.deleteDeliveryStream.deleting",
  "iam.role.propagationDelay",
  "iam.latency",
];
const MAX_FOR_MS = 3_600_000;
let failureTypes: readonly string[] | undefined;

/**
 * DeliveryStreamFailureType's values, taken from the SDK on the first fault request: loading
 * @aws-sdk/client-firehose takes 30 ms, which every start of the emulator would otherwise pay for a route few call.
 */
function deliveryStreamFailureTypes(): readonly string[] {
  failureTypes ??= Object.values((require("@aws-sdk/client-firehose") as typeof import("@aws-sdk/client-firehose")).DeliveryStreamFailureType);
  return failureTypes;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function duration(name: FaultName, value: unknown): { forMs: number } {
  const forMs = isObject(value) ? value["forMs"] : undefined;
  if (typeof forMs !== "number" || !Number.isInteger(forMs) || forMs < 0 || forMs > MAX_FOR_MS) {
    throw new FaultRequestError(`${name} takes {"forMs": <integer milliseconds, 0 to ${MAX_FOR_MS}>}`);
  }
  return { forMs };
}

function failure(name: FaultName, value: unknown): { failureDescription: FailureDescription } {
  const description = isObject(value) ? value["failureDescription"] : undefined;
  const type = isObject(description) ? description["Type"] : undefined;
  const details = isObject(description) ? description["Details"] : undefined;
  const types = deliveryStreamFailureTypes();
  if (typeof type !== "string" || !types.includes(type) || typeof details !== "string" || details === "") {
    throw new FaultRequestError(`${name} takes {"failureDescription": {"Type": <one of ${types.join(", ")}>, "Details": <text>}}`);
  }
  return { failureDescription: { Type: type as DeliveryStreamFailureType, Details: details } };
}

/** The faults a request body asks for, checked whole before any is set. */
export function parseFaultSettings(body: string): FaultSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new FaultRequestError("the body is not JSON: send an object of faults, e.g. {\"s3.createBucket.operationAborted\": {\"forMs\": 3000}}");
  }
  if (!isObject(parsed)) {
    throw new FaultRequestError("the body must be a JSON object of faults by name");
  }
  const settings: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!(FAULT_NAMES as readonly string[]).includes(name)) {
      throw new FaultRequestError(`unknown fault '${name}': the faults are ${FAULT_NAMES.join(", ")}`);
    }
    const fault = name as FaultName;
    settings[fault] = fault === "firehose.createDeliveryStream.fail" ? failure(fault, value) : duration(fault, value);
  }
  return settings as FaultSettings;
}

/** Faults in force, each until it expires (a duration) or is cleared; read by the services at the moment they apply. */
export class EmulatorFaults {
  private createBucketAbortedUntilMs = 0;
  private deliveryStreamFailure: FailureDescription | undefined;
  private deliveryStreamDeletingMs = 0;
  private rolePropagationMs = 0;
  private iamLatency = 0;

  constructor(private readonly now: () => number) {}

  set(settings: FaultSettings): void {
    const aborted = settings["s3.createBucket.operationAborted"];
    if (aborted !== undefined) {
      this.createBucketAbortedUntilMs = this.now() + aborted.forMs;
    }
    const failed = settings["firehose.createDeliveryStream.fail"];
    if (failed !== undefined) {
      this.deliveryStreamFailure = failed.failureDescription;
    }
    const deleting = settings["firehose.deleteDeliveryStream.deleting"];
    if (deleting !== undefined) {
      this.deliveryStreamDeletingMs = deleting.forMs;
    }
    this.rolePropagationMs = settings["iam.role.propagationDelay"]?.forMs ?? this.rolePropagationMs;
    this.iamLatency = settings["iam.latency"]?.forMs ?? this.iamLatency;
  }

  clear(): void {
    this.createBucketAbortedUntilMs = 0;
    this.deliveryStreamFailure = undefined;
    this.deliveryStreamDeletingMs = 0;
    this.rolePropagationMs = 0;
    this.iamLatency = 0;
  }

  /** True while CreateBucket must answer OperationAborted. */
  createBucketAborted(): boolean {
    return this.now() < this.createBucketAbortedUntilMs;
  }

  /** The FailureDescription a delivery stream created now fails with, if any. */
  deliveryStreamCreationFailure(): FailureDescription | undefined {
    return this.deliveryStreamFailure;
  }

  /** How long a delivery stream deleted now stays DELETING. */
  deliveryStreamDeletingForMs(): number {
    return this.deliveryStreamDeletingMs;
  }

  /** How long after its creation a role cannot be assumed by a service. */
  rolePropagationDelayMs(): number {
    return this.rolePropagationMs;
  }

  /** How late every IAM request is answered. */
  iamLatencyMs(): number {
    return this.iamLatency;
  }

  /** What is in force, as GET /_emulator/faults answers it: durations as what is left of them. */
  list(): FaultSettings {
    const faults: { -readonly [Name in FaultName]?: FaultSettings[Name] } = {};
    const abortedLeftMs = this.createBucketAbortedUntilMs - this.now();
    if (abortedLeftMs > 0) {
      faults["s3.createBucket.operationAborted"] = { forMs: abortedLeftMs };
    }
    if (this.deliveryStreamFailure !== undefined) {
      faults["firehose.createDeliveryStream.fail"] = { failureDescription: this.deliveryStreamFailure };
    }
    if (this.deliveryStreamDeletingMs > 0) {
      faults["firehose.deleteDeliveryStream.deleting"] = { forMs: this.deliveryStreamDeletingMs };
    }
    if (this.rolePropagationMs > 0) {
      faults["iam.role.propagationDelay"] = { forMs: this.rolePropagationMs };
    }
    if (this.iamLatency > 0) {
      faults["iam.latency"] = { forMs: this.iamLatency };
    }
    return faults;
  }
}
