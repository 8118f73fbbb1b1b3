/**
 * Asks the emulator's Firehose to deliver what it buffers now. Emulator only: on AWS a buffer is delivered when
 * its interval or size is reached, so there the caller waits instead (waitForDeliveredRecords).
 */
export async function flushLocalFirehose(endpointUrl: string): Promise<void> {
  const response = await fetch(`${endpointUrl.replace(/\/$/, "")}/_emulator/firehose/flush`, { method: "POST" });
  if (!response.ok) {
    throw new Error(`the emulator's Firehose flush at ${endpointUrl} answered ${response.status}: ${await response.text()}`);
  }
}
