import type * as Firehose from "@aws-sdk/client-firehose";
import type { JsonService } from "../../server/JsonService";
import type { OperationName } from "../../server/OperationTable";
import { lazyOperationTable } from "../lazyOperationTable";
import type { PassRoleCheck } from "../iam/PassRoleCheck";
import type { DeliveryStreams } from "./DeliveryStreams";

/** Every operation of the Firehose API (2015-08-04); those without a handler answer 501 naming themselves. */
export const FIREHOSE_OPERATIONS = [
  "CreateDeliveryStream",
  "DeleteDeliveryStream",
  "DescribeDeliveryStream",
  "ListDeliveryStreams",
  "ListTagsForDeliveryStream",
  "PutRecord",
  "PutRecordBatch",
  "StartDeliveryStreamEncryption",
  "StopDeliveryStreamEncryption",
  "TagDeliveryStream",
  "UntagDeliveryStream",
  "UpdateDestination",
] as const satisfies readonly OperationName<typeof Firehose>[];

/**
 * A PutRecordBatch of 4 MiB is about 5.4 MiB of base64 in JSON; larger bodies are refused while being read
 * (413) and never sit in memory whole.
 */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function firehoseApi(streams: DeliveryStreams, passRole?: PassRoleCheck): JsonService {
  return {
    name: "Firehose",
    targetPrefix: "Firehose_20150804",
    errorNamespace: "http://internal.amazon.com/coral/com.amazonaws.firehose/",
    apiOperations: FIREHOSE_OPERATIONS,
    operations: lazyOperationTable(() => (require("./firehoseOperations") as typeof import("./firehoseOperations")).firehoseOperations(streams, passRole)),
    maxBodyBytes: MAX_BODY_BYTES,
  };
}
