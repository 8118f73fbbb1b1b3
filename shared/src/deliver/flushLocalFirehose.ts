import { EmulatorControl } from "@gpu-stream/emulator/control";

/**
 * Asks the emulator's Firehose to deliver what it buffers now. Emulator only: on AWS a buffer is delivered when
 * its interval or size is reached, so there the caller waits instead (waitForDeliveredRecords).
 */
export async function flushLocalFirehose(endpointUrl: string): Promise<void> {
  await new EmulatorControl(endpointUrl).flushFirehose();
}
