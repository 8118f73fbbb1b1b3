import type * as Firehose from "@aws-sdk/client-firehose";
import type { JsonService } from "../../server/JsonService";
import type { OperationName, OperationTable } from "../../server/OperationTable";
import type { PassRoleCheck } from "../iam/PassRoleCheck";
import { createDeliveryStream } from "./operations/createDeliveryStream";
import { deleteDeliveryStream } from "./operations/deleteDeliveryStream";
import type { DeliveryStreams } from "./DeliveryStreams";
import { describeDeliveryStream } from "./operations/describeDeliveryStream";
import { listDeliveryStreams } from "./operations/listDeliveryStreams";
import { listTagsForDeliveryStream } from "./operations/listTagsForDeliveryStream";
import { putRecord } from "./operations/putRecord";
import { putRecordBatch } from "./operations/putRecordBatch";
import { tagDeliveryStream } from "./operations/tagDeliveryStream";
import { untagDeliveryStream } from "./operations/untagDeliveryStream";

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
  const operations = {
    CreateDeliveryStream: createDeliveryStream(streams, passRole),
    DeleteDeliveryStream: deleteDeliveryStream(streams),
    DescribeDeliveryStream: describeDeliveryStream(streams),
    ListDeliveryStreams: listDeliveryStreams(streams),
    ListTagsForDeliveryStream: listTagsForDeliveryStream(streams),
    PutRecord: putRecord(streams),
    PutRecordBatch: putRecordBatch(streams),
    TagDeliveryStream: tagDeliveryStream(streams),
    UntagDeliveryStream: untagDeliveryStream(streams),
  } satisfies OperationTable<typeof Firehose>;
  return {
    name: "Firehose",
    targetPrefix: "Firehose_20150804",
    errorNamespace: "http://internal.amazon.com/coral/com.amazonaws.firehose/",
    apiOperations: FIREHOSE_OPERATIONS,
    operations,
    maxBodyBytes: MAX_BODY_BYTES,
  };
}
