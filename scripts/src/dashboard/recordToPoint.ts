import { parseRecord, RecordError } from "@gpu-stream/shared";
import type { TelemetryPoint } from "./page/dashboardWire";

/** A stream record as a chart point, or undefined when it is not a telemetry record (another producer's data). */
export function recordToPoint(data: Uint8Array): TelemetryPoint | undefined {
  try {
    const record = parseRecord(data);
    return { metric: record.tipo, t: record.timestamp, v: Number(record.dado), ...(record.gpu === undefined ? {} : { gpu: record.gpu }) };
  } catch (error) {
    if (error instanceof RecordError) {
      return undefined;
    }
    throw error;
  }
}
