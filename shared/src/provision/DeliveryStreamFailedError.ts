import type { DeliveryStreamStatus, FailureDescription } from "@aws-sdk/client-firehose";

/**
 * A delivery stream that ended CREATING_FAILED or DELETING_FAILED, with the reason Firehose gives in
 * DescribeDeliveryStream's FailureDescription (Type and Details;
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeliveryStreamDescription.html). Such a status does
 * not change by itself: the stream must be deleted (DeleteDeliveryStream, AllowForceDelete for DELETING_FAILED)
 * and created again (https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html).
 */
export class DeliveryStreamFailedError extends Error {
  override readonly name = "DeliveryStreamFailedError";

  constructor(
    readonly deliveryStreamName: string,
    readonly status: Extract<DeliveryStreamStatus, "CREATING_FAILED" | "DELETING_FAILED">,
    readonly failureDescription: FailureDescription | undefined,
  ) {
    const reason = failureDescription === undefined ? "Firehose gave no FailureDescription" : `${failureDescription.Type ?? "unknown type"}: ${failureDescription.Details ?? "no details"}`;
    const next =
      status === "CREATING_FAILED"
        ? "delete it (DeleteDeliveryStream) and create it again once the cause is fixed"
        : "delete it again with AllowForceDelete";
    super(`Firehose delivery stream '${deliveryStreamName}' is ${status} (${reason}); it stays so: ${next}`);
  }
}
