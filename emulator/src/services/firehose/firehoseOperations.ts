import type * as Firehose from "@aws-sdk/client-firehose";
import type { OperationTable } from "../../server/OperationTable";
import type { PassRoleCheck } from "../iam/PassRoleCheck";
import type { DeliveryStreams } from "./DeliveryStreams";
import { createDeliveryStream } from "./operations/createDeliveryStream";
import { deleteDeliveryStream } from "./operations/deleteDeliveryStream";
import { describeDeliveryStream } from "./operations/describeDeliveryStream";
import { listDeliveryStreams } from "./operations/listDeliveryStreams";
import { listTagsForDeliveryStream } from "./operations/listTagsForDeliveryStream";
import { putRecord } from "./operations/putRecord";
import { putRecordBatch } from "./operations/putRecordBatch";
import { tagDeliveryStream } from "./operations/tagDeliveryStream";
import { untagDeliveryStream } from "./operations/untagDeliveryStream";

/** The operations the emulator answers, by the SDK's names: a misspelled name or output field is a compile error. */
export function firehoseOperations(streams: DeliveryStreams, passRole?: PassRoleCheck) {
  return {
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
}
