import type { DeliveryStatus } from "./DeliveryStreamWorker";

/** What each delivery stream buffers and has delivered since the emulator started. Not AWS. */
export interface FirehoseBuffersReport {
  readonly deliveryStreams: readonly FirehoseBufferStatus[];
}

/** A delivery stream's status with its times as ISO 8601 text, as the endpoint answers it. */
export interface FirehoseBufferStatus {
  readonly deliveryStreamName: string;
  readonly bufferedRecords: number;
  readonly bufferedBytes: number;
  /** When the buffering interval delivers the buffer, if it holds anything. */
  readonly nextDelivery?: string;
  readonly objectsDelivered: number;
  readonly recordsDelivered: number;
  readonly bytesDelivered: number;
  readonly lastDelivery?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

export function firehoseBuffersReport(statuses: readonly DeliveryStatus[]): FirehoseBuffersReport {
  return {
    deliveryStreams: statuses.map(({ nextDeliveryMs, lastDeliveryMs, ...status }) => ({
      ...status,
      ...(nextDeliveryMs === undefined ? {} : { nextDelivery: new Date(nextDeliveryMs).toISOString() }),
      ...(lastDeliveryMs === undefined ? {} : { lastDelivery: new Date(lastDeliveryMs).toISOString() }),
    })),
  };
}
