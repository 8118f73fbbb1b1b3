import { DescribeDeliveryStreamCommand, type FirehoseClient } from "@aws-sdk/client-firehose";
import type { FirehoseBufferFigures, FirehoseState, Section } from "./page/dashboardWire";
import { stateSection } from "./stateSection";

/** `GET /_emulator/firehose/buffers`'s answer, as far as the dashboard reads it. */
interface EmulatorBuffers {
  readonly deliveryStreams?: readonly (FirehoseBufferFigures & { readonly deliveryStreamName: string; readonly error?: { readonly code: string; readonly message: string } })[];
}

const AWS_NOTE = "not exposed by AWS: Firehose reports no buffer contents; objects appear in S3 when the buffer's size or interval is reached";

/** What the emulator's Firehose buffers (not an AWS API); undefined, with a note, when the endpoint has no such figures. */
async function emulatorBuffer(emulatorUrl: string, name: string): Promise<{ buffer?: FirehoseBufferFigures; note: string }> {
  try {
    const response = await fetch(`${emulatorUrl.replace(/\/$/, "")}/_emulator/firehose/buffers?name=${encodeURIComponent(name)}`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) {
      return { note: `the emulator answered ${response.status} for its buffers` };
    }
    const found = ((await response.json()) as EmulatorBuffers).deliveryStreams?.[0];
    if (found === undefined) {
      return { note: "the emulator reports no buffer for it" };
    }
    const { deliveryStreamName: _name, error, ...figures } = found;
    return { buffer: { ...figures, ...(error === undefined ? {} : { error: `${error.code}: ${error.message}` }) }, note: "from the emulator (GET /_emulator/firehose/buffers; not an AWS API)" };
  } catch (error) {
    return { note: `this endpoint has no /_emulator/firehose/buffers (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** The delivery stream: DescribeDeliveryStream; locally, also what it buffers. */
export function firehoseSection(firehose: FirehoseClient, name: string, emulatorUrl: string | undefined): Promise<Section<FirehoseState>> {
  return stateSection(`delivery stream ${name} does not exist yet: set-up creates it`, async () => {
    const { DeliveryStreamDescription: description } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    const destination = description?.Destinations?.[0]?.ExtendedS3DestinationDescription;
    const processors = destination?.ProcessingConfiguration?.Enabled === true ? (destination.ProcessingConfiguration.Processors ?? []) : [];
    const sourceArn = description?.Source?.KinesisStreamSourceDescription?.KinesisStreamARN;
    const buffer = emulatorUrl === undefined ? { note: AWS_NOTE } : await emulatorBuffer(emulatorUrl, name);
    return {
      deliveryStreamStatus: description?.DeliveryStreamStatus ?? "UNKNOWN",
      source: sourceArn === undefined ? (description?.DeliveryStreamType ?? "DirectPut") : `stream ${sourceArn.split("/").pop()}`,
      destination: destination === undefined ? "not S3" : `s3://${destination.BucketARN?.split(":::").pop() ?? "?"}/${destination.Prefix ?? ""}`,
      ...(destination?.BufferingHints?.SizeInMBs === undefined ? {} : { bufferSizeMB: destination.BufferingHints.SizeInMBs }),
      ...(destination?.BufferingHints?.IntervalInSeconds === undefined ? {} : { bufferIntervalSeconds: destination.BufferingHints.IntervalInSeconds }),
      newlineDelimited: processors.some((processor) => processor.Type === "AppendDelimiterToRecord"),
      compression: destination?.CompressionFormat ?? "UNCOMPRESSED",
      ...(buffer.buffer === undefined ? {} : { buffer: buffer.buffer }),
      bufferNote: buffer.note,
    };
  });
}
