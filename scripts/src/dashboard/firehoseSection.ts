import { DescribeDeliveryStreamCommand, type FirehoseClient } from "@aws-sdk/client-firehose";
import { EmulatorControl, EmulatorControlError } from "@gpu-stream/emulator/control";
import type { FirehoseBufferFigures, FirehoseState, Section } from "./page/dashboardWire";
import { stateSection } from "./stateSection";

const AWS_NOTE = "not exposed by AWS: Firehose reports no buffer contents; objects appear in S3 when the buffer's size or interval is reached";

/** What the emulator's Firehose buffers (not an AWS API); undefined, with a note, when the endpoint has no such figures. */
async function emulatorBuffer(emulatorUrl: string, name: string): Promise<{ buffer?: FirehoseBufferFigures; note: string }> {
  try {
    const found = (await new EmulatorControl(emulatorUrl).firehoseBuffers(name, { signal: AbortSignal.timeout(2000) })).deliveryStreams?.[0];
    if (found === undefined) {
      return { note: "the emulator reports no buffer for it" };
    }
    const { deliveryStreamName: _name, error, ...figures } = found;
    return { buffer: { ...figures, ...(error === undefined ? {} : { error: `${error.code}: ${error.message}` }) }, note: "from the emulator (GET /_emulator/firehose/buffers; not an AWS API)" };
  } catch (error) {
    if (error instanceof EmulatorControlError) {
      return { note: `the emulator answered ${error.status} for its buffers` };
    }
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
